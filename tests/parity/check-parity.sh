#!/usr/bin/env bash
# Compares the C core with the OpenCV reference on every triple of a data
# folder and the three parameter sets of the acceptance criteria, with the
# article preset (the default preset is another method).  Needs the
# reference tools (python3-opencv, python3-tifffile); the test suite does
# not.
#
#   tests/parity/check-parity.sh [BUILDDIR] [DATADIR]
#
# Prints one line per triple and parameter set and exits non-zero if any
# comparison is not "parity: ok".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
data=${2:-$top/../shared/data/real}
tools=${LDA_REFERENCE_TOOLS:-$top/../shared/tools}
livedead=$build/src/cli/livedead
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$livedead" ] || { echo "no $livedead: build first" >&2; exit 2; }

fail=0
total=0
for bf in $(find "$data" -name '*_bf.tif' | sort); do
  base=${bf%_bf.tif}
  ho=${base}_hoechst.tif
  dr=${base}_draq7.tif
  [ -f "$ho" ] && [ -f "$dr" ] || continue
  name=$(basename "$(dirname "$bf")")/$(basename "$base")
  for set in "1.2 16 5" "1.1 8 3" "1.5 32 7"; do
    read -r offset coarseness kernel <<<"$set"
    ref=$work/ref
    ours=$work/ours
    rm -rf "$ref" "$ours"
    /usr/bin/python3 "$tools/seed_reference.py" "$bf" "$ho" "$dr" "$ref" \
      --offset "$offset" --coarseness "$coarseness" --kernel "$kernel" >/dev/null
    "$livedead" segment "$bf" "$ho" "$dr" -o "$ours" --stages --quiet --preset article \
      --offset "$offset" --coarseness "$coarseness" --kernel "$kernel" 2>/dev/null
    out=$(/usr/bin/python3 "$tools/compare_stages.py" "$ours" "$ref")
    verdict=$(tail -n 1 <<<"$out")
    agreement=$(grep -o 'agreement [0-9.]*' <<<"$out" | head -n 1)
    printf '%-52s %-13s %-20s %s\n' "$name" "($offset, $coarseness, $kernel)" "$agreement" "$verdict"
    total=$((total + 1))
    [ "$verdict" = "parity: ok" ] || fail=$((fail + 1))
  done
done
echo "$((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
