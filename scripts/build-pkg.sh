#!/usr/bin/env bash
# Builds the wasm once per wasm-bindgen target and assembles the one npm package in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf pkg
for target in bundler web nodejs; do
  wasm-pack build --release --no-pack --target "$target" --out-dir "pkg-build/$target" --out-name rolegate >/dev/null
done
mkdir -p pkg
cp -r pkg-build/bundler pkg/bundler
cp -r pkg-build/web pkg/web
cp -r pkg-build/nodejs pkg/node
if [ -d pkg-config ]; then cp -r pkg-config/. pkg/; fi
echo "pkg/: $(du -sh pkg | cut -f1)"
