#!/usr/bin/env bash
# DynamoDB requests/s on skybox versus DynamoDB Local (the jar that the npm package
# amplify-dynamodb-simulator ships), side by side: PutItem, GetItem, Query and BatchWriteItem (25
# items per request) of 1 KiB items, wrk replaying one SigV4-signed request per operation.
#
# DynamoDB Local cannot be bound to loopback only (it listens on every address), so everything
# runs in a network namespace of its own that holds nothing but `lo`: the servers, the seeding
# client and wrk. This script prepares and tears down that namespace; the measuring itself is
# bench/dynamodb_local_measure.sh, run inside it.
#
# Usage: bench/dynamodb_local.sh [--duration SECONDS] [--connections N] [--warmup SECONDS]
#                                [--with-moto]              (run as root: it creates a namespace)
#   SKYBOX=path/to/skybox overrides build/release/src/main/skybox; JAVA_HOME picks the JVM
#   (default /usr/lib/jvm/java-17-openjdk-amd64).
# The jar is fetched once with `npm pack` into bench/.cache/ (git-ignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
simulator=amplify-dynamodb-simulator@2.9.30
cache=$here/.cache/$simulator
jar_dir=$cache/package/emulator
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}

fail() { echo "dynamodb_local: $*" >&2; exit 1; }
[[ $EUID == 0 ]] || fail "needs root (ip netns add)"
for tool in ip npm wrk curl python3 "$JAVA_HOME/bin/java"; do
  command -v "$tool" >/dev/null || fail "missing $tool"
done

if [[ ! -f $jar_dir/DynamoDBLocal.jar ]]; then
  echo "dynamodb_local: fetching $simulator (once) into $cache" >&2
  mkdir -p "$cache"
  tarball=$(cd "$cache" && npm pack --silent --pack-destination "$cache" "$simulator")
  tar -xzf "$cache/$tarball" -C "$cache" && rm "$cache/$tarball"
  [[ -f $jar_dir/DynamoDBLocal.jar ]] || fail "no DynamoDBLocal.jar in $simulator"
fi

netns=skybox-bench-$$
scratch=$(mktemp -d /tmp/skybox-dynamodb_local-outer.XXXXXX)
# Ends whatever is still running in the namespace (only this run's processes live there), then
# removes the namespace and the measuring side's scratch directory (named in $scratch/workdir).
cleanup() {
  local pids
  pids=$(ip netns pids "$netns" 2>/dev/null || true)
  if [[ -n $pids ]]; then
    kill $pids 2>/dev/null || true
    for _ in $(seq 50); do
      pids=$(ip netns pids "$netns" 2>/dev/null || true)
      [[ -z $pids ]] && break
      sleep 0.2
    done
    [[ -n $pids ]] && kill -9 $pids 2>/dev/null || true
  fi
  ip netns del "$netns" 2>/dev/null || true
  [[ -f $scratch/workdir ]] && rm -rf "$(cat "$scratch/workdir")"
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$netns"
ip netns exec "$netns" ip link set lo up

# Bound the whole run: 5 servers x 4 operations x (warm-up + measurement + start and checks).
duration=10 warmup=5
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    --duration) duration=${args[i + 1]:-10} ;;
    --warmup) warmup=${args[i + 1]:-5} ;;
  esac
done
bound=$((5 * 4 * (duration + warmup + 15) + 120))

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# In the background, so that a signal to this script runs cleanup at once instead of after it.
DYNAMODB_LOCAL_DIR=$jar_dir SCRATCH_NOTE=$scratch/workdir \
  timeout --kill-after=$((duration + 20)) "$bound" \
  ip netns exec "$netns" "$here/dynamodb_local_measure.sh" "$@" &
status=0
wait $! || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $status == 124 ]] && fail "stopped after the $bound s bound"
exit "$status"
