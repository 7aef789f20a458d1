# Shared set-up for scripts/start.sh and scripts/test.sh: installs what is missing, quickly skips what is there.
# Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages needed to build the app, and (with "test") to drive it under a virtual display.
BUILD_DEBS=(build-essential pkg-config file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev)
# python3-icalendar: an independent iCalendar parser that reads the tender calendar export back in a test.
TEST_DEBS=(xvfb xauth webkit2gtk-driver dbus dbus-x11 procps xdotool python3-icalendar poppler-utils)

ensure_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

ensure_toolchains() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  local rust_minor
  rust_minor="$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')"
  if [ "$rust_minor" -lt 90 ]; then
    echo "Rust 1.90 or newer is needed (found $(rustc --version)). Run: rustup update" >&2
    exit 1
  fi
  if ! command -v node >/dev/null 2>&1; then
    ensure_debs nodejs npm
  fi
  local node_major
  node_major="$(node --version | sed -E 's/^v([0-9]+).*/\1/')"
  if [ "$node_major" -lt 20 ]; then
    echo "Node.js 20 or newer is needed to build the UI (found $(node --version))." >&2
    exit 1
  fi
}

# npm packages of the UI, reinstalled only when package-lock.json changed since the last install.
ensure_npm() {
  local stamp="$ROOT/ui/node_modules/.avain-installed"
  if [ ! -f "$stamp" ] || [ "$ROOT/ui/package-lock.json" -nt "$stamp" ]; then
    say "Installing the UI's npm packages"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "Installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
}

build_ui() {
  say "Building the UI"
  (cd "$ROOT/ui" && npm run --silent build)
}

build_app() {
  say "Building Avain"
  (cd "$ROOT" && cargo build -p avain)
}
