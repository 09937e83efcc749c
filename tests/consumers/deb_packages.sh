#!/usr/bin/env bash
# CPack's Debian packages (issue 9): libsqp1 (runtime), libsqp-dev, sqp (the CLI), built from the
# build tree with `cpack -G DEB`, then checked with dpkg-deb: names, files, and Depends that are
# Debian packages (dpkg-shlibdeps for the binaries, the -dev packages for the headers).
# usage: deb_packages.sh CPACK BUILD_DIR WORK_DIR VERSION
# Exit 77 (skipped) when dpkg-deb or dpkg-shlibdeps (Debian package dpkg-dev) is missing.
set -euo pipefail
cpack=$1 build=$2 work=$3 version=$4
fail() { echo "deb packages: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: dpkg-dev); skipping"; exit 77; }
done
rm -rf "$work" && mkdir -p "$work"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
arch=$(dpkg --print-architecture)
runtime=$work/libsqp1_${version}_$arch.deb
dev=$work/libsqp-dev_${version}_$arch.deb
tools=$work/sqp_${version}_$arch.deb
for deb in "$runtime" "$dev" "$tools"; do [[ -f $deb ]] || fail "no $(basename "$deb") (see $work/cpack.log)"; done

contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|'; }
field() { dpkg-deb -f "$1" "$2"; }
# Output is captured before grep -q reads it: piped, grep -q stops at its first match, the writer
# can die of SIGPIPE, and under pipefail the check would fail (or pass) at random.
has_file() { grep -qx "$2" <<<"$(contents "$1")" || fail "$(basename "$1") lacks $2"; }
depends_on() { grep -q "^$2" <<<"$(field "$1" Depends | tr ',' '\n' | sed 's/^ *//')" ||
  fail "$(basename "$1") does not depend on $2 (Depends: $(field "$1" Depends))"; }

has_file "$runtime" /usr/lib/libsqp.so.$version
has_file "$runtime" /usr/lib/libsqp.so.${version%%.*}
grep -q '/usr/include' <<<"$(contents "$runtime")" && fail "libsqp1 carries headers"
depends_on "$runtime" libc6
depends_on "$runtime" "libboost-json1.81.0"
depends_on "$runtime" libssl3
depends_on "$runtime" "libabsl"
depends_on "$runtime" libsimdjson14
grep -qx "libsqp ${version%%.*} libsqp1 (>= $version)" <<<"$(dpkg-deb -I "$runtime" shlibs)" ||
  fail "libsqp1 has no shlibs entry for dependants"

has_file "$dev" /usr/include/sqp.h
has_file "$dev" /usr/include/sqp/engine.hpp
has_file "$dev" /usr/lib/libsqp.so
has_file "$dev" /usr/lib/libsqp_core.a
has_file "$dev" /usr/lib/cmake/sqp/sqpConfig.cmake
has_file "$dev" /usr/lib/pkgconfig/sqp.pc
depends_on "$dev" "libsqp1 (= $version)"
for pkg in libboost-json1.81-dev libboost-date-time1.81-dev libabsl-dev libssl-dev libsimdjson-dev; do
  depends_on "$dev" "$pkg"
done
grep -qx "prefix=/usr" <<<"$(dpkg-deb --fsys-tarfile "$dev" | tar -xO ./usr/lib/pkgconfig/sqp.pc)" ||
  fail "sqp.pc in libsqp-dev does not say prefix=/usr"

has_file "$tools" /usr/bin/sqp
has_file "$tools" /usr/share/bash-completion/completions/sqp
depends_on "$tools" libc6

for deb in "$runtime" "$dev" "$tools"; do
  echo "$(field "$deb" Package) $(field "$deb" Version) [$(field "$deb" Section)]: Depends: $(field "$deb" Depends)"
done
echo "deb packages: all checks passed"
