#!/usr/bin/env bash
# CPack's Debian packages (issues 9, 19): libsqp1 (runtime), libsqp-dev (C), libsqp-cxx-dev (C++),
# sqp (the CLI), built from the build tree with `cpack -G DEB`, then checked with dpkg-deb: names,
# files under /usr/lib/<multiarch>, /usr/share/doc/<package>/{copyright,changelog.gz}, stripped
# binaries, Depends that are Debian packages (dpkg-shlibdeps for the binaries, the -dev packages
# for the C++ headers, none of them for the C -dev package); the debug symbols split out into
# libsqp1-dbgsym and sqp-dbgsym (their fields, Build-Ids equal to the stripped binaries' build
# IDs, .debug files with DWARF that gdb finds by build ID); then lintian over all six (no errors);
# then a C-only CMake project (tests/consumers/c_project) against libsqp1 + libsqp-dev alone.
# usage: deb_packages.sh CPACK BUILD_DIR WORK_DIR VERSION SOURCE_DIR CMAKE CC [CFLAGS]
# (CFLAGS: the sanitizer flags of a sanitizer build, whose libsqp needs their runtime first)
# Exit 77 (skipped) when dpkg-deb or dpkg-shlibdeps (Debian package dpkg-dev) is missing; lintian
# and gdb are required (.ci/install-deps.sh installs them).
set -euo pipefail
cpack=$1 build=$2 work=$3 version=$4 source=$5 cmake=$6 cc=$7 cflags=${8:-}
fail() { echo "deb packages: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: dpkg-dev); skipping"; exit 77; }
done
rm -rf "$work" && mkdir -p "$work"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib=/usr/lib/$multiarch
runtime=$work/libsqp1_${version}_$arch.deb
dev=$work/libsqp-dev_${version}_$arch.deb
cxxdev=$work/libsqp-cxx-dev_${version}_$arch.deb
tools=$work/sqp_${version}_$arch.deb
debs=("$runtime" "$dev" "$cxxdev" "$tools")
runtime_dbg=$work/libsqp1-dbgsym_${version}_$arch.deb
tools_dbg=$work/sqp-dbgsym_${version}_$arch.deb
dbgsyms=("$runtime_dbg" "$tools_dbg")
for deb in "${debs[@]}" "${dbgsyms[@]}"; do [[ -f $deb ]] || fail "no $(basename "$deb") (see $work/cpack.log)"; done

contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|'; }
field() { dpkg-deb -f "$1" "$2"; }
# Output is captured before grep -q reads it: piped, grep -q stops at its first match, the writer
# can die of SIGPIPE, and under pipefail the check would fail (or pass) at random.
has_file() { grep -qx "$2" <<<"$(contents "$1")" || fail "$(basename "$1") lacks $2"; }
depends_on() { grep -q "^$2" <<<"$(field "$1" Depends | tr ',' '\n' | sed 's/^ *//')" ||
  fail "$(basename "$1") does not depend on $2 (Depends: $(field "$1" Depends))"; }

# Debian Policy 12.5 and 12.7: every package has its copyright file and changelog.
for deb in "${debs[@]}"; do
  pkg=$(field "$deb" Package)
  has_file "$deb" "/usr/share/doc/$pkg/copyright"
  has_file "$deb" "/usr/share/doc/$pkg/changelog.gz"
  grep -q "^sqp ($version) " <<<"$(dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/share/doc/$pkg/changelog.gz" | gzip -dc)" ||
    fail "$pkg: changelog.gz does not start with version $version"
  maintainer=$(field "$deb" Maintainer)
  grep -q '@localhost' <<<"$maintainer" && fail "$pkg: Maintainer is on localhost: $maintainer"
done

