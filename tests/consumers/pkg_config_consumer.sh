#!/usr/bin/env bash
# A C program built the way Makefiles build against system libraries:
#   cc app.c $(pkg-config --cflags --libs sqp)
# against an installed prefix (PKG_CONFIG_PATH=<prefix>/<libdir>/pkgconfig), then run.
# usage: pkg_config_consumer.sh PREFIX LIBDIR VERSION SOURCE_DIR WORK_DIR CC [EXTRA_FLAGS...]
set -euo pipefail
prefix=$1 libdir=$2 version=$3 source=$4 work=$5 cc=$6
shift 6
extra=("$@")
fail() { echo "pkg-config consumer: $*" >&2; exit 1; }

command -v pkg-config >/dev/null || fail "pkg-config is not installed (Debian: pkg-config)"
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
unset PKG_CONFIG_LIBDIR LD_LIBRARY_PATH
pkg-config --exists --print-errors sqp || fail "pkg-config does not find sqp in $PKG_CONFIG_PATH"
[[ $(pkg-config --modversion sqp) == "$version" ]] ||
  fail "sqp.pc says version $(pkg-config --modversion sqp), expected $version"
pkg-config --atleast-version="$version" sqp || fail "--atleast-version $version"
cflags=$(echo $(pkg-config --cflags sqp))  # normalise whitespace
libs=$(echo $(pkg-config --libs sqp))
libdir_pc=$(pkg-config --variable=libdir sqp)
[[ $cflags == "-I$prefix/include" ]] || fail "cflags '$cflags' do not name $prefix/include"
[[ $libs == "-L$prefix/$libdir -lsqp" ]] || fail "libs '$libs' do not name $prefix/$libdir"
echo "pkg-config --cflags --libs sqp: $cflags $libs"

mkdir -p "$work"
# shellcheck disable=SC2086  # word splitting of pkg-config output is intended
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "${extra[@]}" $cflags \
  "$source/tests/consumers/consumer.c" $libs -Wl,-rpath,"$libdir_pc" -o "$work/consumer_c"
# The loader resolves libsqp.so.1 inside the prefix (rpath from pkg-config's libdir).
# ldd's output is captured first: piped into grep -q, which stops at its first match, ldd could
# die of SIGPIPE and pipefail turn a match into a failure (an intermittent one, seen under -j2).
loaded=$(ldd "$work/consumer_c")
grep -q "libsqp.so.1 => $prefix/$libdir/libsqp.so.1" <<<"$loaded" ||
  fail "consumer_c does not load the installed libsqp.so.1: $(grep sqp <<<"$loaded")"
"$work/consumer_c" "$version"

# docs/examples/c, built the same way: the CRM run over the JSON Lines export.
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "${extra[@]}" $cflags \
  "$source/docs/examples/c/crm_eligibility.c" $libs -Wl,-rpath,"$libdir_pc" -o "$work/crm_eligibility"
status=0
"$work/crm_eligibility" "$source/docs/examples/crm-export.jsonl" "$work/decisions.jsonl" \
  > "$work/crm-report.txt" || status=$?
cat "$work/crm-report.txt"
[[ $status == 2 ]] || fail "crm_eligibility exited $status, expected 2 (one invalid record)"
grep -q "Totals: eligible 2, ineligible 1, pending 1, not evaluated 1" "$work/crm-report.txt" ||
  fail "unexpected totals"
[[ $(wc -l < "$work/decisions.jsonl") == 5 ]] || fail "decisions.jsonl should have 5 lines"
# The decisions file is what the CLI writes for the same export, byte for byte.
"$prefix/bin/sqp" eligibility --batch --unknown-members note "$source/docs/examples/crm-export.jsonl" \
  > "$work/decisions-cli.jsonl" 2>/dev/null || true
cmp -s "$work/decisions.jsonl" "$work/decisions-cli.jsonl" ||
  fail "decisions.jsonl differs from 'sqp eligibility --batch' on the same export"
echo "pkg-config consumer: all checks passed"
