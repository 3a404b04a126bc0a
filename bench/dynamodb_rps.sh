#!/usr/bin/env bash
# DynamoDB requests/s on skybox (durable, --durability sync, and --ephemeral) and, with
# --with-moto, on moto_server: PutItem, GetItem and Query of 1 KiB items at 64 connections (wrk
# replaying one SigV4-signed request, bench/replay.lua). Query reads one page of 10 items from a
# 100-item partition. Also times a BatchWriteItem load (boto3, 25 items per call) for items/s.
#
# Usage: bench/dynamodb_rps.sh [--duration SECONDS] [--with-moto]
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox (see bench/lib.sh).
set -euo pipefail

bench_name=dynamodb_rps
source "$(dirname "$0")/lib.sh"

source "$here/dynamodb_workload.sh"

run_wrk() {  # label url operation body
  replay_wrk "$1" "$2" "$3" "$4" 2 64 8 1
  echo "| $1 | $wrk_rps | $wrk_p50 | $wrk_p99 |"
}

export SIGNED_REQUEST_DIR=$work
echo "| server / operation (64 connections) | req/s | p50 | p99 |"
echo "|---|---|---|---|"
for mode in durable ephemeral; do
  port=$(free_port)
  args=(serve --listen "127.0.0.1:$port" --data-dir "$work/data-$mode" --log-level warn)
  [[ $mode == ephemeral ]] && args+=(--ephemeral)
  "$skybox" "${args[@]}" 2>"$work/skybox.log" &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/_skybox/health"
  batch=$(seed_table "http://127.0.0.1:$port")
  run_wrk "skybox $mode PutItem" "http://127.0.0.1:$port/" PutItem "$put_body"
  run_wrk "skybox $mode GetItem" "http://127.0.0.1:$port/" GetItem "$get_body"
  run_wrk "skybox $mode Query (10 of 100)" "http://127.0.0.1:$port/" Query "$query_body"
  echo "| skybox $mode BatchWriteItem (boto3, 1 client) | $batch items/s | | |"
  stop_server
done
if [[ $with_moto == 1 ]]; then
  start_moto
  batch=$(seed_table "http://127.0.0.1:$port")
  run_wrk "moto PutItem" "http://127.0.0.1:$port/" PutItem "$put_body"
  run_wrk "moto GetItem" "http://127.0.0.1:$port/" GetItem "$get_body"
  run_wrk "moto Query (10 of 100)" "http://127.0.0.1:$port/" Query "$query_body"
  echo "| moto BatchWriteItem (boto3, 1 client) | $batch items/s | | |"
  stop_server
fi
