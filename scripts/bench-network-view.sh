#!/usr/bin/env bash
# The network view's draw benchmark on the release build: a generated network of PEOPLE people and LINKS links
# (default 5,000 and 25,000) drawn and laid out on the Network page, RUNS times, then panned and zoomed for two
# seconds. Target: under 2 s, and smooth to pan and zoom. The core's influence scores are timed separately by
# `cargo bench -p avain-core --bench network`.
source "$(dirname "$0")/lib.sh"
ensure_debs "${BUILD_DEBS[@]}" "${TEST_DEBS[@]}"
ensure_toolchains
ensure_npm
ensure_tauri_driver
build_ui
say "Building the release binary"
(cd "$ROOT" && cargo build --release -p avain --bin avain)
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$ROOT/target/release/avain" --data-dir "$data" network generate --people "${PEOPLE:-5000}" --links "${LINKS:-25000}"
say "Measuring"
cd "$ROOT"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" env NO_AT_BRIDGE=1 AVAIN_APP="$ROOT/target/release/avain" \
  node tests/e2e/bench-network.mjs "$data" "${RUNS:-5}" \
  2> >(grep -vE 'dbus-daemon|portal|Gtk-WARNING|^$|max threads|pw.conf|SpiRegistry|INFO' >&2)
