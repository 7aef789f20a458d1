#!/usr/bin/env bash
# Runs every test: core and shell (cargo test), UI logic (Vitest, type check), and end-to-end tests that drive the
# real app through tauri-driver and WebKitWebDriver under a virtual display. Installs what is missing first.
source "$(dirname "$0")/lib.sh"
ensure_debs "${BUILD_DEBS[@]}" "${TEST_DEBS[@]}"
ensure_toolchains
ensure_npm
ensure_tauri_driver
build_ui

# The app and the tests in one build: `cargo build -p avain` alone resolves the dependencies' features without the
# tests' dev-dependencies and would compile the whole dependency tree (tauri, typst) a second time.
say "Building Avain and its tests"
(cd "$ROOT" && cargo build --workspace --bins --tests)

say "Rust tests (core, migrations, crash safety, TypeScript bindings, capabilities, PDF)"
(cd "$ROOT" && cargo test --workspace --quiet)

say "UI tests"
(cd "$ROOT/ui" && npx vitest run)

say "End-to-end tests in the real app"
cd "$ROOT"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  env NO_AT_BRIDGE=1 node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs 2> >(grep -vE 'dbus-daemon|portal|Gtk-WARNING|^$|max threads|pw.conf|SpiRegistry' >&2)
say "All tests passed"
