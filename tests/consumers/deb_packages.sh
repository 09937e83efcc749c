#!/usr/bin/env bash
# CPack's Debian packages (issues 9, 19): libsqp1 (runtime), libsqp-dev (C), libsqp-cxx-dev (C++),
# sqp (the CLI), built from the build tree with `cpack -G DEB`, then checked with dpkg-deb: names,
# files under /usr/lib/<multiarch>, /usr/share/doc/<package>/{copyright,changelog.gz}, stripped
# binaries, Depends that are Debian packages (dpkg-shlibdeps for the binaries, the -dev packages
# for the C++ headers, none of them for the C -dev package); then lintian (no errors); then a
# C-only CMake project (tests/consumers/c_project) against libsqp1 + libsqp-dev alone, unpacked.
# usage: deb_packages.sh CPACK BUILD_DIR WORK_DIR VERSION SOURCE_DIR CMAKE CC [CFLAGS]
# (CFLAGS: the sanitizer flags of a sanitizer build, whose libsqp needs their runtime first)
# Exit 77 (skipped) when dpkg-deb or dpkg-shlibdeps (Debian package dpkg-dev) is missing.
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
for deb in "${debs[@]}"; do [[ -f $deb ]] || fail "no $(basename "$deb") (see $work/cpack.log)"; done

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

# Stripped binaries (the symbol table is what strip removes).
mkdir -p "$work/root"
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$work/root"; done
for f in "$work/root$lib/libsqp.so.$version" "$work/root/usr/bin/sqp"; do
  [[ -z $(readelf -S "$f" | grep -w '.symtab') ]] || fail "${f#"$work/root"} is not stripped"
done

# lintian, Debian's package checker: no errors (warnings are printed).
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "${debs[@]}" > "$work/lintian.log" 2>&1 || true
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

for deb in "${debs[@]}"; do
  echo "$(field "$deb" Package) $(field "$deb" Version) [$(field "$deb" Section)]: Depends: $(field "$deb" Depends)"
done
echo "deb packages: all checks passed"
