#!/usr/bin/env bash
# Installs everything Skybox needs to build and test on Debian 12. Idempotent: packages
# already present are skipped, so a second run costs a second.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  build-essential cmake ninja-build ccache mold pkg-config
  libboost-dev librocksdb-dev libssl-dev zlib1g-dev libzstd-dev liblz4-dev libsnappy-dev libbz2-dev
  nlohmann-json3-dev libyaml-cpp-dev libexpat1-dev libmimalloc-dev libxxhash-dev
  libgtest-dev libgmock-dev clang-14 libclang-rt-14-dev lld-14
  nginx-light wrk hyperfine curl s3cmd restic s3fs rclone python3-xxhash
  chromium
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null || { echo "setup: Node.js 20 with npm is required for the JS SDK tests" >&2; exit 1; }
# The JS SDK end-to-end tests use the AWS SDK for JavaScript v3 from npm, and the browser
# tests playwright-core driving Debian's chromium (above).
js_ready=1
for package in @aws-sdk/client-s3 @aws-sdk/lib-storage @aws-sdk/client-sns @aws-sdk/client-eventbridge playwright-core; do
  [ -d "tests/e2e/js/node_modules/$package" ] || js_ready=0
done
if [ "$js_ready" = 0 ]; then
  (cd tests/e2e/js && npm ci --no-audit --no-fund --loglevel=error)
fi
