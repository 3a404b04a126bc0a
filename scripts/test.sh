#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: unit, end-to-end (real clients
# against the real binary), crash, then the end-to-end suite again under ASan+UBSan, then
# each fuzz target briefly. .ci/run calls exactly this.
#   SKYBOX_QUICK=1 scripts/test.sh   release build and its tests only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# ccache keys on paths relative to the checkout, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true

jobs=$(nproc)
export CTEST_OUTPUT_ON_FAILURE=1

step() { printf '\n== %s\n' "$*"; }

step "release build"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
step "release tests (unit, e2e, crash)"
ctest --preset release -j "$jobs" --timeout 600

if [ "${SKYBOX_QUICK:-0}" != 1 ]; then
  step "ASan+UBSan build"
  cmake --preset debug-asan >/dev/null
  cmake --build --preset debug-asan -j "$jobs"
  step "ASan+UBSan tests (unit and e2e)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset debug-asan -j "$jobs" -L "unit|e2e" --timeout 900

  step "fuzz targets (clang-14 libFuzzer, ${SKYBOX_FUZZ_SECONDS:-10}s each)"
  cmake --preset fuzz -DSKYBOX_FUZZ_SECONDS="${SKYBOX_FUZZ_SECONDS:-10}" >/dev/null
  cmake --build --preset fuzz -j "$jobs" --target fuzz_targets
  ctest --test-dir build/fuzz -L fuzz -j "$jobs" --timeout 300
fi
