#!/usr/bin/env bash
# Sales benchmarks (issue 3), on the release build:
#  1. importing a generated 1,000,000-row distributor CSV (about 90 MB) with `avain import`, against the sqlite3
#     shell's `.import` of the same file into a bare table (best of RUNS each), and the import's peak memory;
#  2. the Sales dashboard on those 1M lines with 2,000 accounts and 500 SKUs.
# Usage: scripts/bench-sales.sh            (ROWS=1000000 RUNS=3 by default)
source "$(dirname "$0")/lib.sh"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
ensure_debs "${BUILD_DEBS[@]}" sqlite3 time
ensure_toolchains
ensure_npm
build_ui
say "Building the release binary"
(cd "$ROOT" && cargo build --release -p avain)
APP="$ROOT/target/release/avain"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
report="$work/report.csv"
say "Generating $ROWS rows, 2,000 customers and 500 products (and matching accounts and SKUs)"
"$APP" --data-dir "$work/template" generate-report "$report" --rows "$ROWS" --customers 2000 --products 500 --create-accounts

best() { sort -n | head -1; }

say "sqlite3 .import into a bare table"
for _ in $(seq "$RUNS"); do
  rm -f "$work/bare.db"
  sqlite3 "$work/bare.db" "CREATE TABLE sales (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT)"
  /usr/bin/time -f "%e" -o "$work/t" sqlite3 "$work/bare.db" -cmd ".mode csv" -cmd ".separator ;" ".import --skip 2 '$report' sales"
  cat "$work/t"
done > "$work/sqlite-times"
sqlite_s="$(best < "$work/sqlite-times")"

say "avain import"
for _ in $(seq "$RUNS"); do
  rm -rf "$work/run" && cp -r "$work/template" "$work/run"
  /usr/bin/time -f "%e %M" -o "$work/t" "$APP" --data-dir "$work/run" import "$report" --profile Bench >&2
  cat "$work/t"
done > "$work/avain-times"
avain_s="$(cut -d' ' -f1 "$work/avain-times" | best)"
peak_mb="$(cut -d' ' -f2 "$work/avain-times" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')"

say "Dashboard"
dashboard="$("$APP" --data-dir "$work/run" bench-dashboard --repeat 30)"

echo
echo "File: $(du -m "$report" | cut -f1) MB, $ROWS rows"
echo "sqlite3 .import (best of $RUNS): ${sqlite_s} s"
echo "avain import    (best of $RUNS): ${avain_s} s — ratio $(awk -v a="$avain_s" -v s="$sqlite_s" 'BEGIN { printf "%.2f", a / s }') (target ≤ 1.5)"
echo "avain import peak memory (worst of $RUNS): ${peak_mb} MB (target < 300)"
echo "$dashboard (target < 100 ms)"
