# The API reference (docs/api.md): `cmake --build build --target docs` runs Doxygen (Debian
# package doxygen) over sqp.h (with the sqp_version.h generated for it, capi/CMakeLists.txt) and
# include/sqp/ into build/docs/api/html (warnings in build/docs/api/warnings.log). The
# doxygen_sqp_h test (tests/consumers) runs the same configuration over the two C headers alone
# with warnings as errors.
find_program(SQP_DOXYGEN doxygen DOC "Doxygen, for the API reference (docs/api.md)")
set(SQP_DOXYGEN_INPUT "${PROJECT_SOURCE_DIR}/capi/include/sqp.h ${PROJECT_BINARY_DIR}/capi/include/sqp_version.h ${PROJECT_SOURCE_DIR}/include/sqp")
set(SQP_DOXYGEN_OUTPUT "${PROJECT_BINARY_DIR}/docs/api")
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${PROJECT_BINARY_DIR}/docs/Doxyfile" @ONLY)
if(SQP_DOXYGEN)
  add_custom_target(docs
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${SQP_DOXYGEN_OUTPUT}"
    COMMAND "${SQP_DOXYGEN}" "${PROJECT_BINARY_DIR}/docs/Doxyfile"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "Doxygen: API reference in ${SQP_DOXYGEN_OUTPUT}/html/index.html"
    VERBATIM)
endif()
