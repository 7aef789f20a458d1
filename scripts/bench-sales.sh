#!/usr/bin/env bash
# Sales benchmarks (issue 3), on the release build:
#  1. importing a generated 1,000,000-row distributor CSV (about 90 MB) with `avain import`, against the sqlite3
#     shell's `.import` of the same file into a bare table (back-to-back pairs, median ratio), and peak memory;
#  2. the Sales dashboard on those 1M lines with 2,000 accounts and 500 SKUs.
# Usage: scripts/bench-sales.sh            (ROWS=1000000 RUNS=5 by default)
source "$(dirname "$0")/lib.sh"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-5}"
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

# The machine's speed drifts (shared cores), so each run imports with sqlite3 and then with Avain back to back,
# and the ratio is the median of those pairs; the best times of each are shown as well.
say "sqlite3 .import into a bare table, then avain import, $RUNS times"
for _ in $(seq "$RUNS"); do
  rm -f "$work/bare.db"
  sqlite3 "$work/bare.db" "CREATE TABLE sales (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT)"
  /usr/bin/time -f "%e" -o "$work/t" sqlite3 "$work/bare.db" -cmd ".mode csv" -cmd ".separator ;" ".import --skip 2 '$report' sales"
  sqlite_run="$(cat "$work/t")"
  rm -rf "$work/run" && cp -r "$work/template" "$work/run"
  /usr/bin/time -f "%e %M" -o "$work/t" "$APP" --data-dir "$work/run" import "$report" --profile Bench >&2
  read -r avain_run mem_run < "$work/t"
  echo "$sqlite_run $avain_run $mem_run"
done > "$work/times"
sqlite_s="$(cut -d' ' -f1 "$work/times" | sort -n | head -1)"
avain_s="$(cut -d' ' -f2 "$work/times" | sort -n | head -1)"
ratio="$(awk '{ print $2 / $1 }' "$work/times" | sort -n | awk '{ r[NR] = $1 } END { printf "%.2f", (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')"
peak_mb="$(cut -d' ' -f3 "$work/times" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')"

say "Dashboard"
dashboard="$("$APP" --data-dir "$work/run" bench-dashboard --repeat 30)"

echo
echo "File: $(du -m "$report" | cut -f1) MB, $ROWS rows"
echo "sqlite3 .import (best of $RUNS): ${sqlite_s} s"
echo "avain import    (best of $RUNS): ${avain_s} s"
echo "avain / sqlite3, median of $RUNS back-to-back pairs: $ratio (target ≤ 1.5)"
sed 's/^/  pair (sqlite3 s, avain s, avain KB): /' "$work/times"
echo "avain import peak memory (worst of $RUNS): ${peak_mb} MB (target < 300)"
echo "$dashboard (target < 100 ms)"