has_file "$runtime" "$lib/libsqp.so.$version"
has_file "$runtime" "$lib/libsqp.so.${version%%.*}"
grep -q '/usr/include' <<<"$(contents "$runtime")" && fail "libsqp1 carries headers"
depends_on "$runtime" libc6
depends_on "$runtime" "libboost-json1.81.0"
depends_on "$runtime" libssl3
depends_on "$runtime" "libabsl"
depends_on "$runtime" libsimdjson14
grep -qx "libsqp ${version%%.*} libsqp1 (>= $version)" <<<"$(dpkg-deb -I "$runtime" shlibs)" ||
  fail "libsqp1 has no shlibs entry for dependants"

# The C -dev package: sqp.h and the C ABI's link, CMake and pkg-config files; nothing of C++.
has_file "$dev" /usr/include/sqp.h
has_file "$dev" /usr/include/sqp_version.h
has_file "$dev" "$lib/libsqp.so"
has_file "$dev" "$lib/cmake/sqp/sqpConfig.cmake"
has_file "$dev" "$lib/cmake/sqp/sqpCapiTargets.cmake"
has_file "$dev" "$lib/pkgconfig/sqp.pc"
depends_on "$dev" "libsqp1 (= $version)"
grep -q -e '/usr/include/sqp/' -e 'libsqp_core' -e 'sqpTargets' <<<"$(contents "$dev")" &&
  fail "libsqp-dev carries C++ files: $(grep -e '/usr/include/sqp/' -e libsqp_core -e sqpTargets <<<"$(contents "$dev")")"
for pkg in boost absl ssl simdjson; do
  grep -qi "$pkg" <<<"$(field "$dev" Depends)" && fail "libsqp-dev depends on $pkg: $(field "$dev" Depends)"
done
grep -qx "prefix=/usr" <<<"$(dpkg-deb --fsys-tarfile "$dev" | tar -xO ".$lib/pkgconfig/sqp.pc")" ||
  fail "sqp.pc in libsqp-dev does not say prefix=/usr"

# The C++ -dev package: the headers and the archive, with the development packages they need.
has_file "$cxxdev" /usr/include/sqp/engine.hpp
has_file "$cxxdev" /usr/include/sqp/rule_catalogue.def  # the rule catalogue eligibility.hpp includes
has_file "$cxxdev" "$lib/libsqp_core.a"
has_file "$cxxdev" "$lib/cmake/sqp/sqpTargets.cmake"
depends_on "$cxxdev" "libsqp-dev (= $version)"
for pkg in libboost-json1.81-dev libboost-date-time1.81-dev libabsl-dev libssl-dev libsimdjson-dev; do
  depends_on "$cxxdev" "$pkg"
done

has_file "$tools" /usr/bin/sqp
has_file "$tools" /usr/share/man/man1/sqp.1.gz
has_file "$tools" /usr/share/bash-completion/completions/sqp
depends_on "$tools" libc6

# Stripped binaries (the symbol table is what strip removes) with no DWARF left; the archive of
# libsqp-cxx-dev keeps its symbols (it is linked against) but not its debug sections.
mkdir -p "$work/root"
for deb in "${debs[@]}" "${dbgsyms[@]}"; do dpkg-deb -x "$deb" "$work/root"; done
sections() { readelf -S -W "$1" | awk '$1 == "[" {print $3; next} $1 ~ /^\[/ {print $2}'; }
has_section() { grep -qx -- "$2" <<<"$(sections "$1")"; }
for f in "$work/root$lib/libsqp.so.$version" "$work/root/usr/bin/sqp"; do
  has_section "$f" .symtab && fail "${f#"$work/root"} is not stripped"
  has_section "$f" .debug_info && fail "${f#"$work/root"} still has .debug_info"
  has_section "$f" .comment && fail "${f#"$work/root"} still has .comment (strip --remove-section=.comment)"
done
has_section "$work/root$lib/libsqp_core.a" .debug_info && fail "libsqp_core.a in libsqp-cxx-dev has .debug_info"
has_section "$work/root$lib/libsqp_core.a" .symtab || fail "libsqp_core.a in libsqp-cxx-dev has no symbol table"

