# Installing sqp like a system library (issues 9, 19), included by the top-level CMakeLists.txt.
#
#   cmake --install build --prefix P     (or: cpack -G DEB in build/)
#
#   P/include/sqp.h, sqp_version.h                the C ABI's header and its version macros
#   P/include/sqp/*.hpp                           the C++ API's headers
#   P/LIB/libsqp.so.1.MINOR.PATCH, libsqp.so.1, libsqp.so the C ABI, SONAME libsqp.so.1
#   P/LIB/libsqp_core.a                           the C++ library (sqp::sqp)
#   P/LIB/cmake/sqp/                              find_package(sqp CONFIG): sqp::capi, sqp::sqp
#   P/LIB/pkgconfig/sqp.pc                        pkg-config for the C ABI
#   P/bin/sqp                                     the CLI
#   P/share/man/man1/sqp.1.gz                     its manual page (made from the --help text)
#   P/share/bash-completion/completions/sqp       bash completion for the CLI
#   P/share/doc/<package>/copyright, changelog.gz one per Debian package
#
# LIB is CMAKE_INSTALL_LIBDIR: lib/<multiarch> on Debian (top-level CMakeLists.txt), else lib.
# Install components, which are also the Debian packages: runtime (libsqp1), dev (libsqp-dev:
# the C ABI's development files only), cxxdev (libsqp-cxx-dev: the C++ headers and library,
# which need Boost, Abseil, OpenSSL and simdjson), tools (sqp).
include(CMakePackageConfigHelpers)

set(SQP_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/sqp" CACHE STRING
    "Where the CMake package files go, relative to the prefix")
set(SQP_BOOST_MIN_VERSION 1.81.0)

# Exported names: sqp::sqp (C++) and sqp::capi (C), the same as the in-tree aliases.
set_target_properties(sqp_core PROPERTIES EXPORT_NAME sqp)
set_target_properties(sqp_capi PROPERTIES EXPORT_NAME capi)
target_include_directories(sqp_capi PUBLIC "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")

# Debug information for the packaged binaries, split into the -dbgsym packages (below): the
# objects of libsqp.so.1 and sqp are compiled with -g (also in Release: GCC generates the same
# -O3 code with or without -g, by design; Clang aims to) and linked with an ELF build ID, the
# name of their .debug file. PRIVATE: a consumer of sqp::sqp gets no -g from the exported
# target. The tests and benchmarks keep their flags (a benchmark links the same code, debug
# sections aside).
include(CheckLinkerFlag)
check_linker_flag(CXX "LINKER:--build-id" SQP_LINKER_HAS_BUILD_ID)
# The paths of the build machine are mapped away, as Debian's build flags do
# (-ffile-prefix-map): the debug information names src/cli/main.cpp, not where this tree was.
# The binary directory's map comes last, so a build directory inside the source tree maps as
# itself.
foreach(target sqp_json sqp_core sqp_capi sqp_cli)
  target_compile_options(${target} PRIVATE -g "-ffile-prefix-map=${PROJECT_SOURCE_DIR}/="
                                           "-ffile-prefix-map=${PROJECT_BINARY_DIR}/=")
endforeach()
if(SQP_LINKER_HAS_BUILD_ID)
  target_link_options(sqp_capi PRIVATE LINKER:--build-id)
  target_link_options(sqp_cli PRIVATE LINKER:--build-id)
endif()

install(TARGETS sqp_capi EXPORT sqpCapiTargets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime NAMELINK_COMPONENT dev)
install(TARGETS sqp_core EXPORT sqpTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT cxxdev)
install(TARGETS sqp_cli
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT tools)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/sqp"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT cxxdev
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.def")
# sqp_version.h is generated from project()'s version (capi/CMakeLists.txt); sqp.h includes it.
install(FILES "${PROJECT_SOURCE_DIR}/capi/include/sqp.h" "${PROJECT_BINARY_DIR}/capi/include/sqp_version.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)

# Two export sets so that a C consumer (COMPONENTS capi) needs none of the C++ dependencies.
install(EXPORT sqpCapiTargets NAMESPACE sqp:: DESTINATION "${SQP_INSTALL_CMAKEDIR}" COMPONENT dev)
install(EXPORT sqpTargets NAMESPACE sqp:: DESTINATION "${SQP_INSTALL_CMAKEDIR}" COMPONENT cxxdev)
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/sqpConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/sqpConfig.cmake"
  INSTALL_DESTINATION "${SQP_INSTALL_CMAKEDIR}")
