#!/usr/bin/env bash
# Installs sqp's build and test dependencies from Debian 12's own packages (run as root).
# Idempotent: when every package is already installed it does nothing, not even 'apt-get update'.
set -euo pipefail
packages=(
  cmake g++ make pkg-config python3
  libboost-json1.81-dev libboost-date-time1.81-dev   # Boost 1.81: Debian's default 1.74 has no JSON
  libabsl-dev                                          # absl::Status / StatusOr, string utilities
  libssl-dev                                           # libcrypto's SHA-256 for rulebook identity
  libsimdjson-dev                                      # SIMD UTF-8 validation on the fast paths
  libgtest-dev libgmock-dev                            # unit tests
  libbenchmark-dev                                     # Google Benchmark suites in bench/
  doxygen                                              # API reference; test doxygen_sqp_h (sqp.h warning-free)
  python3-venv                                         # test consumer_pip_venv: pip install into a fresh venv
  dpkg-dev                                             # test consumer_deb_packages: dpkg-shlibdeps for cpack -G DEB
  man-db                                               # test man_page: man -l renders sqp(1)
  jq                                                   # test docs_commands: docs/cli.md pipes JSON Lines into jq
  lintian                                              # test consumer_deb_packages: the .debs by Debian's rules, no errors
  gdb                                                  # test consumer_deb_packages: the -dbgsym packages' symbols found by build ID
  librsvg2-bin fonts-noto-cjk                          # test certificate_svg_png: rsvg-convert, the SVG's first CJK font
  mypy                                                 # test python_types: the binding's type hints (py.typed)
  python3-pandas                                       # test python (test_frame.py): Engine.frame over 10,000 applications
  clang-14 libclang-rt-14-dev                          # fuzz targets: libFuzzer + ASan/UBSan runtimes (SQP_FUZZ)
  llvm                                                 # llvm-symbolizer on PATH: readable sanitizer and fuzzer stacks
  abigail-tools                                        # ABI check: abidw/abidiff against capi/abi (SQP_ABI_CHECK)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
