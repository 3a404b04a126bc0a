#!/usr/bin/env bash
# PutObject of 4 KiB objects per second, skybox (default --durability sync: every PUT is
# acknowledged after its data and record are fsynced) versus moto_server (in memory), at 64
# connections. http_replay.cc (2 threads, built here with g++) sends the PUTs through presigned
# URLs, a fresh key per request (s3_sigv4.py signs them with a 1 h expiry, UNSIGNED-PAYLOAD),
# after a 1 s warm-up into other keys. The body is 4 KiB from /dev/urandom (incompressible, like
# most stored data; RocksDB compresses what it stores, so a body of one repeated byte is ~15%
# cheaper for skybox). After each run two objects are read back and must be the 4 KiB written;
# any non-2xx answer aborts the benchmark.
#
# Why not wrk: its Lua request() costs 14-18 us of CPU per 4 KiB PUT on this 2-core machine, which
# the server then does not get; http_replay costs ~7 us (bench/README.md). S3_PUT_CLIENT=wrk
# measures with wrk and s3_put.lua instead (and its body of 4,096 's'), as earlier runs in
# docs/benchmarks.md did.
#
# Usage: bench/s3_put_vs_moto.sh [--duration SECONDS]
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox (see bench/lib.sh).
#   S3_PUT_URLS_COUNT (default 300000: more than a 10 s run sends, so every PUT writes a new key)
#   keys per system; the client starts over (overwriting) when they run out.
set -euo pipefail

bench_name=s3_put
source "$(dirname "$0")/lib.sh"
url_count=${S3_PUT_URLS_COUNT:-300000}
export S3_PUT_THREADS=2 S3_PUT_SIZE=4096
client=${S3_PUT_CLIENT:-http_replay}
[[ $client == http_replay || $client == wrk ]] || fail "S3_PUT_CLIENT is http_replay or wrk"
body=$work/body.bin
if [[ $client == http_replay ]]; then
  g++ -O2 -std=c++20 "$here/http_replay.cc" -o "$work/http_replay" -pthread || fail "cannot build http_replay"
  head -c "$S3_PUT_SIZE" /dev/urandom >"$body"
else
  head -c "$S3_PUT_SIZE" /dev/zero | tr '\0' s >"$body"
fi

# load label base_url paths_file seconds output: one run of the client, non-2xx answers abort.
load() {
  local label=$1 base=$2 paths=$3 seconds=$4 out=$5
  if [[ $client == wrk ]]; then
    S3_PUT_URLS=$paths wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/s3_put.lua" "$base" >"$out"
    if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$label: non-2xx responses"; fi
    grep -q "Socket errors" "$out" && { echo "warning: $label had socket errors:" >&2; grep "Socket errors" "$out" >&2; }
    return 0
  fi
  "$work/http_replay" --target "${base#http://}" --paths "$paths" --method PUT --body-file "$body" \
    --connections 64 --threads 2 --duration "$seconds" >"$out" || { cat "$out" >&2; fail "$label: http_replay failed"; }
}

declare -A rps p50 p99
measure() {  # label base_url
  local label=$1 base=$2 out="$work/load-$1.txt" code
  presign() { python3 "$here/s3_sigv4.py" "$base" "$@"; }
  code=$(curl -s -o "$work/answer.xml" -w '%{http_code}' -X PUT -H 'Content-Length: 0' "$base$(presign PUT /bench)")
  [[ $code == 200 ]] || { cat "$work/answer.xml" >&2; fail "CreateBucket on $base: HTTP $code"; }
  presign PUT /bench/warm- --count 5000 >"$work/warm.txt"
  presign PUT /bench/obj- --count "$url_count" >"$work/urls.txt"
  load "$label" "$base" "$work/warm.txt" 1 "$work/warm-$label.txt"
  load "$label" "$base" "$work/urls.txt" "$duration" "$out"
  if [[ $client == wrk ]]; then
    rps[$label]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p50[$label]=$(awk '$1 == "50%" {print $2}' "$out")
    p99[$label]=$(awk '$1 == "99%" {print $2}' "$out")
  else
    rps[$label]=$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' "$out")
    p50[$label]=$(sed -n 's/.* p50_us=\([0-9]*\).*/\1/p' "$out")us
    p99[$label]=$(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' "$out")us
  fi
  # Not obj-0: wrk builds thread 1's first request once to check the script and never sends it.
  # (http_replay sends every key in order, so these were written either way.)
  for key in obj-2 obj-3; do
    curl -s -f -o "$work/got.bin" "$base$(presign GET "/bench/$key")" || fail "$label: GET $key failed"
    cmp -s "$work/got.bin" "$body" || fail "$label: $key is not the 4 KiB written"
  done
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

[[ -x $skybox ]] || fail "no skybox binary at $skybox (build it: cmake --build --preset release --target skybox)"
port=$(free_port)
"$skybox" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --durability sync --log-level warn 2>"$work/skybox.log" &
server_pid=$!
wait_http "http://127.0.0.1:$port/_skybox/health"
measure skybox "http://127.0.0.1:$port"
stop_server
echo "skybox PutObject 4 KiB (durability sync), 64 connections: ${rps[skybox]} objects/s (p50 ${p50[skybox]}, p99 ${p99[skybox]})"

port=$(free_port)
moto=$(command -v pyenv >/dev/null && pyenv which moto_server || command -v moto_server)
"$moto" -p "$port" >/dev/null 2>&1 &
server_pid=$!
wait_http "http://127.0.0.1:$port/"
measure moto "http://127.0.0.1:$port"
stop_server
echo "moto_server PutObject 4 KiB (in memory), 64 connections: ${rps[moto]} objects/s (p50 ${p50[moto]}, p99 ${p99[moto]})"

echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores shared by $client and the server; ${duration} s per run"
awk -v s="${rps[skybox]}" -v m="${rps[moto]}" 'BEGIN { printf "skybox / moto_server: %.1fx\n", s / m }'