# SameMajorVersion: libsqp.so.1 keeps its ABI for every 1.x (docs/abi.md).
write_basic_package_version_file("${PROJECT_BINARY_DIR}/sqpConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/sqpConfig.cmake" "${PROJECT_BINARY_DIR}/sqpConfigVersion.cmake"
  DESTINATION "${SQP_INSTALL_CMAKEDIR}" COMPONENT dev)

# sqp.pc names the prefix it is installed under, which `cmake --install --prefix P` only knows
# at install time: the project's fields are filled in now, the paths when installing. It is
# written straight into the destination, so concurrent installs (a test prefix and CPack's
# staging directory) never share an intermediate file.
set(SQP_PC_PREFIX "@SQP_PC_PREFIX@")
foreach(kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
    set(SQP_PC_${kind} "${CMAKE_INSTALL_${kind}}")
  else()
    set(SQP_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
  endif()
endforeach()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SQP_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
else()
  set(SQP_PC_DIR "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/sqp.pc.in" "${PROJECT_BINARY_DIR}/sqp.pc.in" @ONLY)
install(CODE "
  set(SQP_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  message(STATUS \"Installing: \$ENV{DESTDIR}${SQP_PC_DIR}/sqp.pc\")
  configure_file(\"${PROJECT_BINARY_DIR}/sqp.pc.in\" \"\$ENV{DESTDIR}${SQP_PC_DIR}/sqp.pc\" @ONLY)
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"${SQP_PC_DIR}/sqp.pc\")
" COMPONENT dev)

# sqp(1), made at build time from the --help texts (src/cli/CMakeLists.txt, target sqp_manpage).
install(FILES "${PROJECT_BINARY_DIR}/src/cli/sqp.1.gz"
  DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT tools)
install(FILES "${PROJECT_SOURCE_DIR}/src/cli/completion/sqp.bash"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME sqp COMPONENT tools)

# ---- Debian packages: cpack -G DEB (in the build directory) --------------------------------
# libsqp1 (runtime), libsqp-dev (sqp.h, libsqp.so, CMake and pkg-config files: nothing of C++),
# libsqp-cxx-dev (the C++ headers and archive, with the Boost, Abseil, OpenSSL and simdjson
# development packages they need), sqp (the CLI and its manual page). Checked by lintian in the test
# consumer_deb_packages. Runtime dependencies come from dpkg-shlibdeps (package dpkg-dev).
# libsqp1-dbgsym and sqp-dbgsym hold their debug symbols (Section: debug).
set(SQP_DEB_MAINTAINER "sqp maintainers <maintainers@users.noreply.r-seed-babef0a1.example>"
    CACHE STRING "The Maintainer field of the Debian packages and their changelog")
set(SQP_DEB_PACKAGES runtime=libsqp1 dev=libsqp-dev cxxdev=libsqp-cxx-dev tools=sqp)
# Every package carries /usr/share/doc/<package>/copyright and changelog.gz (Debian Policy 12.5,
# 12.7; a native package, so changelog.gz is the Debian changelog), compressed reproducibly.
#
# debian/changelog is the history of releases, newest first: its entries name the versions they
# describe, as records, and the packages' version is project()'s. A version that has no entry yet
# (a bump whose notes are not written) gets a generated UNRELEASED one on top, dated as the
# entry before it (lintian wants a later date of released entries only; no clock, so the file is
# reproducible), so that changing project()'s version stays the whole of a bump (docs/abi.md,
# "One version"); the release writes its entry in place of it.
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/debian/changelog" sqp_changelog_lines)
list(GET sqp_changelog_lines 0 sqp_changelog_head)
set(sqp_changelog_date "")
foreach(line IN LISTS sqp_changelog_lines)
  if(line MATCHES "^ -- .*  (.+)$")  # the newest entry's trailer: its date
    set(sqp_changelog_date "${CMAKE_MATCH_1}")
    break()
  endif()
endforeach()
if(NOT sqp_changelog_head MATCHES "^sqp \\(([^)]+)\\) " OR NOT sqp_changelog_date)
  message(FATAL_ERROR "src/cmake/debian/changelog does not start with an entry 'sqp (VERSION) ...'")
endif()
set(sqp_changelog_newest "${CMAKE_MATCH_1}")
file(READ "${CMAKE_CURRENT_LIST_DIR}/debian/changelog" sqp_changelog)
if(PROJECT_VERSION VERSION_GREATER sqp_changelog_newest)
  string(PREPEND sqp_changelog "sqp (${PROJECT_VERSION}) UNRELEASED; urgency=medium

  * Not released yet: the changes since ${sqp_changelog_newest} are listed when
    ${PROJECT_VERSION} is released.

 -- @SQP_DEB_MAINTAINER@  ${sqp_changelog_date}

")
elseif(PROJECT_VERSION VERSION_LESS sqp_changelog_newest)
  message(FATAL_ERROR "src/cmake/debian/changelog describes ${sqp_changelog_newest}, newer than "
                      "project()'s version ${PROJECT_VERSION}")
endif()
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/debian/changelog" CONTENT "${sqp_changelog}" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/debian/changelog")
find_program(SQP_GZIP gzip REQUIRED)
add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/debian/changelog.gz"
  COMMAND "${SQP_GZIP}" -9nkf "${PROJECT_BINARY_DIR}/debian/changelog"
  DEPENDS "${PROJECT_BINARY_DIR}/debian/changelog" VERBATIM)
add_custom_target(sqp_debian_changelog ALL DEPENDS "${PROJECT_BINARY_DIR}/debian/changelog.gz")
foreach(pair IN LISTS SQP_DEB_PACKAGES)
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 component)
  list(GET pair 1 package)
  install(FILES "${CMAKE_CURRENT_LIST_DIR}/debian/copyright" "${PROJECT_BINARY_DIR}/debian/changelog.gz"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${package}" COMPONENT ${component})
endforeach()

set(CPACK_PACKAGE_NAME sqp)
set(CPACK_PACKAGE_VENDOR "sqp")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "service-site quality rules and scoring")
set(CPACK_PACKAGE_CONTACT "${SQP_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SQP_DEB_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime dev cxxdev tools)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# Stripped binaries (lintian: unstripped-binary-or-object) with their debug symbols split out
# into libsqp1-dbgsym and sqp-dbgsym, as Debian's dh_strip makes them (docs/install.md): the
# pre-build script (after CPack's install, before packaging) moves the debug sections of each
# ELF file of libsqp1 and sqp into /usr/lib/debug/.build-id/xx/yyyy.debug, strips the file and
# links it to that file (.gnu_debuglink), and strips libsqp_core.a of its debug sections; the
# post-build script packages the .debug files with dpkg-deb beside the package they belong to,
# with its Version, Architecture and Maintainer read back from that .deb. CPack's own strip
# stays off (it would throw the debug sections away first), and CMake 3.25's
# CPACK_DEBIAN_DEBUGINFO_PACKAGE is not used: its -dbgsym packages have md5sums naming the build
# machine's staging paths and no copyright (lintian errors), and fixing them up after the fact
# would mean unpacking and rebuilding them anyway.
set(CPACK_STRIP_FILES OFF)
set(CPACK_SQP_DBGSYM_PACKAGES runtime=libsqp1 tools=sqp)
set(CPACK_SQP_OBJCOPY "${CMAKE_OBJCOPY}")
set(CPACK_SQP_STRIP "${CMAKE_STRIP}")
set(CPACK_SQP_READELF "${CMAKE_READELF}")
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/debian/dbgsym_split.cmake")
set(CPACK_POST_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/debian/dbgsym_build.cmake")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libsqp1)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# The loader's cache is refreshed by dpkg's ldconfig trigger (lintian: lacks-ldconfig-trigger);
# postinst and postrm are given so that CPack writes none calling ldconfig itself.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_LIST_DIR}/debian/libsqp1/triggers"
    "${CMAKE_CURRENT_LIST_DIR}/debian/libsqp1/postinst" "${CMAKE_CURRENT_LIST_DIR}/debian/libsqp1/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)  # a shlibs file, so dependants get "libsqp1 (>= VERSION)"
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libsqp-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CXXDEV_PACKAGE_NAME libsqp-cxx-dev)
set(CPACK_DEBIAN_CXXDEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CXXDEV_PACKAGE_DEPENDS
    "libboost-json1.81-dev, libboost-date-time1.81-dev, libabsl-dev, libssl-dev, libsimdjson-dev")
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME sqp)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "This package holds the shared library of the C ABI.
libsqp.so.1, sqp's stable C ABI: eligibility, cycle, meeting, certificate
and scoring rules evaluated on JSON documents.")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "This package holds the C development files.
sqp.h, the libsqp.so link, and the CMake (sqp::capi) and pkg-config files for
programs in C (or any language) using the stable C ABI. Needs no C++ library.")
set(CPACK_COMPONENT_CXXDEV_DESCRIPTION
    "This package holds the C++ development files.
The C++20 API (sqp/*.hpp) and its static library libsqp_core.a
(CMake target sqp::sqp), with the Boost, Abseil, OpenSSL and simdjson
development packages it needs.")
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "This package holds the sqp command.
The sqp command evaluates eligibility, cycle, meeting, certificate and
scoring documents, one JSON document or a JSON Lines batch at a time.")
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(CPACK_COMPONENT_CXXDEV_DEPENDS dev)
include(CPack)
