#!/usr/bin/env bash
# Installs what rolegate's build and test suites need, only where it is missing, so a
# second run takes seconds. Usage: scripts/setup.sh build   (Rust wasm target, wasm-pack,
# wasm-bindgen-cli at the pinned version, wasm-opt)  |  test (build + browsers, drivers and the
# Node test dependencies)  |  bench (build + Chromium and the peers the benchmarks compare against)
# |  fuzz (cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-test}

log() { echo "setup: $*" >&2; }
missing() { ! command -v "$1" >/dev/null 2>&1; }

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate (pinned with `=`).
bindgen_version=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
[ -n "$bindgen_version" ] || { echo "setup: no pinned wasm-bindgen version in Cargo.toml" >&2; exit 1; }

# What these scripts build with and do not install themselves: named, with how to get it, before
# anything is built.
require() {
  local gone=()
  for tool in rustup cargo node npm make cc; do missing "$tool" && gone+=("$tool"); done
  if [ ${#gone[@]} -gt 0 ]; then
    echo "setup: missing: ${gone[*]}. rolegate builds with Rust through rustup (https://rustup.rs), Node.js 20.19" >&2
    echo "setup: or later with npm, make and a C compiler; on Debian: apt-get install nodejs npm make gcc, and rustup" >&2
    echo "setup: from https://rustup.rs. Then run this again." >&2
    exit 1
  fi
  # The package needs Node 20; the test apps' Vite 7 and Next.js 16 need 20.19 (Debian 13's nodejs).
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "setup: Node.js $(node --version) is too old: rolegate needs Node.js 20.19 or later (Debian 13: apt-get" >&2
    echo "setup: install nodejs; elsewhere https://nodejs.org or a version manager such as nvm). Then run this again." >&2
    exit 1
  fi
}

setup_build() {
  require
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown
  fi
  if missing wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$bindgen_version" ]; then
    log "installing wasm-bindgen-cli $bindgen_version"; cargo install --force wasm-bindgen-cli@"$bindgen_version"
  fi
  if missing wasm-pack; then log "installing wasm-pack"; cargo install wasm-pack; fi
  # wasm-pack's own download of wasm-opt needs the internet; binaryen from npm is current.
  if missing wasm-opt || ! wasm-opt --version | grep -qE 'version (1[2-9][0-9]|[2-9][0-9]{2})'; then
    log "installing binaryen (wasm-opt) from npm"; npm install -g --no-fund --no-audit binaryen >/dev/null
  fi
  npm_deps tools
}

apt_install() {
  local pkgs=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || pkgs+=("$p"); done
  [ ${#pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "setup: these Debian packages are missing: ${pkgs[*]}; install them as root (apt-get install ${pkgs[*]}) and run this again" >&2
    exit 1
  fi
  log "apt-get install ${pkgs[*]}"
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

npm_deps() {
  for dir in "$@"; do
    if [ -f "$dir/package.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules" ]; }; then
      log "npm install in $dir"; (cd "$dir" && npm install --no-fund --no-audit --loglevel=error >/dev/null) && touch "$dir/node_modules"
    fi
  done
}

setup_test() {
  setup_build
  apt_install chromium chromium-driver firefox-esr
  if missing geckodriver; then log "installing geckodriver"; cargo install geckodriver; fi
  npm_deps tests/js tests/demo
}

case "$what" in
  build) setup_build ;;
  test) setup_test ;;
  bench) setup_build; apt_install chromium; npm_deps bench
    if missing twiggy; then log "installing twiggy (the wasm size breakdown)"; cargo install twiggy; fi ;;
  fuzz) if missing cargo-fuzz; then log "installing cargo-fuzz"; cargo install cargo-fuzz; fi ;;
  *) echo "usage: scripts/setup.sh build|test|bench|fuzz" >&2; exit 2 ;;
esac
