# The consumer tests' fixture: a fresh `cmake --install BUILD_DIR --prefix PREFIX`, then a check
# that everything a system library installs is there (issue 9).
#   cmake -DBUILD_DIR=... -DPREFIX=... -DLIBDIR=lib -DBINDIR=bin -DINCLUDEDIR=include
#         -DDATADIR=share -DVERSION=MAJOR.MINOR.PATCH -P install_prefix.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}")
endif()

string(REGEX MATCH "^[0-9]+" major "${VERSION}")
set(expected
  "${INCLUDEDIR}/sqp.h"
  "${INCLUDEDIR}/sqp_version.h"
  "${INCLUDEDIR}/sqp/engine.hpp"
  "${INCLUDEDIR}/sqp/rulebook.hpp"
  "${LIBDIR}/libsqp.so.${VERSION}"
  "${LIBDIR}/libsqp.so.${major}"
  "${LIBDIR}/libsqp.so"
  "${LIBDIR}/libsqp_core.a"
  "${LIBDIR}/cmake/sqp/sqpConfig.cmake"
  "${LIBDIR}/cmake/sqp/sqpConfigVersion.cmake"
  "${LIBDIR}/cmake/sqp/sqpTargets.cmake"
  "${LIBDIR}/cmake/sqp/sqpCapiTargets.cmake"
  "${LIBDIR}/pkgconfig/sqp.pc"
  "${BINDIR}/sqp"
  "${DATADIR}/man/man1/sqp.1.gz"
  "${DATADIR}/bash-completion/completions/sqp")
foreach(f IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "not installed: ${PREFIX}/${f}")
  endif()
endforeach()
# Every public C++ header is installed (consumers include them by name), and the X-macro
# catalogue they include.
file(GLOB headers RELATIVE "${SOURCE_DIR}/include/sqp" "${SOURCE_DIR}/include/sqp/*.hpp"
     "${SOURCE_DIR}/include/sqp/*.def")
foreach(h IN LISTS headers)
  if(NOT EXISTS "${PREFIX}/${INCLUDEDIR}/sqp/${h}")
    message(FATAL_ERROR "header not installed: ${INCLUDEDIR}/sqp/${h}")
  endif()
endforeach()
# The link chain of a shared library: libsqp.so -> libsqp.so.1 -> libsqp.so.1.MINOR.PATCH.
foreach(pair "libsqp.so=libsqp.so.${major}" "libsqp.so.${major}=libsqp.so.${VERSION}")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 link)
  list(GET pair 1 target)
  if(NOT IS_SYMLINK "${PREFIX}/${LIBDIR}/${link}")
    message(FATAL_ERROR "${LIBDIR}/${link} is not a symbolic link")
  endif()
  file(READ_SYMLINK "${PREFIX}/${LIBDIR}/${link}" points_to)
  if(NOT points_to STREQUAL target)
    message(FATAL_ERROR "${LIBDIR}/${link} points to ${points_to}, expected ${target}")
  endif()
endforeach()
# The SONAME the loader and dpkg-shlibdeps see.
find_program(READELF readelf)
if(READELF)
  execute_process(COMMAND "${READELF}" -d "${PREFIX}/${LIBDIR}/libsqp.so.${VERSION}"
                  OUTPUT_VARIABLE dynamic)
  if(NOT dynamic MATCHES "\\(SONAME\\)[^\n]*\\[libsqp\\.so\\.${major}\\]")
    message(FATAL_ERROR "libsqp.so.${VERSION} has no SONAME libsqp.so.${major}:\n${dynamic}")
  endif()
endif()
# sqp.h's version macros, generated from project()'s version, are installed beside it.
file(STRINGS "${PREFIX}/${INCLUDEDIR}/sqp_version.h" version_string REGEX "^#define SQP_VERSION_STRING ")
if(NOT version_string STREQUAL "#define SQP_VERSION_STRING \"${VERSION}\"")
  message(FATAL_ERROR "installed sqp_version.h says '${version_string}', expected ${VERSION}")
endif()
# The installed CLI runs from the prefix.
execute_process(COMMAND "${PREFIX}/${BINDIR}/sqp" --version OUTPUT_VARIABLE cli RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT cli STREQUAL "sqp ${VERSION}\n")
  message(FATAL_ERROR "installed sqp --version gave '${cli}' (exit ${rc})")
endif()

file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE "${PREFIX}" "${PREFIX}/*")
list(SORT installed)
list(LENGTH installed count)
string(REPLACE ";" "\n  " listing "${installed}")
message(STATUS "installed ${count} files into ${PREFIX}:\n  ${listing}")
