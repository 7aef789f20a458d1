#!/usr/bin/env bash
# Builds Avain and opens it. Installs what is missing first. Extra arguments go to the app, e.g.
#   scripts/start.sh --data-dir /tmp/avain-demo
source "$(dirname "$0")/lib.sh"
ensure_debs "${BUILD_DEBS[@]}"
ensure_toolchains
ensure_npm
build_ui
build_app
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Built $ROOT/target/debug/avain, but there is no display to open it on (DISPLAY is not set)." >&2
  exit 1
fi
say "Opening Avain"
exec "$ROOT/target/debug/avain" "$@"
