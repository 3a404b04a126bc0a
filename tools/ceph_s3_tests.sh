#!/usr/bin/env bash
# Runs the external conformance suite ceph/s3-tests (s3tests_boto3/functional/test_s3.py, not part
# of this repository) against a fresh `skybox serve`, as docs/compat/notes/s3.md reports it.
#
# Usage: tools/ceph_s3_tests.sh SUITE_DIR [pytest arguments]
#   SUITE_DIR: a checkout of ceph/s3-tests. Default pytest arguments: -m 'not fails_on_aws'.
#   SKYBOX=path overrides build/release/src/main/skybox. Needs python3 with boto3, and pytest
#   (Debian's python3-pytest; its dist-packages are appended to python3's path, never prepended).
# The suite's main, alt and tenant users are three key pairs of Skybox's one account, so the
# tests that need several accounts cannot pass. Results go to $OUT_DIR (default: a new
# /tmp/ceph-s3-tests.XXXXXX): pytest.log, junit.xml, server.log, s3tests.conf.
set -euo pipefail

suite=${1:?usage: tools/ceph_s3_tests.sh SUITE_DIR [pytest arguments]}
shift
[[ -f $suite/s3tests_boto3/functional/test_s3.py ]] || { echo "no s3tests_boto3 in $suite" >&2; exit 2; }
suite=$(cd "$suite" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
skybox=${SKYBOX:-$here/build/release/src/main/skybox}
[[ -x $skybox ]] || { echo "no skybox binary at $skybox" >&2; exit 2; }
out=${OUT_DIR:-$(mktemp -d /tmp/ceph-s3-tests.XXXXXX)}
mkdir -p "$out"
work=$(mktemp -d)
server_pid=""
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

# Three key pairs made here (any will do: the suite reads them from its config).
declare -A key secret
for user in main alt tenant; do
  key[$user]=$(head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
  secret[$user]=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
done
{
  echo "credentials:"
  for user in main alt tenant; do
    printf '  - access_key: %s\n    secret_key: %s\n' "${key[$user]}" "${secret[$user]}"
  done
} >"$work/skybox.yaml"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$skybox" serve --listen "127.0.0.1:$port" --data-dir "$work/data" --config "$work/skybox.yaml" \
  --log-level warn >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/_skybox/health" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done

# The account's canonical id and display name, as ListBuckets reports its owner.
read -r owner_id owner_name < <(python3 - "$port" "${key[main]}" "${secret[main]}" <<'PY'
import sys, boto3
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
                  aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
owner = s3.list_buckets()["Owner"]
print(owner["ID"], owner["DisplayName"])
PY
)

user_section() {  # name email
  printf '[s3 %s]\ndisplay_name = %s\nuser_id = %s\nemail = %s\naccess_key = %s\nsecret_key = %s\n' \
    "$1" "$owner_name" "$owner_id" "$2" "${key[$1]}" "${secret[$1]}"
}
# The [iam*] sections name identities Skybox does not have; the tests that use them skip or fail.
{
  printf '[DEFAULT]\nhost = 127.0.0.1\nport = %s\nis_secure = False\nssl_verify = False\n\n' "$port"
  printf '[fixtures]\nbucket prefix = skybox-{random}-\n\n'
  user_section main main@example.com; printf 'api_name =\n\n'
  user_section alt alt@example.com; echo
  user_section tenant tenant@example.com; printf 'tenant = testx\n\n'
  for section in "iam" "iam root" "iam alt root"; do
    printf '[%s]\naccess_key = NOSUCHKEY%s\nsecret_key = none\nuser_id = none\nemail = none@example.com\ndisplay_name = none\n\n' \
      "$section" "${#section}"
  done
} >"$out/s3tests.conf"

(($# > 0)) || set -- -m 'not fails_on_aws'
# A test that waits on RGW's lifecycle debug interval would wait long: 60 s each when
# pytest-timeout (python3-pytest-timeout) is there.
if python3 -c "import sys; sys.path.append('/usr/lib/python3/dist-packages'); import pytest_timeout" 2>/dev/null; then
  set -- --timeout 60 "$@"
fi
cd "$suite"
status=0
S3TEST_CONF="$out/s3tests.conf" python3 -c \
  "import sys; sys.path.append('/usr/lib/python3/dist-packages'); import pytest; sys.exit(pytest.main(sys.argv[1:]))" \
  s3tests_boto3/functional/test_s3.py -q -p no:cacheprovider -rfEs --junitxml="$out/junit.xml" "$@" \
  >"$out/pytest.log" 2>&1 || status=$?
tail -n 1 "$out/pytest.log"
echo "results in $out"
exit "$status"
