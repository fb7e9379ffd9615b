#!/bin/sh
# run-fuzzers.sh — builds the libFuzzer targets and runs each for a while
#
#   tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#
# SECONDS (default 600) is the time each target runs; TARGET is tiff,
# project, edits, imagej, ome or mm-metadata (default: all, one after another; set JOBS=3 to run
# them side by side).  Needs clang (apt-get install clang).  The build goes
# to build-fuzz/; each target's corpus grows in build-fuzz/corpus/<target>,
# starting from tests/fuzz/seeds/<target>.  An input that makes a target
# fail is written to build-fuzz/crashes/<target>/; copy it into
# tests/fuzz/regressions/<target>/ once fixed, and the test suite replays
# it from then on.  The summary of each run is in build-fuzz/<target>.log.
set -eu

seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-tiff project edits imagej ome mm-metadata}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$top/build-fuzz}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debugoptimized
fi
for t in $targets; do
  ninja -C "$build" "tests/fuzz/fuzz-$t"
done

# Fail on every sanitizer report; keep leaks in (a leak is a finding).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_DEBUG=gc-friendly

run_one () {
  t=$1
  mkdir -p "$build/corpus/$t" "$build/crashes/$t"
  echo "fuzz-$t: running for $seconds s; log in $build/$t.log"
  # -rss_limit_mb: a loader must refuse an impossible size up front rather
  # than try to allocate it; 2 GiB is far above anything a valid seed needs.
  status=0
  "$build/tests/fuzz/fuzz-$t" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/crashes/$t/" \
    "$build/corpus/$t" "$top/tests/fuzz/seeds/$t" \
    >"$build/$t.log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$t.log")
  found=$(ls "$build/crashes/$t" | wc -l)
  echo "fuzz-$t: $seconds s, ${runs:-?} inputs, exit $status, $found failing inputs in $build/crashes/$t"
  return $status
}

failed=0
if [ "${JOBS:-1}" -gt 1 ]; then
  pids=""
  for t in $targets; do run_one "$t" & pids="$pids $!"; done
  for p in $pids; do wait "$p" || failed=1; done
else
  for t in $targets; do run_one "$t" || failed=1; done
fi
exit $failed
