# 渝北托育 — the two commands of the README, and a few helpers.
#
#   make run    install what is missing, build a release, serve http://127.0.0.1:3000 on SQLite
#   make test   install test tools, run every test (Rust on SQLite and PostgreSQL, then browser)
#
# Tool versions are checked, not just their presence; nothing is downloaded but from crates.io,
# npm and Debian.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
BINARYEN_VERSION := $(shell sed -n 's/.*"binaryen": "\(.*\)".*/\1/p' tools/package.json)
# API contract tests (PyPI, in tools/venv).
SCHEMATHESIS_VERSION := 4.32.5

export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test tools test-tools build-release build-debug rust-tests api-contract browser-tests bench-cluster size size-baseline bench-finder bench-map bench-booking bench-pwa bench-ratings bench-complaints bench-lessons-offline lighthouse

help:
	@sed -n '3,5p' Makefile

## ---- the two commands ---------------------------------------------------------------------

run: tools build-release
	@mkdir -p data
	LEPTOS_SITE_ROOT=target/site ./target/release/server

test: tools test-tools rust-tests build-debug api-contract browser-tests
	@echo "make test: every test passed"

## ---- tools -------------------------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $(CARGO_LEPTOS_VERSION)" ]; then \
	  echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 15 minutes on 2 cores)"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads --force; \
	fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi
	@if [ "$$(node -p 'require("./tools/node_modules/binaryen/package.json").version' 2>/dev/null)" != "$(BINARYEN_VERSION)" ]; then \
	  echo "installing binaryen $(BINARYEN_VERSION) (wasm-opt) from npm"; \
	  npm ci --prefix tools --no-audit --no-fund; \
	fi

test-tools:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  echo "installing Debian chromium and CJK fonts"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi
	@# Reinstalled whenever the lock file differs from the one last installed (a copy is kept).
	@if ! cmp -s end2end/package-lock.json end2end/node_modules/.installed-package-lock.json; then \
	  npm ci --prefix end2end --no-audit --no-fund && cp end2end/package-lock.json end2end/node_modules/.installed-package-lock.json; \
	fi
	@if [ "$$(tools/venv/bin/st --version 2>/dev/null)" != "st, version $(SCHEMATHESIS_VERSION)" ]; then \
	  echo "installing schemathesis $(SCHEMATHESIS_VERSION) into tools/venv"; \
	  python3 -m venv tools/venv || { $(SUDO) apt-get install -y -qq python3-venv >/dev/null && python3 -m venv tools/venv; }; \
	  tools/venv/bin/pip install -q --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION); \
	fi

## ---- builds and test stages ---------------------------------------------------------------

# `--split`: each lazy route's code goes into its own chunk, fetched when the page opens
# (app/src/routes.rs). cargo-leptos takes it only on the command line.
build-release:
	cargo leptos build --release --split

build-debug:
	cargo leptos build --split

# Rust: domain unit tests, the store suite and HTTP tests on SQLite and on PostgreSQL
# (127.0.0.1:5432, database `test`; under CI=true an unreachable PostgreSQL fails the run).
rust-tests:
	@rm -f target/postgres-skipped.log
	TUOYU_TEST_SKIP_LOG=$(CURDIR)/target/postgres-skipped.log cargo test --workspace
	@if [ -s target/postgres-skipped.log ]; then \
	  echo "note: $$(wc -l < target/postgres-skipped.log) PostgreSQL tests were skipped: PostgreSQL is not reachable (CI=true makes this an error)"; \
	fi

# The JSON API against its OpenAPI document: Schemathesis, all checks, fixed seed, signed in.
api-contract:
	scripts/api-contract.sh

# Browser: Playwright + Debian Chromium against the debug build on a fresh SQLite database
# (axe-core on every page in both languages), then Lighthouse's accessibility and best-practices
# scores of the family pages, which must be at least 95 (its performance score is a figure:
# `make lighthouse`).
browser-tests:
	cd end2end && npx playwright test
	node scripts/lighthouse.mjs --server target/debug/server --assert 95

## ---- figures ------------------------------------------------------------------------------

# Brotli size of the release client: the whole bundle, then what a first visit to each family
# page downloads (measured in Chromium), against the empty Leptos page when `make size-baseline`
# has built it.
size: tools test-tools build-release
	node scripts/bundle-size.mjs target/site/pkg
	node scripts/page-weight.mjs --baseline scripts/size-baseline/target/site/pkg

# The same figure for an empty Leptos page built the same way (for the ratio in notes).
size-baseline: tools
	cd scripts/size-baseline && cargo leptos build --release --frontend-only
	node scripts/bundle-size.mjs scripts/size-baseline/target/site/pkg

# Finder latency (list page and map JSON) at 1,000 / 10,000 / 100,000 facilities.
bench-finder: tools build-release
	node scripts/bench-finder.mjs --sizes 1000,10000,100000 --backends sqlite,postgres

# Lighthouse 12 on the family pages of the release build (mobile, simulated slow 4G, 4× CPU):
# performance, accessibility, best practices, SEO, LCP, TBT and CLS per page.
lighthouse: tools test-tools build-release
	node scripts/lighthouse.mjs --assert 95

# Map responsiveness with 2,000 pins in Chromium (interaction → painted frame).
bench-map: tools test-tools build-release
	node scripts/bench-map.mjs --pins 2000

## Booking: 2,000 concurrent applications for 50 places on SQLite and PostgreSQL, then 20+
## SIGKILLs during a burst on SQLite. Prints booking-burst and booking-crash lines.
bench-booking: tools build-release
	node scripts/bench-booking.mjs --mode burst,crash --backends sqlite,postgres --attempts 2000 --capacity 50 --kills 20

## Ratings: a facility page (and its ratings JSON) with 200 ratings against one with none, at
## 10,000 facilities, on SQLite and PostgreSQL. Prints ratings-bench lines with the ratio.
bench-ratings: tools build-release
	node scripts/bench-ratings.mjs --facilities 10000 --ratings 200 --backends sqlite,postgres

## Complaints: a department's inbox, the lead department's inbox and the tracking lookup at
## 100,000 complaints, on SQLite and PostgreSQL. Prints complaints-bench lines (p50/p95).
bench-complaints: tools build-release
	node scripts/bench-complaints.mjs --complaints 100000 --backends sqlite,postgres

## Cluster: two release instances on one PostgreSQL (127.0.0.1:5432), 200 families for 5 minutes
## (finder and facility pages ≈ 90 %; sign-in, apply, renew, cancel, sync ≈ 10 %), then the same
## with instance 1 SIGKILLed halfway. Prints cluster-bench, cluster-kind and cluster-check lines.
bench-cluster: tools build-release
	node scripts/bench-cluster.mjs --families 200 --seconds 300 --scenarios normal,kill

## Warm repeat visits on a slow-4G phone with 4× CPU slowdown (Chromium): first paint and
## hydrated, with the service worker online and offline, and without it. Prints pwa-bench lines.
# Bytes a phone downloads to keep one age band of lessons offline, per band.
bench-lessons-offline: tools build-release
	node scripts/bench-lessons-offline.mjs

bench-pwa: tools test-tools build-release
	node scripts/bench-pwa.mjs --runs 9
