#!/usr/bin/env bash
# The measuring half of bench/dynamodb_local.sh: runs inside the network namespace that script
# made (so fixed ports are free and nothing is reachable from outside it), one server at a time:
#   DynamoDB Local -inMemory, DynamoDB Local -dbPath <scratch dir on disk>, skybox durable
#   (--data-dir, default --durability sync: fsync per commit group), skybox --ephemeral and, with
#   --with-moto, moto_server.
# For each: seed the table (bench/dynamodb_workload.sh), then PutItem, GetItem, Query and
# BatchWriteItem with wrk -t2 -c<connections> after a warm-up at the same connection count.
# Prints the results and the skybox/DynamoDB Local ratios as Markdown tables.
#
# Usage (through bench/dynamodb_local.sh only, which sets DYNAMODB_LOCAL_DIR and JAVA_HOME):
#   [--duration SECONDS] [--connections N] [--warmup SECONDS] [--with-moto]
set -euo pipefail
[[ -n ${DYNAMODB_LOCAL_DIR:-} ]] || { echo "run bench/dynamodb_local.sh instead" >&2; exit 2; }

connections=64
warmup=5
lib_args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --connections) connections=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) lib_args+=("$1"); shift ;;
  esac
done
bench_name=dynamodb_local
source "$(dirname "$0")/lib.sh" "${lib_args[@]}"
source "$here/dynamodb_workload.sh"
trap 'exit 143' TERM INT  # so lib.sh's EXIT trap stops the server and removes $work
[[ -n ${SCRATCH_NOTE:-} ]] && echo "$work" >"$SCRATCH_NOTE"

# A rebuild of build/release during the run must not swap the binary under measurement.
[[ -x $skybox ]] || fail "no skybox binary at $skybox (build target skybox, preset release)"
cp "$skybox" "$work/skybox"
skybox=$work/skybox
java=$JAVA_HOME/bin/java
# DynamoDB Local writes dynamodb-local-metadata.json into its working directory: keep it in $work.
cd "$work"
local_version=$("$java" -jar "$DYNAMODB_LOCAL_DIR/DynamoDBLocal.jar" -version -disableTelemetry 2>&1 |
  grep -o '[0-9][0-9.]*' | head -1)
export SIGNED_REQUEST_DIR=$work
wrk_timeout=30s  # DynamoDB Local on disk answers BatchWriteItem in seconds; keep those in the figures

operations=(PutItem GetItem Query BatchWriteItem)
declare -A body=([PutItem]=$put_body [GetItem]=$get_body [Query]=$query_body [BatchWriteItem]=$batch_body)
declare -A items_per_request=([PutItem]=1 [GetItem]=1 [Query]=10 [BatchWriteItem]=$batch_items)
declare -A rps p50 p99 errors cpu seed rss
servers=()

start_dynamodb_local() {  # in-memory|on-disk
  local args=(-port 8000 -disableTelemetry)
  if [[ $1 == in-memory ]]; then args+=(-inMemory); else mkdir "$work/local-db"; args+=(-dbPath "$work/local-db"); fi
  "$java" "-Djava.library.path=$DYNAMODB_LOCAL_DIR/DynamoDBLocal_lib" -jar "$DYNAMODB_LOCAL_DIR/DynamoDBLocal.jar" \
    "${args[@]}" >"$work/dynamodb-local.log" 2>&1 &
  server_pid=$!
  endpoint=http://127.0.0.1:8000/
  wait_http "$endpoint"
}

start_skybox() {  # durable|ephemeral
  local args=(serve --listen 127.0.0.1:4566 --data-dir "$work/skybox-$1" --log-level warn)
  [[ $1 == ephemeral ]] && args+=(--ephemeral)
  "$skybox" "${args[@]}" 2>"$work/skybox.log" &
  server_pid=$!
  endpoint=http://127.0.0.1:4566/
  wait_http "${endpoint}_skybox/health"
}

