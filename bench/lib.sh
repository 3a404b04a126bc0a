# Shared by the wrk benchmark scripts (source it after setting `bench_name`): argument parsing
# (--duration SECONDS, --with-moto), a scratch dir removed on exit, and the lifecycle of the one
# server under test at a time (server_pid, stop_server, wait_http, free_port, fail).
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox.

here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
skybox=${SKYBOX:-$here/../build/release/src/main/skybox}
duration=10
with_moto=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --with-moto) with_moto=1; shift ;;
    *) echo "usage: $0 [--duration SECONDS] [--with-moto]" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "/tmp/skybox-$bench_name.XXXXXX")
server_pid=""
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

fail() { echo "$bench_name: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() {  # url: until any HTTP answer, at most 30 s
  for _ in $(seq 600); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "server exited before answering $1"
    sleep 0.05
  done
  fail "no answer from $1 within 30 s"
}

start_moto() {  # sets port and server_pid: moto_server on a free port, answering
  port=$(free_port)
  moto_server -p "$port" >/dev/null 2>&1 &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/"
}

start_nginx_static() {  # dir port: nginx (all cores) serving dir on 127.0.0.1:port; sets server_pid
  cat >"$1/nginx.conf" <<NGINX
worker_processes auto;
pid $1/nginx.pid;
error_log $1/nginx-error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;  # wrk keeps its connections; do not make nginx reconnect every 1000
  server { listen 127.0.0.1:$2; root $1; }
}
NGINX
  nginx -e "$1/nginx-error.log" -c "$1/nginx.conf" -p "$1" &
  server_pid=$!
}

# sign_json_request label url service target content_type < body: signs one JSON-protocol POST
# (bench/json_sign.py) into $work/headers.txt and $work/body.txt for bench/replay.lua, and checks
# that one curl of it answers 200; the answer is left in $work/check.json.
sign_json_request() {
  local label=$1 url=$2 curl_args=() header status
  python3 "$here/json_sign.py" "$url" "$work" "$3" "$4" "$5"
  while IFS= read -r header; do curl_args+=(-H "$header"); done <"$work/headers.txt"
  status=$(curl -s -o "$work/check.json" -w '%{http_code}' --max-time 10 "${curl_args[@]}" \
    --data-binary "@$work/body.txt" "$url") || fail "$label: request failed"
  [[ $status == 200 ]] || fail "$label: HTTP $status: $(cat "$work/check.json")"
}

server_cpu_us() {  # CPU time of $server_pid so far (utime + stime, all threads), in microseconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.0f", ($12 + $13) * 1e6 / hz }' \
    "/proc/$server_pid/stat"
}

wrk_requests() { awk '/ requests in / { print $1 }' "$1"; }  # completed requests of a wrk report

# wrk_stats report: sets wrk_rps, wrk_p50, wrk_p99 and wrk_errors (socket errors: connect, read,
# write, timeout) from a wrk --latency report.
wrk_stats() {
  wrk_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$1")
  wrk_p50=$(awk '$1 == "50%" { print $2 }' "$1")
  wrk_p99=$(awk '$1 == "99%" { print $2 }' "$1")
  wrk_errors=$(awk '/^  Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$1")
  wrk_errors=${wrk_errors:-0}
}
