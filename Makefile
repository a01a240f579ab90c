# rolegate: `make demo` and `make test` set up what they need (scripts/setup.sh), then run.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
export CARGO_TERM_COLOR ?= never

.PHONY: demo test lint pkg bench fuzz setup setup-test test-native test-wasm test-policies test-js clean

## make demo: build the package and serve the demo page on http://127.0.0.1:$(PORT)/
demo: pkg
	node www/serve.mjs --port $(PORT)

## make test: the gates, then every suite; exits non-zero if any fails
test: setup-test lint test-native test-wasm pkg test-policies test-js
	@echo "make test: all suites passed"

## make lint: formatting, clippy (native and wasm32), rustdoc, ESLint (scripts/lint.sh)
lint: setup
	bash scripts/lint.sh

## make pkg: the npm package in pkg/ (bundler, web and Node builds, wasm-opt'ed)
pkg: setup
	bash scripts/build-pkg.sh

## make bench: rolegate against CASL, Casbin and Cedar (see BENCHMARKS.md)
bench: pkg
	bash scripts/setup.sh bench
	cd bench && node run.mjs

## make fuzz: each cargo-fuzz target for FUZZ_SECONDS (60) seconds; a crash stops it, its input in fuzz/artifacts/
# New inputs go to fuzz/.work/corpus (not committed); fuzz/corpus is the committed seed corpus,
# replayed by every `make test`. The fuzz crate needs unstable flags: RUSTC_BOOTSTRAP on stable Rust.
FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/setup.sh fuzz
	cd fuzz && for target in policy_json scope_parse api_sequence; do \
	  mkdir -p .work/corpus/$$target; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run -a $$target .work/corpus/$$target corpus/$$target -- -max_total_time=$(FUZZ_SECONDS); \
	done

setup:
	bash scripts/setup.sh build

setup-test:
	bash scripts/setup.sh test

# The schema's test needs the `schema` feature (schemars), which the other suites do without.
test-native:
	cargo test
	cargo test --features schema --test schema

test-wasm:
	wasm-pack test --headless --chrome
	wasm-pack test --headless --firefox

# The repository uses its own tools: the built-in catalogs checked, and their policy tests
# (tests/policies/, the catalog suites' statements) run, by the package's CLI.
test-policies:
	node pkg/bin/rolegate.mjs check src/catalogs/twilio.json src/catalogs/voiceflow.json
	node pkg/bin/rolegate.mjs test --coverage tests/policies/twilio.tests.json tests/policies/voiceflow.tests.json

# Node's test runner over the packed package, the demo page (Playwright) and adversarial inputs.
test-js:
	cd tests/js && node --test
	cd tests/demo && node --test
	node --test tests/node/

clean:
	rm -rf target pkg pkg-build tests/js/node_modules tests/js/.work tests/demo/node_modules bench/node_modules