# Debug symbols, as dh_strip splits them: <package>-dbgsym holds one .debug file per binary of
# <package>, named by its ELF build ID, which the Build-Ids field lists; it depends on exactly
# that version and borrows its copyright and changelog through /usr/share/doc/<package>-dbgsym.
build_id() { readelf -n "$1" 2>/dev/null | sed -n 's/^ *Build ID: *\([0-9a-f]*\)$/\1/p'; }
check_dbgsym() {  # DBGSYM_DEB PACKAGE BINARY...
  local deb=$1 pkg=$2; shift 2
  local name=$pkg-dbgsym ids=() f id debug
  [[ $(field "$deb" Package) == "$name" ]] || fail "$(basename "$deb") is not $name"
  [[ $(field "$deb" Version) == "$version" ]] || fail "$name: Version $(field "$deb" Version), not $version"
  [[ $(field "$deb" Architecture) == "$arch" ]] || fail "$name: Architecture is not $arch"
  [[ $(field "$deb" Section) == debug ]] || fail "$name: Section is not debug"
  [[ $(field "$deb" Priority) == optional ]] || fail "$name: Priority is not optional"
  [[ $(field "$deb" Auto-Built-Package) == debug-symbols ]] || fail "$name: no Auto-Built-Package: debug-symbols"
  [[ $(field "$deb" Depends) == "$pkg (= $version)" ]] || fail "$name: Depends: $(field "$deb" Depends)"
  [[ $(dpkg-deb --fsys-tarfile "$deb" | tar -tv "./usr/share/doc/$name" | awk '{print $NF}') == "$pkg" ]] ||
    fail "$name: /usr/share/doc/$name is not a link to $pkg"
  for f in "$@"; do
    id=$(build_id "$work/root$f")
    [[ $id =~ ^[0-9a-f]{40}$ ]] || fail "$f in $pkg has no (SHA-1) build ID: '$id'"
    ids+=("$id")
    debug=/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug
    has_file "$deb" "$debug"
    has_section "$work/root$debug" .debug_info || fail "$debug ($name, for $f) has no .debug_info"
    has_section "$work/root$debug" .debug_line || fail "$debug ($name, for $f) has no .debug_line"
    [[ $(build_id "$work/root$debug") == "$id" ]] || fail "$debug ($name) has another build ID than $f"
    grep -qF "${id:2}.debug" <<<"$(readelf --string-dump=.gnu_debuglink "$work/root$f")" ||
      fail "$f has no .gnu_debuglink to ${id:2}.debug"
    # No path of the build machine in it (-ffile-prefix-map): neither this source tree nor this
    # build tree, in the debug sections decompressed.
    plain="$work/plain.debug"
    objcopy --decompress-debug-sections "$work/root$debug" "$plain"
    grep -qaF -e "$source/" -e "$build/" "$plain" &&
      fail "$debug ($name) names the build machine's paths ($source, $build)"
    rm -f "$plain"
  done
  [[ $(field "$deb" Build-Ids) == "$(printf '%s\n' "${ids[@]}" | sort | paste -sd ' ')" ]] ||
    fail "$name: Build-Ids '$(field "$deb" Build-Ids)' are not the build IDs of $pkg's binaries (${ids[*]})"
  # Nothing else: the .debug files, their directories and the doc link.
  local extra
  extra=$(contents "$deb" | grep -v -e '/$' -e '^/usr/lib/debug/\.build-id/[0-9a-f][0-9a-f]/[0-9a-f]*\.debug$' \
                               -e "^/usr/share/doc/$name\$" || true)
  [[ -z $extra ]] || fail "$name carries more than debug symbols: $extra"
  [[ $(contents "$deb" | grep -c '\.debug$') == "$#" ]] || fail "$name: not one .debug file per binary of $pkg"
  grep -q '\.build-id/' <<<"$(contents "$runtime")$(contents "$tools")" && fail "the .debug files are also in the runtime packages"
  # md5sums: relative paths, one per .debug file (dpkg --verify, lintian).
  [[ $(dpkg-deb -I "$deb" md5sums | awk '{print $2}') == "$(contents "$deb" | grep '\.debug$' | sed 's|^/||')" ]] ||
    fail "$name: md5sums do not list its .debug files: $(dpkg-deb -I "$deb" md5sums)"
  echo "$name: Build-Ids: $(field "$deb" Build-Ids)"
}
check_dbgsym "$runtime_dbg" libsqp1 "$lib/libsqp.so.$version"
check_dbgsym "$tools_dbg" sqp /usr/bin/sqp

