#!/usr/bin/env bash
# GetObject of a 4 KiB object on skybox versus nginx serving the same 4 KiB file, requests/s at
# 64 connections (wrk -t2 -c64, 1 s warm-up first). skybox is asked through a presigned GET URL
# (SigV4 query auth, signed by s3_sigv4.py with a 1 h expiry), so every request is still
# authenticated: skybox recomputes the signature each time. skybox keeps its data in a data dir
# (default sync durability; the object is read back from the store, where a 4 KiB object lives
# inline in its version record, not from a cache the benchmark built) and runs with --log-level
# warn; nginx with access_log off and sendfile on. Each round starts nginx, measures it, stops it,
# then does the same with skybox; the ratio reported last is the median of the rounds.
#
# Usage: bench/s3_get_vs_nginx.sh [--duration SECONDS] [--with-moto]
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox (see bench/lib.sh).
#   S3_GET_ROUNDS (default 3): side-by-side pairs of runs.
#   --with-moto adds moto_server answering the same presigned GET (after the rounds, once).
set -euo pipefail

bench_name=s3_get
source "$(dirname "$0")/lib.sh"
chmod 755 "$work"  # nginx workers run as nobody and must read the static file

declare -A rps p50 p99
run_wrk() {  # label url
  local label=$1 url=$2 out="$work/wrk-$1.txt"
  wrk -t1 -c64 -d1s "$url" >/dev/null  # warm-up, not counted
  wrk -t2 -c64 -d"${duration}s" --latency "$url" >"$out"
  if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$label: non-2xx responses"; fi
  grep -q "Socket errors" "$out" && { echo "warning: $label had socket errors:" >&2; grep "Socket errors" "$out" >&2; }
  rps[$label]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50[$label]=$(awk '$1 == "50%" {print $2}' "$out")
  p99[$label]=$(awk '$1 == "99%" {print $2}' "$out")
}

# Creates bucket "bench" and the object "bench/object-4k" from static.bin on the S3 server at
# $1 (http://host:port), checks a presigned GET returns the same bytes, and sets get_url.
s3_prepare() {
  local base=$1 code
  presign() { python3 "$here/s3_sigv4.py" "$base" "$@"; }
  code=$(curl -s -o "$work/answer.xml" -w '%{http_code}' -X PUT -H 'Content-Length: 0' "$base$(presign PUT /bench)")
  [[ $code == 200 ]] || { cat "$work/answer.xml" >&2; fail "CreateBucket on $base: HTTP $code"; }
  code=$(curl -s -o "$work/answer.xml" -w '%{http_code}' -T "$work/static.bin" "$base$(presign PUT /bench/object-4k)")
  [[ $code == 200 ]] || { cat "$work/answer.xml" >&2; fail "PutObject on $base: HTTP $code"; }
  get_url="$base$(presign GET /bench/object-4k)"
  curl -s -f -o "$work/got.bin" "$get_url" || fail "presigned GET on $base failed"
  cmp -s "$work/got.bin" "$work/static.bin" || fail "presigned GET on $base returned other bytes"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
head -c 4096 /dev/urandom >"$work/static.bin"

# --- rounds: nginx, then skybox, each freshly started ---------------------------------------
# One 10 s run of each swings by +-10% on this machine (the other process's leftovers, the page
# cache, timer noise), so the ratio is the median of `rounds` side-by-side pairs.
rounds=${S3_GET_ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail "S3_GET_ROUNDS must be a positive integer"
[[ -x $skybox ]] || fail "no skybox binary at $skybox (build it: cmake --build --preset release --target skybox)"
ratios=() skybox_rps=()
for ((round = 1; round <= rounds; round++)); do
  port=$(free_port)
  start_nginx_static "$work" "$port"
  wait_http "http://127.0.0.1:$port/static.bin"
  curl -s -f "http://127.0.0.1:$port/static.bin" | cmp -s - "$work/static.bin" || fail "nginx serves other bytes"
  run_wrk nginx "http://127.0.0.1:$port/static.bin"
  echo "round $round: nginx $(nginx -v 2>&1 | sed 's/.*\///') GET 4 KiB static file, 64 connections: ${rps[nginx]} req/s (p50 ${p50[nginx]}, p99 ${p99[nginx]})"
  stop_server

  port=$(free_port)
  "$skybox" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --log-level warn 2>"$work/skybox.log" &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/_skybox/health"
  s3_prepare "http://127.0.0.1:$port"
  run_wrk skybox "$get_url"
  echo "round $round: skybox GetObject 4 KiB (presigned), 64 connections: ${rps[skybox]} req/s (p50 ${p50[skybox]}, p99 ${p99[skybox]})"
  stop_server
  skybox_rps+=("${rps[skybox]}")
  ratios+=("$(awk -v s="${rps[skybox]}" -v n="${rps[nginx]}" 'BEGIN { printf "%.3f", s / n }')")
  echo "round $round: skybox / nginx: $(printf '%.2f' "${ratios[-1]}")x"
done

if [[ $with_moto == 1 ]]; then
  port=$(free_port)
  moto=$(command -v pyenv >/dev/null && pyenv which moto_server || command -v moto_server)
  "$moto" -p "$port" >/dev/null 2>&1 &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/"
  s3_prepare "http://127.0.0.1:$port"
  run_wrk moto "$get_url"
  echo "moto_server GetObject 4 KiB (presigned), 64 connections: ${rps[moto]} req/s (p50 ${p50[moto]}, p99 ${p99[moto]})"
  stop_server
fi

# median: the middle value of its arguments (the lower middle for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores shared by wrk and the server; ${duration} s per run"
if [[ $with_moto == 1 ]]; then
  awk -v s="$(median "${skybox_rps[@]}")" -v m="${rps[moto]}" \
    'BEGIN { printf "skybox (median of the rounds) / moto_server: %.1fx\n", s / m }'
fi
printf '%s\n' "${ratios[@]}" | sort -g | awk '{ r[NR] = $1 } END { printf "skybox / nginx: %.2fx (median of %d rounds", r[int((NR + 1) / 2)], NR; if (NR % 2 == 0) printf ", the lower middle"; printf "; sorted: "; for (i = 1; i <= NR; i++) printf "%s%.2fx", (i > 1 ? " " : ""), r[i]; print ")" }'
exit 0
