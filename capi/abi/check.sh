#!/usr/bin/env bash
# The ABI check of libsqp.so.1 against the committed baselines of every 1.x release (docs/abi.md),
# with abigail-tools (Debian package abigail-tools). LIB must be built with debug information (-g):
# abidw reads the types from DWARF.
#
# Two checks, both must pass:
#   abidiff   LIB against each baseline capi/abi/libsqp.so.1.MINOR.abi: a removed function, a
#             changed signature, a changed struct (with that baseline's own suppressions,
#             libsqp.so.1.MINOR.suppressions.ini: the compatible growth since that release)
#   constants the header's enumerator and macro values and its fields' spelled types against
#             capi/abi/libsqp.so.1.constants (constants.py): what abidiff cannot see, because
#             enums cross the ABI as int32_t and int32_t -> uint32_t is "harmless" to it
#
#   capi/abi/check.sh [--headers DIR] LIB       exit 0 when LIB (built from DIR/sqp.h, default
#                                         capi/include) keeps every baseline (additions are
#                                         fine), 1 with the reports otherwise
#   capi/abi/check.sh --expect-break [--headers DIR] LIB [NAME]
#                                         the opposite: exit 0 only when the check fails and its
#                                         report names NAME (the test that the check can fail,
#                                         and fails for the right reason)
#   capi/abi/check.sh --update LIB        write the baseline of this release's MAJOR.MINOR (the
#                                         version of project() in CMakeLists.txt) from LIB and
#                                         rewrite the constants baseline (after a reviewed,
#                                         intended change; commit them with the header)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
headers="$here/../include"
suppressions="$here/suppressions.ini"
constants="$here/libsqp.so.1.constants"
mode=check
case "${1:-}" in
  --update|--expect-break) mode=${1#--}; shift ;;
esac
if [ "${1:-}" = --headers ]; then headers=$2; shift 2; fi
lib=${1:?usage: check.sh [--update|--expect-break] [--headers DIR] path/to/libsqp.so [NAME]}
must_name=${2:-}
command -v abidiff >/dev/null || { echo "abi check: abidiff not found (apt-get install abigail-tools)" >&2; exit 2; }

if [ "$mode" = update ]; then
  # The release's minor version, from project(), the one place the version is written (sqp.h's
  # SQP_VERSION_MINOR is generated from it into the build tree).
  minor=$(sed -n 's/^project(sqp VERSION [0-9]*\.\([0-9]*\)\..*/\1/p' "$here/../../CMakeLists.txt")
  [ -n "$minor" ] || { echo "abi check: no project(sqp VERSION X.Y.Z ...) in CMakeLists.txt" >&2; exit 2; }
  baseline="$here/libsqp.so.1.$minor.abi"
  # Only the public headers' types, no build paths: the baseline is the same from any checkout.
  abidw --headers-dir "$headers" --drop-private-types --exported-interfaces-only \
        --drop-undefined-syms --no-corpus-path --short-locs --no-comp-dir-path \
        --suppressions "$suppressions" "$lib" |
    # The libraries it needs (DT_NEEDED) depend on the build (sanitizer runtimes, Abseil's
    # version), not on the ABI callers see.
    sed "/<dependency name=/d" > "$baseline"
  echo "abi check: baseline rewritten: $baseline"
  python3 "$here/constants.py" "$headers" --update "$constants"
  exit 0
fi

report=""
broken=0
for each in "$here"/libsqp.so.1.*.abi; do
  set +e
  # A baseline's own suppressions: the compatible changes since that release (docs/abi.md).
  extra=()
  if [ -f "${each%.abi}.suppressions.ini" ]; then extra=(--suppressions "${each%.abi}.suppressions.ini"); fi
  out=$(abidiff --headers-dir2 "$headers" --suppressions "$suppressions" "${extra[@]}" --drop-private-types \
                --exported-interfaces-only \
                --no-added-syms "$each" "$lib" 2>&1)
  status=$?
  set -e
  # abidiff's exit status is a bit set: 1 error, 2 usage, 4 some ABI change, 8 an incompatible
  # one. With --no-added-syms, additions (new functions, the compatible kind) are not changes;
  # every other change not suppressed by suppressions.ini is.
  if [ $((status & 3)) -ne 0 ]; then
    echo "abi check: abidiff failed ($status) against $each:" >&2
    echo "$out" >&2
    exit 2
  fi
  if [ $((status & 12)) -ne 0 ]; then
    broken=1
    report+="abidiff against $(basename "$each") (status $status):"$'\n'"$out"$'\n'
  else
    echo "abi check: keeps the ABI of $(basename "$each")"
  fi
done
set +e
out=$(python3 "$here/constants.py" "$headers" "$constants" 2>&1)
status=$?
set -e
if [ $status -eq 1 ]; then
  broken=1
  report+="$out"$'\n'
elif [ $status -ne 0 ]; then
  echo "abi check: constants.py failed ($status):" >&2
  echo "$out" >&2
  exit 2
else
  echo "$out"
fi

if [ "$mode" = expect-break ]; then
  if [ $broken -ne 0 ] && { [ -z "$must_name" ] || grep -q -- "$must_name" <<<"$report"; }; then
    echo "abi check: the broken library is refused, as it must be:"
    echo "$report" | sed -n '1,40p'
    exit 0
  fi
  echo "abi check: a deliberately broken library was NOT detected" >&2
  echo "$report" >&2
  exit 1
fi
if [ $broken -ne 0 ]; then
  echo "abi check: $lib (header $headers/sqp.h) breaks the 1.x ABI:" >&2
  echo "$report" >&2
  echo "If the change is intended and compatible, see docs/abi.md (regenerating the baseline)." >&2
  exit 1
fi
echo "abi check: $lib keeps the ABI of every 1.x baseline"
