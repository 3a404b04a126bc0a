# The DynamoDB workload shared by dynamodb_rps.sh and dynamodb_local.sh (source it after lib.sh),
# so every server they compare sees byte-identical tables, items and requests:
#   table `bench`: pk (S, hash) + sk (N, range); items of ~1 KiB (a 1000-character `data` string)
#   put_body    PutItem of one item (the same key on every request: an overwrite)
#   get_body    GetItem of one item of partition p0
#   query_body  Query of one page (Limit 10) of partition p0, which holds 100 items
#   batch_body  BatchWriteItem of 25 items (the same 25 keys on every request)
# seed_table ENDPOINT creates the table and its 1,000 items; replay_wrk measures one request.

payload=$(head -c 700 /dev/urandom | base64 -w0 | head -c 1000)
put_body="{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"},\"data\":{\"S\":\"$payload\"}}}"
get_body='{"TableName":"bench","Key":{"pk":{"S":"p0"},"sk":{"N":"7"}}}'
query_body='{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p0"}},"Limit":10}'
batch_body=$(python3 -c '
import json, sys
items = [{"PutRequest": {"Item": {"pk": {"S": "w"}, "sk": {"N": str(i)}, "data": {"S": sys.argv[1]}}}}
         for i in range(25)]
print(json.dumps({"RequestItems": {"bench": items}}, separators=(",", ":")))' "$payload")
batch_items=25

seed_table() {  # endpoint: table + 1,000 items (100 in partition p0); prints BatchWriteItem items/s
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
    unprocessed = ddb.batch_write_item(RequestItems={"bench": items}).get("UnprocessedItems")
    if unprocessed:
        sys.exit(f"seed: BatchWriteItem left {unprocessed} unprocessed")
    n += 25
print(f"{n / (time.monotonic() - start):.0f}")
PY
}

# replay_wrk label url operation body threads connections warmup_connections warmup_seconds
# Signs the request (sign_json_request in lib.sh), checks one curl of it answers 200 (and, for
# BatchWriteItem, leaves nothing unprocessed), warms up, then runs wrk for $duration seconds into
# $work/wrk-<label>.txt. Fails the benchmark on any non-2xx answer. Sets wrk_rps, wrk_p50,
# wrk_p99, wrk_errors (socket errors: connect, read, write, timeout) and wrk_cpu_us: the CPU time
# (user + system, all threads) the server ($server_pid) spent per answered request during the
# measured run, which load from other processes on the machine disturbs less than req/s. A request
# unanswered after $wrk_timeout (default wrk's own 2s) counts as a timeout, not in the latencies.
replay_wrk() {
  local label=$1 url=$2 operation=$3 body=$4 threads=$5 connections=$6
  local out="$work/wrk-$label.txt"
  printf '%s' "$body" |
    sign_json_request "$label" "$url" dynamodb "DynamoDB_20120810.$operation" application/x-amz-json-1.0
  if [[ $operation == BatchWriteItem ]] && ! grep -Eq '"UnprocessedItems" *: *\{ *\}' "$work/check.json"; then
    fail "$label: items left unprocessed: $(cat "$work/check.json")"
  fi
  wrk -t1 -c"$7" -d"$8s" -s "$here/replay.lua" "$url" >/dev/null
  local cpu_before
  cpu_before=$(server_cpu_us)
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout "${wrk_timeout:-2s}" --latency -s "$here/replay.lua" "$url" >"$out"
  local cpu_us=$(($(server_cpu_us) - cpu_before)) requests
  if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$label: non-2xx responses"; fi
  wrk_stats "$out"
  requests=$(wrk_requests "$out")
  wrk_cpu_us=$(awk -v us="$cpu_us" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0 ? us / n : 0) }')
}
