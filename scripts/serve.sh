#!/usr/bin/env bash
# Installs what is needed, builds the release binary and runs `skybox serve` with its
# embedded defaults (127.0.0.1:4566, state in ./skybox-data). Extra arguments go to serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# ccache keys on paths relative to the checkout, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake --preset release >/dev/null
cmake --build --preset release --target skybox
exec build/release/src/main/skybox serve "$@"
