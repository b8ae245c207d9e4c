#!/usr/bin/env bash
# The performance gate of issue 25: runs every figure the issue sets a goal for and prints
# goal, measured and ratio in one table (ratio > 1.00 means the goal is missed). Run by hand
# from the repository root on a quiet machine, never in CI; it takes several minutes.
#
#   benches/gate.sh                 # everything
#   ROWS=1000000 benches/gate.sh    # smaller books (the 10 s goal is scaled to the rows)
#   SKIP="pricing serve" benches/gate.sh
#
# GATE_DIR (default /tmp/ratecard-gate) keeps the generated books between runs. Needs wrk
# for the serve figures (`apt-get install wrk`); /usr/bin/time for memory.
set -uo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-10000000}
DIR=${GATE_DIR:-/tmp/ratecard-gate}
SKIP=${SKIP:-}
BIN=target/release/ratecard
mkdir -p "$DIR"
rows=()
# row NAME GOAL MEASURED UNIT [higher]: ratio is measured/goal, or goal/measured when higher
# is better.
row() {
  local ratio
  if [ -z "$3" ]; then ratio="n/a"
  elif [ "$2" = 0 ]; then ratio=$([ "$3" = 0 ] && echo ok || echo missed)
  elif [ "${5:-}" = higher ]; then ratio=$(echo "$2 / $3" | bc -l | xargs printf "%.2f")
  else ratio=$(echo "$3 / $2" | bc -l | xargs printf "%.2f"); fi
  rows+=("$(printf "| %-52s | %12s | %12s | %6s |" "$1" "$2 $4" "${3:-missing} $4" "$ratio")")
}
skip() { [[ " $SKIP " == *" $1 "* ]]; }
echo "building (release, benches)..." >&2
cargo build --release -q && cargo bench --no-run -q 2>/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores at $(git rev-parse --short HEAD)" >&2

# Criterion's middle estimate of one benchmark, in ns.
criterion_ns() {
  awk -v name="$2" '
    index($0, name) == 1 { found = 1 }
    found && /time:/ { v = $(NF-3); u = $(NF-2); sub(/\[/, "", v)
      m = (u == "ns") ? 1 : (u == "µs" || u == "us") ? 1000 : (u == "ms") ? 1e6 : 1e9
      # The middle of [low mid high].
      split($0, a, "["); split(a[2], b, " "); v = b[3]; u = b[4]
      m = (u == "ns") ? 1 : (u == "µs" || u == "us") ? 1000 : (u == "ms") ? 1e6 : 1e9
      printf "%.0f", v * m; exit }' "$1"
}

if ! skip pricing; then
  out=$DIR/pricing.txt
  cargo bench -q --bench pricing -- --warm-up-time 1 --measurement-time 4 >"$out" 2>&1
  for pair in "quote example 3" "quote zoho add-ons and usage" "quote zoho three-year ramp"; do
    e=$(criterion_ns "$out" "$pair (evaluator)"); h=$(criterion_ns "$out" "$pair (hand-written baseline)")
    if [ -n "$e" ] && [ -n "$h" ]; then
      row "evaluator / hand-written: $pair" 1.20 "$(echo "$e / $h" | bc -l | xargs printf "%.2f")" "x"
    else
      row "evaluator / hand-written: $pair" 1.20 "" "x"
    fi
  done
  c=$(criterion_ns "$out" "check synthetic 10,000-line plan")
  row "check, synthetic 10,000-line plan (in process)" 10 "${c:+$(echo "$c / 1e6" | bc -l | xargs printf "%.1f")}" ms
  c=$(criterion_ns "$out" "check synthetic 10,000-line plan with a syntax error")
  row "check, the same with a syntax error" 50 "${c:+$(echo "$c / 1e6" | bc -l | xargs printf "%.1f")}" ms
fi

if ! skip batch; then
  goal_s=$(echo "10 * $ROWS / 10000000" | bc -l | xargs printf "%.1f")
  for plan in acme zoho; do
    csv=$DIR/$plan-$ROWS.csv; pq=$DIR/$plan-$ROWS.parquet
    [ -s "$csv" ] || $BIN gen-book --rows "$ROWS" --plan "examples/$plan.rate" --seed 42 -o "$csv"
    [ -s "$pq" ] || $BIN gen-book --rows "$ROWS" --plan "examples/$plan.rate" --seed 42 -o "$pq"
    for book in "$csv" "$pq"; do
      kind=${book##*.}
      /usr/bin/time -f "%e %M" -o "$DIR/time.txt" $BIN batch "examples/$plan.rate" "$book" -o "$DIR/out.csv" 2>/dev/null
      read -r secs kb <"$DIR/time.txt"
      row "batch $ROWS rows, $plan, from $kind (wall)" "$goal_s" "$secs" s
      row "batch $ROWS rows, $plan, from $kind (peak memory)" 100 "$((kb / 1024))" MB
    done
  done
fi

if ! skip serve; then
  while read -r _ clients qps p50 p99 failed _; do
    c=${clients#clients=}
    row "serve quotes/s at $c clients" 30000 "${qps#qps=}" "q/s" higher
    row "serve p99 at $c clients" 5 "${p99#p99_ms=}" ms
    row "serve failed requests across a reload, $c clients" 0 "${failed#failed=}" ""
  done < <(SECS=${SECS:-10} benches/serve_load.sh "$BIN" 2>/dev/null)
fi

if ! skip lsp; then
  lsp=$(ls -t target/release/deps/lsp-* 2>/dev/null | grep -v '\.d$' | head -1)
  out=$DIR/lsp.txt
  "$lsp" >"$out" 2>&1
  p99() { awk -v k="$1" '$0 ~ k { for (i = 1; i <= NF; i++) if ($i == "p99") print $(i+1) }' "$out"; }
  row "lsp hover p99, 10,000-line plan" 5 "$(p99 'lsp hover')" ms
  row "lsp definition p99" 5 "$(p99 'lsp definition')" ms
  row "lsp completion p99" 5 "$(p99 'lsp completion')" ms
  row "lsp diagnostics after the last of 500 rapid edits" 50 \
    "$(awk '/rapid edits/ { for (i = 1; i <= NF; i++) if ($i == "diagnostics") { print $(i+1); exit } }' "$out")" ms
fi

printf "| %-52s | %12s | %12s | %6s |\n" measure goal measured ratio
printf "|%s|%s|%s|%s|\n" "$(printf -- '-%.0s' {1..54})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..14})" "--------"
printf "%s\n" "${rows[@]}"
