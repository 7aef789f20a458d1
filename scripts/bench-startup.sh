#!/usr/bin/env bash
# Start-up benchmark of the release build: Avain opening on demo data until Today shows, against an empty Tauri
# window, both measured from WebDriver session start to first content. Target: Avain at most 1.5x the empty window.
source "$(dirname "$0")/lib.sh"
ensure_debs "${BUILD_DEBS[@]}" "${TEST_DEBS[@]}"
ensure_toolchains
ensure_npm
ensure_tauri_driver
build_ui
say "Building the release binaries"
# One at a time: both embed the UI through Tauri's asset cache in the same build folder.
(cd "$ROOT" && cargo build --release -p avain --bin avain && cargo build --release -p avain --example empty_window)
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$ROOT/target/release/avain" --data-dir "$data" demo >/dev/null
say "Measuring"
cd "$ROOT"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" env NO_AT_BRIDGE=1 \
  node tests/e2e/bench-startup.mjs "$ROOT/target/release/avain" "$ROOT/target/release/examples/empty_window" "$data" "${RUNS:-7}" \
  2> >(grep -vE 'dbus-daemon|portal|Gtk-WARNING|^$|max threads|pw.conf|SpiRegistry|INFO' >&2)
