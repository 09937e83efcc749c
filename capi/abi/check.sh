#!/usr/bin/env bash
# The ABI check of libsqp.so.1 against the committed 1.x baseline (docs/abi.md), with
# abigail-tools (Debian package abigail-tools). LIB must be built with debug information (-g):
# abidw reads the types from DWARF.
#
#   capi/abi/check.sh LIB                 exit 0 when LIB keeps the baseline's ABI (additions are
#                                         fine), 1 with abidiff's report otherwise
#   capi/abi/check.sh --expect-break LIB [NAME]
#                                         the opposite: exit 0 only when LIB breaks the ABI, and
#                                         abidiff's report names NAME (the test that the check
#                                         can fail, and fails for the right reason)
#   capi/abi/check.sh --update LIB        rewrite the baseline from LIB (after a reviewed,
#                                         intended change; commit it with the header)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
headers="$here/../include"
baseline="$here/libsqp.so.1.abi"
suppressions="$here/suppressions.ini"
mode=check
case "${1:-}" in
  --update|--expect-break) mode=${1#--}; shift ;;
esac
lib=${1:?usage: check.sh [--update|--expect-break] path/to/libsqp.so [NAME]}
must_name=${2:-}
command -v abidiff >/dev/null || { echo "abi check: abidiff not found (apt-get install abigail-tools)" >&2; exit 2; }

if [ "$mode" = update ]; then
  # Only the public headers' types, no build paths: the baseline is the same from any checkout.
  abidw --headers-dir "$headers" --drop-private-types --exported-interfaces-only \
        --drop-undefined-syms --no-corpus-path --short-locs --no-comp-dir-path \
        --suppressions "$suppressions" "$lib" |
    # The libraries it needs (DT_NEEDED) depend on the build (sanitizer runtimes, Abseil's
    # version), not on the ABI callers see.
    sed "/<dependency name=/d" > "$baseline"
  echo "abi check: baseline rewritten: $baseline"
  exit 0
fi

set +e
report=$(abidiff --headers-dir2 "$headers" --suppressions "$suppressions" --drop-private-types \
                 --exported-interfaces-only \
                 --no-added-syms "$baseline" "$lib" 2>&1)
status=$?
set -e
# abidiff's exit status is a bit set: 1 error, 2 usage, 4 some ABI change, 8 an incompatible one.
# With --no-added-syms, additions (new functions, the compatible kind) are not changes; every
# other change (a removed function, a changed signature, a struct whose layout changed) is.
if [ $((status & 3)) -ne 0 ]; then
  echo "abi check: abidiff failed ($status):" >&2
  echo "$report" >&2
  exit 2
fi
broken=$((status & 12))
if [ "$mode" = expect-break ]; then
  if [ $broken -ne 0 ] && { [ -z "$must_name" ] || grep -q -- "$must_name" <<<"$report"; }; then
    echo "abi check: the broken library is refused, as it must be (abidiff status $status):"
    echo "$report" | sed -n '1,40p'
    exit 0
  fi
  echo "abi check: a deliberately broken library was NOT detected (abidiff status $status)" >&2
  echo "$report" >&2
  exit 1
fi
if [ $broken -ne 0 ]; then
  echo "abi check: $lib breaks the ABI of the baseline $baseline (abidiff status $status):" >&2
  echo "$report" >&2
  echo "If the change is intended and compatible, see docs/abi.md (regenerating the baseline)." >&2
  exit 1
fi
echo "abi check: $lib keeps the ABI of $baseline"