start_moto() {
  moto_server -p 5000 >"$work/moto.log" 2>&1 &
  server_pid=$!
  endpoint=http://127.0.0.1:5000/
  wait_http "$endpoint"
}

measure() {  # server-name start-command...: seeds, measures every operation, records RSS, stops
  local name=$1 op
  shift
  "$@"
  servers+=("$name")
  seed[$name]=$(seed_table "$endpoint")
  for op in "${operations[@]}"; do
    replay_wrk "$name $op" "$endpoint" "$op" "${body[$op]}" 2 "$connections" "$connections" "$warmup"
    [[ $wrk_rps != 0.00 ]] || echo "$bench_name: $name $op: no request answered in ${duration} s" >&2
    rps[$name|$op]=$wrk_rps p50[$name|$op]=$wrk_p50 p99[$name|$op]=$wrk_p99 errors[$name|$op]=$wrk_errors cpu[$name|$op]=$wrk_cpu_us
  done
  rss[$name]=$(awk '/^VmRSS:/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server_pid/status")
  stop_server
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else printf "n/a" }'; }

measure "DynamoDB Local in-memory" start_dynamodb_local in-memory
measure "DynamoDB Local on disk" start_dynamodb_local on-disk
measure "skybox durable" start_skybox durable
measure "skybox ephemeral" start_skybox ephemeral
[[ $with_moto == 1 ]] && measure "moto_server" start_moto

echo
echo "DynamoDB Local $local_version ($("$java" -version 2>&1 | head -1)), skybox $("$skybox" version 2>&1 | head -1);"
echo "wrk -t2 -c$connections, ${warmup} s warm-up + ${duration} s per row; 1 KiB items; $(nproc) cores; $(date -u '+%F %T UTC')"
echo
echo "| server | operation | req/s | items/s | p50 | p99 | server CPU per request | socket errors |"
echo "|---|---|---|---|---|---|---|---|"
for server in "${servers[@]}"; do
  for op in "${operations[@]}"; do
    key="$server|$op"
    items=$(awk -v r="${rps[$key]}" -v n="${items_per_request[$op]}" 'BEGIN { printf "%.0f", r * n }')
    echo "| $server | $op | ${rps[$key]} | $items | ${p50[$key]} | ${p99[$key]} | ${cpu[$key]} µs | ${errors[$key]} |"
  done
done
echo
echo "| server | seed BatchWriteItem (boto3, 1 client) | RSS after the run |"
echo "|---|---|---|"
for server in "${servers[@]}"; do echo "| $server | ${seed[$server]} items/s | ${rss[$server]} |"; done
echo
header="| operation | durable / Local in-memory | durable / Local on disk | ephemeral / Local in-memory | CPU per request: Local in-memory / durable |"
[[ $with_moto == 1 ]] && header+=" durable / moto |"
echo "$header target >= 5x (durable / in-memory) |"
echo "|---|---|---|---|---|$([[ $with_moto == 1 ]] && echo -n '---|')---|"
for op in "${operations[@]}"; do
  durable=${rps[skybox durable|$op]}
  row="| $op | $(ratio "$durable" "${rps[DynamoDB Local in-memory|$op]}")"
  row+=" | $(ratio "$durable" "${rps[DynamoDB Local on disk|$op]}")"
  row+=" | $(ratio "${rps[skybox ephemeral|$op]}" "${rps[DynamoDB Local in-memory|$op]}")"
  row+=" | $(ratio "${cpu[DynamoDB Local in-memory|$op]}" "${cpu[skybox durable|$op]}") |"
  [[ $with_moto == 1 ]] && row+=" $(ratio "$durable" "${rps[moto_server|$op]}") |"
  met=$(awk -v a="$durable" -v b="${rps[DynamoDB Local in-memory|$op]}" 'BEGIN { print (a >= 5 * b) ? "met" : "missed" }')
  echo "$row $met |"
done
