#!/usr/bin/env bash
# The gates `make test` runs before the suites (`make lint` alone): formatting, clippy natively
# (with every feature, so the `schema` feature's code is checked too) and for wasm32 (criterion,
# a native-only dev-dependency, keeps the wasm32 run to the library and its tests), rustdoc with
# warnings as errors, and ESLint over the package's and the demo's JavaScript. Each stops the run
# at its first failure, naming itself.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo "lint: $*" >&2; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets --all-features (native)"
cargo clippy --quiet --all-targets --all-features -- -D warnings
step "cargo clippy --target wasm32-unknown-unknown --lib --tests"
cargo clippy --quiet --target wasm32-unknown-unknown --lib --tests -- -D warnings
step "cargo doc --no-deps --all-features (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --all-features
step "eslint pkg-config www"
tools/node_modules/.bin/eslint -c tools/eslint.config.mjs pkg-config www
step "all gates passed"
