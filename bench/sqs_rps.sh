#!/usr/bin/env bash
# SQS send throughput measured by wrk, so the load generator is not the limit: on skybox
# (durable, default --durability sync: a send is acknowledged after the fsync of its commit
# group) and, with --with-moto, on moto_server. For each server: a fresh queue per workload, then
# wrk replays one SigV4-signed JSON-protocol request (bench/json_sign.py + bench/replay.lua) at
# 64 connections (2 threads; 1 s warm-up, then --duration seconds):
#   SendMessage       a 1 KiB body                   messages/s = requests/s
#   SendMessageBatch  10 entries of a 1 KiB body      messages/s = 10 x requests/s
# SendMessage is not idempotent, so every replayed request queues a new message. Afterwards boto3
# reads ApproximateNumberOfMessages of each queue, which must be at least what wrk counted as
# sent (plus the warm-up and the one curl check): proof the sends were real. Any non-2xx answer
# fails the benchmark. Each row also gives the server's CPU time (user + system, all threads) per
# request it handled, which load from other processes on the machine disturbs less than req/s,
# and the end skybox's VmRSS with every message of its runs still queued. Receive+delete and
# long-poll latency are measured by bench/sqs_bench.py.
#
# Usage: bench/sqs_rps.sh [--duration SECONDS] [--with-moto]
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox (see bench/lib.sh).
set -euo pipefail

bench_name=sqs_rps
source "$(dirname "$0")/lib.sh"

connections=64
threads=2
timeout=10s  # moto answers slowly under 64 connections; a later answer counts as a socket error
message_body=$(head -c 768 /dev/urandom | base64 -w0 | head -c 1024)
export SIGNED_REQUEST_DIR=$work
declare -A msgs_per_s  # "server operation" -> messages/s, for the skybox/moto ratios
queued_total=0         # messages queued by the runs so far, all queues

# sqs_client endpoint create NAME | settled-count URL: boto3 CreateQueue (prints the QueueUrl), or
# ApproximateNumberOfMessages of a queue once two reads 0.25 s apart agree (prints the number):
# a server still working through requests whose connections wrk closed has settled by then.
sqs_client() {
  timeout 60 python3 - "$@" <<'PY'
import sys, time, boto3
endpoint, action, arg = sys.argv[1:]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
if action == "create":
    print(sqs.create_queue(QueueName=arg)["QueueUrl"])
    sys.exit()
count, previous = None, -1
while count != previous:
    previous = count
    time.sleep(0.25)
    count = int(sqs.get_queue_attributes(QueueUrl=arg, AttributeNames=["ApproximateNumberOfMessages"])
                ["Attributes"]["ApproximateNumberOfMessages"])
print(count)
PY
}

# request_body operation queue_url: the JSON body of SendMessage or SendMessageBatch (10 entries).
request_body() {
  python3 - "$@" "$message_body" <<'PY'
import json, sys
operation, url, body = sys.argv[1:]
if operation == "SendMessage":
    request = {"QueueUrl": url, "MessageBody": body}
else:
    request = {"QueueUrl": url, "Entries": [{"Id": str(i), "MessageBody": body} for i in range(10)]}
print(json.dumps(request, separators=(",", ":")), end="")
PY
}

run_wrk() {  # endpoint seconds report [wrk flags]: replays the signed request; fails on non-2xx
  wrk -t"$threads" -c"$connections" -d"$2s" --timeout "$timeout" "${@:4}" -s "$here/replay.lua" "$1/" >"$3"
  if grep -q "Non-2xx" "$3"; then cat "$3" >&2; fail "$3: non-2xx responses"; fi
}

# sign_and_check label endpoint operation queue_url: signs the request into $work and checks that
# one curl of it answers 200 and, for a batch, that all 10 entries succeeded.
sign_and_check() {
  local label=$1 endpoint=$2 operation=$3 url=$4
  request_body "$operation" "$url" |
    sign_json_request "$label" "$endpoint/" sqs "AmazonSQS.$operation" application/x-amz-json-1.0
  if [[ $operation == SendMessageBatch ]] && ! python3 -c '
import json, sys
answer = json.load(open(sys.argv[1]))
sys.exit(0 if len(answer.get("Successful", [])) == 10 and not answer.get("Failed") else 1)' "$work/check.json"; then
    fail "$label: not all 10 entries succeeded: $(cat "$work/check.json")"
  fi
}

# measure_send server endpoint operation messages_per_request: on a fresh queue, signs and checks
# the request, warms up, then measures with wrk and prints a table row. The server's CPU time is
# read when the queue has settled before and after the run and divided by the requests it really
# handled then (queue growth / messages per request), which counts requests wrk gave up on too.
measure_send() {
  local server=$1 endpoint=$2 operation=$3 per_request=$4 label="$1 $3" url
  local out="$work/wrk-$server-$operation.txt" warm="$work/warm-$server-$operation.txt"
  url=$(sqs_client "$endpoint" create "bench-$operation")
  sign_and_check "$label" "$endpoint" "$operation" "$url"
  run_wrk "$endpoint" 1 "$warm"
  local queued_before cpu_before queued cpu_after
  queued_before=$(sqs_client "$endpoint" settled-count "$url")
  cpu_before=$(server_cpu_us)
  run_wrk "$endpoint" "$duration" "$out" --latency
  queued=$(sqs_client "$endpoint" settled-count "$url")
  cpu_after=$(server_cpu_us)

  local requests handled sent
  requests=$(wrk_requests "$out")
  wrk_stats "$out"
  handled=$(((queued - queued_before) / per_request))
  sent=$(((1 + $(wrk_requests "$warm") + requests) * per_request))
  ((queued >= sent)) || fail "$label: wrk counted $sent messages sent, the queue holds $queued"
  msgs_per_s[$label]=$(awk -v rps="$wrk_rps" -v n="$per_request" 'BEGIN { printf "%.0f", rps * n }')
  queued_total=$((queued_total + queued))
  echo "| $server | $operation | $wrk_rps | ${msgs_per_s[$label]} | $wrk_p50 | $wrk_p99 |" \
    "$(((cpu_after - cpu_before) / (handled > 0 ? handled : 1))) | $wrk_errors | $queued >= $sent |"
}

measure_server() {  # server endpoint
  measure_send "$1" "$2" SendMessage 1
  measure_send "$1" "$2" SendMessageBatch 10
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | operation ($connections connections) | req/s | msg/s | p50 | p99 | server CPU µs/req | socket errors | queued >= sent |"
echo "|---|---|---|---|---|---|---|---|---|"
port=$(free_port)
"$skybox" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --log-level warn 2>"$work/skybox.log" &
server_pid=$!
wait_http "http://127.0.0.1:$port/_skybox/health"
measure_server skybox "http://127.0.0.1:$port"
skybox_rss="skybox VmRSS after its runs, $queued_total 1 KiB messages queued:\
 $(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status") MiB"
stop_server
# moto's cost per send grows with the depth of the queue (each send builds the queue's attributes,
# which count every queued message), so its rate falls as a run goes on and depends on --duration.
if [[ $with_moto == 1 ]]; then
  start_moto
  measure_server moto "http://127.0.0.1:$port"
  stop_server
  echo
  for operation in SendMessage SendMessageBatch; do
    awk -v s="${msgs_per_s[skybox $operation]}" -v m="${msgs_per_s[moto $operation]}" -v op="$operation" \
      'BEGIN { r = (m > 0 ? s / m : 0); printf "%s msg/s: skybox/moto = %.0fx (target >= 100x: %s)\n", op, r, (r >= 100 ? "met" : "missed") }'
  done
fi
echo
echo "$skybox_rss"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