# gdb finds them by build ID (as from /usr/lib/debug once the -dbgsym packages are installed):
# the stripped binaries' functions have their source lines back.
command -v gdb >/dev/null || fail "gdb is not installed (Debian: gdb; .ci/install-deps.sh installs it)"
gdb_line() {  # BINARY FUNCTION SOURCE
  local out
  out=$(env -u DEBUGINFOD_URLS gdb -batch -nx -iex "set debug-file-directory $work/root/usr/lib/debug" -ex "info line $2" \
        "$work/root$1" 2>&1 || true)
  grep -q "^Line [0-9]* of \".*$3\"" <<<"$out" || fail "gdb: no source line for $2 in $1 with its -dbgsym: $out"
  out=$(env -u DEBUGINFOD_URLS gdb -batch -nx -iex "set debug-file-directory $work/root/nonexistent" -ex "info line $2" "$work/root$1" 2>&1 || true)
  grep -q "^Line [0-9]* of " <<<"$out" && fail "gdb: $1 has source lines without its -dbgsym: $out"
  return 0
}
gdb_line /usr/bin/sqp main src/cli/main.cpp
gdb_line "$lib/libsqp.so.$version" sqp_run_stream capi/sqp.cpp
echo "gdb: source lines for sqp (main) and libsqp.so.1 (sqp_run_stream) from the -dbgsym packages"

# lintian, Debian's package checker: no errors (warnings are printed).
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "${debs[@]}" "${dbgsyms[@]}" > "$work/lintian.log" 2>&1 || true
  cat "$work/lintian.log"
  grep -q '^E: ' "$work/lintian.log" && fail "lintian reports errors"
  echo "lintian: no errors"
else
  fail "lintian is not installed (Debian: lintian; .ci/install-deps.sh installs it)"
fi

# A C-only project against libsqp1 + libsqp-dev alone, unpacked (not installed on this machine).
rm -rf "$work/croot" && mkdir -p "$work/croot"
dpkg-deb -x "$runtime" "$work/croot" && dpkg-deb -x "$dev" "$work/croot"
"$(dirname "$cmake")/ctest" --build-and-test "$source/tests/consumers/c_project" "$work/c_project" \
  --build-generator "Unix Makefiles" \
  --build-options "-DCMAKE_PREFIX_PATH=$work/croot/usr" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    "-DCMAKE_C_COMPILER=$cc" "-DCMAKE_C_FLAGS=$cflags" "-DSQP_EXAMPLES_DIR=$source/docs/examples" \
    "-DSQP_EXPECTED_PREFIX=$work/croot/usr" "-DSQP_EXPECTED_VERSION=$version" \
  --test-command "$(dirname "$cmake")/ctest" --output-on-failure > "$work/c_project.log" 2>&1 ||
  { cat "$work/c_project.log"; fail "the C-only project failed against libsqp1 + libsqp-dev"; }
echo "C-only project (project(crm C), find_package(sqp CONFIG REQUIRED)) against libsqp1 + libsqp-dev: passed"

for deb in "${debs[@]}" "${dbgsyms[@]}"; do
  echo "$(field "$deb" Package) $(field "$deb" Version) [$(field "$deb" Section)]: Depends: $(field "$deb" Depends)"
done
echo "deb packages: all checks passed"
