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

payload=$(head -c 700 /dev/urandom | base64 -w0 | head -c 1000)
put_body="{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"},\"data\":{\"S\":\"$payload\"}}}"
get_body='{"TableName":"bench","Key":{"pk":{"S":"p0"},"sk":{"N":"7"}}}'
query_body='{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p0"}},"Limit":10}'

prepare() {  # endpoint: table + 100 items in partition p0; prints BatchWriteItem items/s
  python3 - "$1" "$payload" <<'PY'
import sys, time, boto3
endpoint, payload = sys.argv[1], sys.argv[2]
ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
ddb.create_table(TableName="bench", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                               {"AttributeName": "sk", "KeyType": "RANGE"}],
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "sk", "AttributeType": "N"}], BillingMode="PAY_PER_REQUEST")
start, n = time.monotonic(), 0
for batch in range(40):
    items = [{"PutRequest": {"Item": {"pk": {"S": "p0" if batch < 4 else f"b{batch}"}, "sk": {"N": str(batch * 25 + i)},
                                      "data": {"S": payload}}}} for i in range(25)]
    ddb.batch_write_item(RequestItems={"bench": items})
    n += 25
print(f"{n / (time.monotonic() - start):.0f}")
PY
}

run_wrk() {  # label url operation body
  local label=$1 url=$2
  python3 "$here/dynamodb_sign.py" "$url" "$work" "$3" "$4"
  wrk -t1 -c8 -d1s -s "$here/replay.lua" "$url" >/dev/null
  local out="$work/wrk-$label.txt"
  wrk -t2 -c64 -d"${duration}s" --latency -s "$here/replay.lua" "$url" >"$out"
  if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$label: non-2xx responses"; fi
  echo "| $label | $(awk '/^Requests\/sec:/ {print $2}' "$out") | $(awk '$1 == "50%" {print $2}' "$out") | $(awk '$1 == "99%" {print $2}' "$out") |"
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
  batch=$(prepare "http://127.0.0.1:$port")
  run_wrk "skybox $mode PutItem" "http://127.0.0.1:$port/" PutItem "$put_body"
  run_wrk "skybox $mode GetItem" "http://127.0.0.1:$port/" GetItem "$get_body"
  run_wrk "skybox $mode Query (10 of 100)" "http://127.0.0.1:$port/" Query "$query_body"
  echo "| skybox $mode BatchWriteItem (boto3, 1 client) | $batch items/s | | |"
  stop_server
done
if [[ $with_moto == 1 ]]; then
  port=$(free_port)
  moto_server -p "$port" >/dev/null 2>&1 &
  server_pid=$!
  wait_http "http://127.0.0.1:$port/"
  batch=$(prepare "http://127.0.0.1:$port")
  run_wrk "moto PutItem" "http://127.0.0.1:$port/" PutItem "$put_body"
  run_wrk "moto GetItem" "http://127.0.0.1:$port/" GetItem "$get_body"
  run_wrk "moto Query (10 of 100)" "http://127.0.0.1:$port/" Query "$query_body"
  echo "| moto BatchWriteItem (boto3, 1 client) | $batch items/s | | |"
  stop_server
fi
