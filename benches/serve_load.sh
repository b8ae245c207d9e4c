#!/usr/bin/env bash
# `ratecard serve` under wrk (issue 25, item 4): quotes a second and p50/p99 latency at 8 and
# 32 keep-alive clients, with the plan file rewritten halfway through each run so the server
# hot-reloads under load; a failed request (non-2xx or socket error) is counted.
#
# Usage: benches/serve_load.sh [RATECARD_BINARY]   (default target/release/ratecard)
#   SECS=10 (each run), CLIENTS="8 32", LOG_LEVEL=info (the server's --log-level).
# Needs wrk (`apt-get install wrk`). Prints one line per run:
#   serve clients=8 qps=31234 p50_ms=0.21 p99_ms=1.30 failed=0 plan_log_lines=2 server_cpu_us=47
# (server_cpu_us: the server's user + system CPU per request, from /proc, in microseconds).
# Server and wrk share the machine: on 2 cores both compete for them, as in the issue.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/ratecard}
SECS=${SECS:-10}
CLIENTS=${CLIENTS:-"8 32"}
LOG_LEVEL=${LOG_LEVEL-info}
command -v wrk >/dev/null || { echo "serve_load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
cp examples/zoho.rate "$dir/zoho.rate"
cat > "$dir/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"edition": "professional", "seats": 30, "billing": "annual", "modules": ["territory_management"], "quantities": {"extra_sandbox": 2, "mass_email": 40000}}'
LUA
port=$((20000 + RANDOM % 20000))
# --concurrency above the clients: the limit refuses (503) rather than queues.
# LOG_LEVEL= (empty) passes no --log-level, for builds that predate the flag.
"$BIN" serve "$dir" --listen "127.0.0.1:$port" ${LOG_LEVEL:+--log-level "$LOG_LEVEL"} --concurrency 1024 \
  >"$dir/stdout" 2>"$dir/log" &
server=$!
for _ in $(seq 100); do grep -q listening "$dir/stdout" 2>/dev/null && break; sleep 0.05; done

# Two prices to alternate between, so every run sees a real reload.
price_a="23.00 per seat per month billed annually"
price_b="22.00 per seat per month billed annually"
for c in $CLIENTS; do
  (
    sleep "$(echo "$SECS / 2" | bc -l)"
    if grep -q "$price_a" "$dir/zoho.rate"; then from=$price_a to=$price_b; else from=$price_b to=$price_a; fi
    sed -i "s/$from/$to/" "$dir/zoho.rate"
  ) &
  editor=$!
  cpu_before=$(awk '{print $14 + $15}' "/proc/$server/stat")
  out=$(wrk -t2 -c"$c" -d"${SECS}s" --latency -s "$dir/post.lua" "http://127.0.0.1:$port/v1/quote")
  wait "$editor"
  cpu_after=$(awk '{print $14 + $15}' "/proc/$server/stat")
  qps=$(awk '/Requests\/sec/ {print int($2)}' <<<"$out")
  ms() { awk -v p="$1" '$1 == p { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v*=1000 } printf "%.2f", v }' <<<"$out"; }
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  sockerr=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); sockerr=${sockerr:-0}
  reloads=$(grep -v "request" "$dir/log" | grep -c "zoho" || true)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  ticks=$(getconf CLK_TCK)
  cpu_us=$(( (cpu_after - cpu_before) * 1000000 / ticks / (requests > 0 ? requests : 1) ))
  echo "serve clients=$c qps=$qps p50_ms=$(ms 50%) p99_ms=$(ms 99%) failed=$((non2xx + sockerr)) plan_log_lines=$reloads server_cpu_us=$cpu_us"
done
echo "serve log: $(wc -l <"$dir/log") lines, $(du -k "$dir/log" | cut -f1) kB" >&2
