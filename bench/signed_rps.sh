#!/usr/bin/env bash
# Requests/s of a SigV4-signed STS GetCallerIdentity on skybox versus nginx serving a 4 KiB static
# file, at 1 and 64 connections (wrk; -t1 for 1 connection since wrk needs threads <= connections,
# -t2 for 64). One request is signed with botocore right before the skybox runs and wrk replays it
# (headers + body) - a SigV4 signature stays valid for 15 minutes. Neither server logs requests:
# skybox runs with --log-level warn, nginx with access_log off. A last run measures skybox with
# its access log on (--log-level info, stderr to a file) at 64 connections.
#
# Usage: bench/signed_rps.sh [--duration SECONDS] [--with-moto]
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox (see bench/lib.sh).
#   --with-moto adds moto_server answering the same signed request at 64 connections.
set -euo pipefail

bench_name=signed_rps
source "$(dirname "$0")/lib.sh"
chmod 755 "$work"  # nginx workers run as nobody and must read the static file

declare -A rps p50 p99
run_wrk() {  # label threads connections url [lua script]
  local label=$1 threads=$2 conns=$3 url=$4 script=${5:-}
  local args=(-t"$threads" -c"$conns" -d"${duration}s" --latency)
  [[ -n $script ]] && args+=(-s "$script")
  wrk -t1 -c"$conns" -d1s ${script:+-s "$script"} "$url" >/dev/null  # warm-up, not counted
  local out="$work/wrk-$label.txt"
  wrk "${args[@]}" "$url" >"$out"
  if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$label: non-2xx responses"; fi
  grep -q "Socket errors" "$out" && { echo "warning: $label had socket errors:" >&2; grep "Socket errors" "$out" >&2; }
  rps[$label]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50[$label]=$(awk '$1 == "50%" {print $2}' "$out")
  p99[$label]=$(awk '$1 == "99%" {print $2}' "$out")
  echo "  $label: ${rps[$label]} req/s (p50 ${p50[$label]}, p99 ${p99[$label]})" >&2
}

check_signed() {  # url: the replayed request must answer 200 with the STS XML
  local code
  code=$(curl -s -o "$work/sts.xml" -w '%{http_code}' -H @"$work/headers.txt" \
    --data-binary @"$work/body.txt" "$1")
  if [[ $code != 200 ]] || ! grep -q "<GetCallerIdentityResponse" "$work/sts.xml"; then
    echo "HTTP $code:" >&2; cat "$work/sts.xml" >&2; echo >&2
    fail "the signed GetCallerIdentity replay is not accepted by $1"
  fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- nginx, 4 KiB static file ------------------------------------------------------------
head -c 4096 /dev/urandom >"$work/static.bin"
port=$(free_port)
start_nginx_static "$work" "$port"
wait_http "http://127.0.0.1:$port/static.bin"
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///'), 4 KiB file:" >&2
run_wrk nginx-c1 1 1 "http://127.0.0.1:$port/static.bin"
run_wrk nginx-c64 2 64 "http://127.0.0.1:$port/static.bin"
stop_server

# --- skybox, signed GetCallerIdentity -----------------------------------------------------
[[ -x $skybox ]] || fail "no skybox binary at $skybox (build it: cmake --build --preset release --target skybox)"
start_skybox() {  # log level; stderr goes to a file so the access log costs a real write
  port=$(free_port)
  "$skybox" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --ephemeral \
    --log-level "$1" 2>"$work/skybox-$1.log" &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/_skybox/health"
  python3 "$here/sign_request.py" "http://127.0.0.1:$port/" "$work"
  check_signed "http://127.0.0.1:$port/"
}
export SIGNED_REQUEST_DIR=$work
echo "skybox --log-level warn (no access log), signed GetCallerIdentity:" >&2
start_skybox warn
run_wrk skybox-c1 1 1 "http://127.0.0.1:$port/" "$here/replay.lua"
run_wrk skybox-c64 2 64 "http://127.0.0.1:$port/" "$here/replay.lua"
stop_server
echo "skybox --log-level info (access log to a file), signed GetCallerIdentity:" >&2
start_skybox info
run_wrk skybox-log-c64 2 64 "http://127.0.0.1:$port/" "$here/replay.lua"
stop_server
log_lines=$(wc -l <"$work/skybox-info.log")

if [[ $with_moto == 1 ]]; then
  echo "moto_server, signed GetCallerIdentity:" >&2
  port=$(free_port)
  moto=$(command -v pyenv >/dev/null && pyenv which moto_server || command -v moto_server)
  "$moto" -p "$port" >/dev/null 2>&1 &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/"
  python3 "$here/sign_request.py" "http://127.0.0.1:$port/" "$work"
  check_signed "http://127.0.0.1:$port/"
  run_wrk moto-c64 2 64 "http://127.0.0.1:$port/" "$here/replay.lua"
  stop_server
fi

# --- report -------------------------------------------------------------------------------
echo
echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk and the server share them; ${duration} s per run"
echo
echo "| server | request | connections | req/s | p50 | p99 |"
echo "|---|---|---|---|---|---|"
row() { echo "| $1 | $2 | $3 | ${rps[$4]} | ${p50[$4]} | ${p99[$4]} |"; }
row "nginx (access_log off)" "GET 4 KiB static file" 1 nginx-c1
row "nginx (access_log off)" "GET 4 KiB static file" 64 nginx-c64
row "skybox --log-level warn" "signed STS GetCallerIdentity" 1 skybox-c1
row "skybox --log-level warn" "signed STS GetCallerIdentity" 64 skybox-c64
row "skybox --log-level info (access log on, $log_lines lines)" "signed STS GetCallerIdentity" 64 skybox-log-c64
[[ $with_moto == 1 ]] && row "moto_server" "signed STS GetCallerIdentity" 64 moto-c64
echo
for c in 1 64; do
  awk -v s="${rps[skybox-c$c]}" -v n="${rps[nginx-c$c]}" -v c="$c" 'BEGIN {
    r = s / n; printf "skybox / nginx at %d connection(s): %.2fx (%s target >= 0.7x)\n", c, r, (r >= 0.7 ? "meets" : "MISSES") }'
done
awk -v s="${rps[skybox-log-c64]}" -v n="${rps[nginx-c64]}" 'BEGIN {
  printf "skybox with access log / nginx at 64 connections: %.2fx\n", s / n }'
