# Installing sqp like a system library (issue 9), included by the top-level CMakeLists.txt.
#
#   cmake --install build --prefix P     (or: cpack -G DEB in build/)
#
#   P/include/sqp.h, P/include/sqp/*.hpp          headers (C ABI; header-first C++ API)
#   P/lib/libsqp.so.1.0.0, libsqp.so.1, libsqp.so the C ABI, SONAME libsqp.so.1
#   P/lib/libsqp_core.a                           the C++ library (sqp::sqp)
#   P/lib/cmake/sqp/                              find_package(sqp CONFIG): sqp::capi, sqp::sqp
#   P/lib/pkgconfig/sqp.pc                        pkg-config for the C ABI
#   P/bin/sqp                                     the CLI
#   P/share/bash-completion/completions/sqp       bash completion for the CLI
#
# Install components, which are also the Debian packages: runtime (libsqp1), dev (libsqp-dev),
# tools (sqp).
include(CMakePackageConfigHelpers)

set(SQP_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/sqp" CACHE STRING
    "Where the CMake package files go, relative to the prefix")
set(SQP_BOOST_MIN_VERSION 1.81.0)

# Exported names: sqp::sqp (C++) and sqp::capi (C), the same as the in-tree aliases.
set_target_properties(sqp_core PROPERTIES EXPORT_NAME sqp)
set_target_properties(sqp_capi PROPERTIES EXPORT_NAME capi)
target_include_directories(sqp_capi PUBLIC "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")

install(TARGETS sqp_capi EXPORT sqpCapiTargets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime NAMELINK_COMPONENT dev)
install(TARGETS sqp_core EXPORT sqpTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT dev)
install(TARGETS sqp_cli
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT tools)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/sqp"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev
  FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_SOURCE_DIR}/capi/include/sqp.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)

# Two export sets so that a C consumer (COMPONENTS capi) needs none of the C++ dependencies.
install(EXPORT sqpCapiTargets NAMESPACE sqp:: DESTINATION "${SQP_INSTALL_CMAKEDIR}" COMPONENT dev)
install(EXPORT sqpTargets NAMESPACE sqp:: DESTINATION "${SQP_INSTALL_CMAKEDIR}" COMPONENT dev)
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

install(FILES "${PROJECT_SOURCE_DIR}/src/cli/completion/sqp.bash"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME sqp COMPONENT tools)

# ---- Debian packages: cpack -G DEB (in the build directory) --------------------------------
# libsqp1 (runtime), libsqp-dev (headers, C++ archive, CMake and pkg-config files), sqp (CLI).
# Runtime dependencies come from dpkg-shlibdeps (package dpkg-dev); the -dev package names the
# Debian development packages its headers and archive need.
set(CPACK_PACKAGE_NAME sqp)
set(CPACK_PACKAGE_VENDOR "sqp")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "sqp maintainers <sqp@localhost>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime dev tools)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libsqp1)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)  # a shlibs file, so dependants get "libsqp1 (>= 1.0.0)"
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libsqp-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libboost-json1.81-dev, libboost-date-time1.81-dev, libabsl-dev, libssl-dev, libsimdjson-dev")
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME sqp)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "sqp's C ABI (libsqp.so.1): service-site quality rules and scoring")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "sqp development files: sqp.h, the C++ headers and library, CMake and pkg-config files")
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "the sqp command: service-site quality rules and scoring")
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
include(CPack)
