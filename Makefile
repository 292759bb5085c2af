# newsmark: build, run and test recipes. `make serve` runs the page, `make test` runs every test.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
WASM := target/wasm32-unknown-unknown/release/newsmark.wasm
WASM_OPT := node_modules/.bin/wasm-opt
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
SIMD_TARGET := target/simd
SHARED := ../shared

.PHONY: setup setup-browser wasm dist bench-browser serve test test-rust test-wasm test-browser lint bench eval eval-tokens eval-ner eval-quotes model

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

## The WebAssembly engine and its JavaScript bindings, in www/pkg: two builds of the engine
## under one glue, newsmark_simd_bg.wasm (128-bit SIMD) and newsmark_bg.wasm (without), and
## www/engine-build.js picks the first where the runtime supports SIMD. SIMD runs the decoder's
## rows of 17 tag scores four at a time, but a module that uses it does not load at all in
## Safari before 16.4 (iOS 15 devices), while the baseline's features (reference types, bulk
## memory) date from Safari 15.
# wasm-opt -O3 (speed) rather than -Oz (size): the module is mostly model data, so -Oz saved
# under 1 KB of 1.66 MB. The SIMD build has its own target directory: its RUSTFLAGS would
# otherwise make every build of the other invalidate the other's cache.
wasm: setup
	cargo build --lib --release --target wasm32-unknown-unknown --no-default-features
	RUSTFLAGS="-C target-feature=+simd128" cargo build --lib --release --target wasm32-unknown-unknown --no-default-features --target-dir $(SIMD_TARGET)
	wasm-bindgen --target web --out-dir www/pkg --no-typescript $(WASM)
	wasm-bindgen --target web --out-dir $(SIMD_TARGET)/pkg --no-typescript $(SIMD_TARGET)/wasm32-unknown-unknown/release/newsmark.wasm
	@cmp -s www/pkg/newsmark.js $(SIMD_TARGET)/pkg/newsmark.js || { echo "wasm: the SIMD build's glue differs from the baseline's" >&2; exit 1; }
	$(WASM_OPT) -O3 $(WASM_FEATURES) www/pkg/newsmark_bg.wasm -o www/pkg/newsmark_bg.wasm
	$(WASM_OPT) -O3 $(WASM_FEATURES) --enable-simd $(SIMD_TARGET)/pkg/newsmark_bg.wasm -o www/pkg/newsmark_simd_bg.wasm

## The widget bundles, the single-file page and the npm package layout, in dist/.
dist: wasm
	node scripts/build-dist.mjs

## Runs the page on http://127.0.0.1:8000
serve: wasm
	@echo "newsmark: open http://127.0.0.1:8000/ (Ctrl-C stops)"
	python3 -m http.server 8000 --bind 127.0.0.1 --directory www

## Every test: formatting, lints, native, WebAssembly and browser tests.
test: lint test-rust test-wasm test-browser

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

test-rust:
	cargo test --profile fasttest

test-wasm: setup
	cargo test --release --target wasm32-unknown-unknown --no-default-features --test wasm

test-browser: setup-browser dist
	node --test tests/browser/

## Scores on the dev data in ../shared (see README).
eval: eval-tokens eval-ner eval-quotes

eval-tokens:
	scripts/eval-tokens.sh

eval-ner:
	scripts/eval-ner.sh

eval-quotes:
	scripts/eval-quotes.sh

bench: wasm
	scripts/bench.sh

## Page readiness, annotate+render time and transferred bytes, in headless Chromium.
bench-browser: setup-browser dist
	node bench/browser.mjs
