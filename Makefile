# minewatch: `make serve` to see the widget, `make test` to check everything.
# Both install whatever is missing first, and install nothing on a second run.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve

CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
export DEBIAN_FRONTEND := noninteractive

TRUNK_VERSION := 0.21.14
GECKODRIVER_VERSION := 0.37.1
# wasm-bindgen-cli must match the wasm-bindgen crate exactly: read it from Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
LOGS := target/test-logs

.PHONY: serve test tools wasm-target trunk wasm-bindgen browser snapshot refresh-site bench site \
        engines fmt lint test-native test-browser build build-subpath size budgets e2e e2e-engines audit

## serve: build the widget and serve it at http://127.0.0.1:8080 (rebuilds on change)
serve: tools
	trunk serve

## test: every check, ending with one summary line
test: tools browser engines fmt lint test-native test-browser build build-subpath size budgets e2e e2e-engines
	@bash tests/summary.sh $(LOGS)

## bench: time the timeline against uPlot on 166,650 points in headless Chromium, print medians
bench: tools browser build
	trunk build bench/index.html --release --dist target/bench-dist --public-url /
	node bench/run.mjs

## audit: Lighthouse (phone and desktop) and the byte budgets of the release build; reports only
audit: tools browser build
	node tools/audit.mjs dist

## refresh-site: add what the live APIs bring to the built site's data (SITE/data/, dist/ by
## default), as the hosting workflow does daily: IODA's connectivity around every internet
## disruption in a mining country, new outage events, CBECI's months, blockchain.com's history;
## the checked static/data/ is never touched. REFRESH_REGION picks the country whose outage
## events of the last 35 days are fetched; REFRESH_APIS can point the tool at other APIs.
SITE ?= dist
REFRESH_REGION ?= KZ
REFRESH_APIS ?=
refresh-site:
	test -f $(SITE)/index.html || { echo 'build the site first (make site)' >&2; exit 1; }
	cargo run --locked --quiet --bin minewatch-snapshot -- --live --region $(REFRESH_REGION) \
	  --from "$$(date -u -d '35 days ago' +%F)" --until "$$(date -u +%F)" --out $(SITE)/data $(REFRESH_APIS)

## snapshot: re-derive static/data/ from ../shared/data, and the map's shapes from npm's world-atlas
snapshot: node_modules/.package-lock.json
	cargo run --quiet --bin minewatch-snapshot

# --- tools ----------------------------------------------------------------------------------

tools: wasm-target trunk wasm-bindgen node_modules/.package-lock.json

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

trunk:
	@trunk --version 2>/dev/null | grep -qx 'trunk $(TRUNK_VERSION)' \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked

# Not --locked: wasm-bindgen-cli's own lockfile pins a crate version the registry lacks.
wasm-bindgen:
	@test -n '$(WASM_BINDGEN_VERSION)' || { echo 'no wasm-bindgen in Cargo.lock' >&2; exit 1; }
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; }

# The other engines readers use: Firefox ESR (geckodriver from crates.io) and WebKitGTK, Safari's
# engine (its WebDriver and MiniBrowser, which need the virtual display xvfb-run gives; xvfb-run
# needs xauth, which apt only recommends). openssl makes the fixture proxy's certificate.
engines: browser
	@command -v firefox-esr >/dev/null && command -v WebKitWebDriver >/dev/null \
	  && command -v xvfb-run >/dev/null && command -v xauth >/dev/null && command -v openssl >/dev/null \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb xauth openssl; }
	@geckodriver --version 2>/dev/null | head -1 | grep -qx 'geckodriver $(GECKODRIVER_VERSION)' \
	  || cargo install geckodriver --version $(GECKODRIVER_VERSION)

# --- checks ---------------------------------------------------------------------------------

$(LOGS):
	@mkdir -p $@

fmt:
	cargo fmt --check

# The layers of src/ (README, "Architecture"): no import against their order, no circle.
lint:
	node tools/layers.mjs
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

# --check derives the map's shapes from npm's world-atlas too.
test-native: node_modules/.package-lock.json | $(LOGS)
	cargo test --locked 2>&1 | tee $(LOGS)/native.log
	cargo run --locked --quiet --bin minewatch-snapshot -- --check

# The components in Chromium, then in Firefox (the runner picks its driver from these variables).
test-browser: | $(LOGS)
	CHROMEDRIVER=$$(command -v chromedriver) \
	  cargo test --locked --target wasm32-unknown-unknown --tests 2>&1 | tee $(LOGS)/browser.log
	GECKODRIVER=$$(command -v geckodriver) \
	  cargo test --locked --target wasm32-unknown-unknown --tests 2>&1 | tee $(LOGS)/browser-firefox.log

build:
	trunk build --release

## site: build dist/ for a host that serves it at PUBLIC_URL (e.g. make site PUBLIC_URL=/minewatch/)
PUBLIC_URL ?= /
site: tools
	trunk build --release --public-url $(PUBLIC_URL)

# The same widget for a host that serves it under a sub-path (checked by the end-to-end tests).
build-subpath:
	trunk build --release --public-url /graphics/minewatch/ --dist target/subpath/graphics/minewatch

size: | $(LOGS)
	node tests/size-report.mjs dist | tee $(LOGS)/size.log

# The first-load budget (everything before the first chart, gzip) fails the check; wasm + js is
# reported against its target.
budgets: | $(LOGS)
	node tests/budgets.mjs dist | tee $(LOGS)/budgets.log

e2e: | $(LOGS)
	node --test --test-reporter=spec tests/e2e/ 2>&1 | tee $(LOGS)/e2e.log

# What a reader does, in Chromium, Firefox and WebKit through WebDriver.
e2e-engines: | $(LOGS)
	xvfb-run -a node --test --test-reporter=spec tests/engines/ 2>&1 | tee $(LOGS)/engines.log
