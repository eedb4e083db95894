# precheck — build, test and measure.
#
#   make setup    install what a fresh Debian machine lacks (wasm32 target, poppler-utils)
#   make test     every test: Rust (native), clippy, the wasm build, the binding in Node
#                 and Chromium, the page end to end, the npm package as consumers use it
#   make build    the native command-line tool (target/release/precheck)
#   make wasm     the library for wasm32-unknown-unknown
#   make measure  over ../shared/corpus (skips if absent): poppler, hand-verified truths
#                 (tools/measure_truth.json, tools/abstract_truth.json), findings, malformed
#   make fuzz     libFuzzer for FUZZ_SECONDS per target: `check` (bytes) then `structure`
#                 (PDFs built from a recipe, for the document budgets); nightly, cargo-fuzz
#   make bench    precheck against poppler and pdf.js: native, Node, Chromium, the page
#   make pkg      the npm package in pkg/ (wasm-bindgen output + js/)
#   make serve    builds what is missing and serves the page on http://127.0.0.1:8080

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test
MAKEFLAGS += --no-builtin-rules

CARGO ?= cargo
PYTHON ?= python3
WASM_TARGET := wasm32-unknown-unknown
# Root on CI; sudo otherwise.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Extra flags for tools/measure_corpus.py, e.g. MEASURE_ARGS=--real-only or
# MEASURE_ARGS='--only truth --only abstracts' (poppler|truth|findings|abstracts|malformed)
MEASURE_ARGS ?=

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
WASM_OUT := target/$(WASM_TARGET)/release/precheck.wasm

# Seconds `make fuzz` runs each libFuzzer target for.
FUZZ_SECONDS ?= 1800

.PHONY: setup setup-web setup-browser test test-rust test-web test-pkg build wasm pkg measure serve fuzz bench

setup:
	@if ! command -v rustup >/dev/null 2>&1; then \
	  echo "setup: rustup not found; install Rust with rustup (https://rustup.rs)" >&2; exit 1; \
	fi
	@if ! rustup target list --installed | grep -qx '$(WASM_TARGET)'; then \
	  echo "setup: adding the Rust target $(WASM_TARGET)"; \
	  rustup target add $(WASM_TARGET); \
	fi
	@if ! command -v pdfinfo >/dev/null 2>&1; then \
	  echo "setup: installing poppler-utils (pdfinfo, pdffonts)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get update -qq </dev/null; \
	  $(SUDO) apt-get install -y -qq --no-install-recommends poppler-utils </dev/null; \
	fi

test: test-rust test-web test-pkg

test-rust: setup
	$(CARGO) test --all-targets
	$(CARGO) build --lib --release --target $(WASM_TARGET)
	@if $(CARGO) clippy --version >/dev/null 2>&1; then \
	  echo "$(CARGO) clippy --all-targets -- -D warnings"; \
	  $(CARGO) clippy --all-targets -- -D warnings; \
	else \
	  echo "clippy is not installed: skipped"; \
	fi

# The binding in Node and headless Chromium (wasm-bindgen-test), the page end to end, and
# the shared corpus through the wasm build in Node (skipped when ../shared is absent).
test-web: setup-web setup-browser pkg node_modules/.installed
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  $(CARGO) test --target $(WASM_TARGET) --test wasm_node
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
	  $(CARGO) test --target $(WASM_TARGET) --test wasm_browser
	node --test --test-concurrency=1 tests/e2e/
	node --test tests/replay/ tests/js/

# The npm package as consumers get it: npm pack + install + Node, tsc, a Vite 7 app, the
# widget in a host page.
test-pkg: setup-browser pkg build node_modules/.installed
	node --test --test-concurrency=1 tests/pkg/

setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "setup: installing Debian's chromium and chromium-driver"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get update -qq </dev/null; \
	  $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver </dev/null; \
	fi

node_modules/.installed: package.json package-lock.json | setup-web
	npm ci --no-audit --no-fund
	@touch $@

build:
	$(CARGO) build --release --bin precheck

wasm: setup
	$(CARGO) build --lib --release --target $(WASM_TARGET)

measure: setup build
	$(PYTHON) tools/measure_corpus.py $(MEASURE_ARGS)

setup-web: setup
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "setup: installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes)"; \
	  $(CARGO) install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION); \
	fi
	@if ! command -v node >/dev/null 2>&1; then \
	  echo "setup: installing Node.js"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get update -qq </dev/null; \
	  $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm </dev/null; \
	fi

pkg: setup-web node_modules/.installed
	$(CARGO) build --lib --release --target $(WASM_TARGET)
	rm -rf pkg
	# Function names and the producers note are 54 KB of the .wasm (16 KB gzipped) that
	# only a debugger reads; a panic is a bug the tests catch natively, with names.
	# __wbg_reset_state (--experimental-reset-state-function) lets js/index.js replace an
	# instance that trapped with a fresh one from the compiled module, in Node and browsers.
	wasm-bindgen --target web --remove-name-section --remove-producers-section \
	  --experimental-reset-state-function \
	  --out-dir pkg/wasm --out-name precheck $(WASM_OUT)
	node tools/make_pkg.mjs

serve: pkg
	node tools/serve.mjs 8080

# Seeds: the fixtures and, when present, the shared corpus (files under 1 MB).
fuzz: setup
	@if ! $(CARGO) fuzz --version >/dev/null 2>&1; then $(CARGO) install cargo-fuzz; fi
	mkdir -p fuzz/corpus/check
	cp tests/fixtures/*.pdf fuzz/corpus/check/
	@if [ -d ../shared/corpus ]; then \
	  find ../shared/corpus -type f -size -1M -exec cp {} fuzz/corpus/check/ \; ; \
	fi
	cd fuzz && $(CARGO) +nightly fuzz run --sanitizer none check corpus/check -- \
	  -dict=pdf.dict -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 -print_final_stats=1
	mkdir -p fuzz/corpus/structure
	cd fuzz && $(CARGO) +nightly fuzz run --sanitizer none structure corpus/structure -- \
	  -max_len=256 -len_control=0 -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -print_final_stats=1

# Timings and sizes: target/bench/report.md (real papers from ../shared/corpus when present).
# Options for bench/run.mjs, e.g. BENCH_ARGS=--quick or BENCH_ARGS=--skip=chromium
BENCH_ARGS ?=
bench: setup-browser build pkg node_modules/.installed
	node bench/run.mjs $(BENCH_ARGS)
