# CPack pre-build script (CPACK_PRE_BUILD_SCRIPTS, src/cmake/SqpInstall.cmake): what Debian's
# dh_strip does, on CPack's staging directories after installing and before packaging.
#
# For every ELF shared library or executable of the packages named in CPACK_SQP_DBGSYM_PACKAGES
# (component=package pairs):
#   objcopy --only-keep-debug --compress-debug-sections FILE
#           -> <top>/dbgsym/<package>/usr/lib/debug/.build-id/xx/yyyy….debug
#   strip --remove-section=.comment --remove-section=.note [--strip-unneeded for a library] FILE
#   objcopy --add-gnu-debuglink=<that .debug file> FILE
# where xxyyyy… is the file's ELF build ID (a file without one is an error); the .debug files are
# packaged as <package>-dbgsym by dbgsym_build.cmake after CPack has built <package>. Static
# archives of every component are stripped of their debug sections (strip --strip-debug), as
# dh_strip does for a -dev package. Nothing else is touched.
# Only for Debian packages: CPack hands these scripts to every generator, the source
# package's (package_source) too.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
foreach(tool CPACK_SQP_OBJCOPY CPACK_SQP_STRIP CPACK_SQP_READELF)
  if(NOT ${tool})
    message(FATAL_ERROR "dbgsym: ${tool} is not set (objcopy, strip, readelf: Debian binutils)")
  endif()
endforeach()
set(top "${CPACK_TOPLEVEL_DIRECTORY}/dbgsym")
file(REMOVE_RECURSE "${top}")

function(sqp_run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "dbgsym: ${cmd} failed (${rc}): ${err}")
  endif()
endfunction()

function(sqp_magic file out)
  file(READ "${file}" hex LIMIT 8 HEX)
  set(${out} "${hex}" PARENT_SCOPE)
endfunction()

set(split_packages "")
foreach(pair IN LISTS CPACK_SQP_DBGSYM_PACKAGES)
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 component)
  list(GET pair 1 package)
  set(stage "${CPACK_TEMPORARY_DIRECTORY}/${component}")
  if(NOT IS_DIRECTORY "${stage}")
    message(FATAL_ERROR "dbgsym: no staging directory for the component ${component}")
  endif()
  file(GLOB_RECURSE files LIST_DIRECTORIES false "${stage}/*")
  list(SORT files)
  set(split 0)
  foreach(file IN LISTS files)
    string(FIND "${file}" "${stage}/usr/lib/debug/" in_debug)
    if(IS_SYMLINK "${file}" OR in_debug EQUAL 0)
      continue()
    endif()
    sqp_magic("${file}" magic)
    if(NOT magic MATCHES "^7f454c46")  # \x7fELF
      continue()
    endif()
    execute_process(COMMAND "${CPACK_SQP_READELF}" -n "${file}" OUTPUT_VARIABLE notes RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT notes MATCHES "Build ID: ([0-9a-f][0-9a-f])([0-9a-f]+)")
      message(FATAL_ERROR "dbgsym: ${file} has no ELF build ID (link with -Wl,--build-id)")
    endif()
    set(debug_name ".build-id/${CMAKE_MATCH_1}/${CMAKE_MATCH_2}.debug")
    set(debug "${top}/${package}/usr/lib/debug/${debug_name}")
    get_filename_component(debug_dir "${debug}" DIRECTORY)
    file(MAKE_DIRECTORY "${debug_dir}")
    sqp_run("${CPACK_SQP_OBJCOPY}" --only-keep-debug --compress-debug-sections "${file}" "${debug}")
    file(CHMOD "${debug}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    set(strip_args --remove-section=.comment --remove-section=.note)
    get_filename_component(name "${file}" NAME)
    if(name MATCHES "\\.so(\\.[0-9]+)*$")
      list(APPEND strip_args --strip-unneeded)
    endif()
    sqp_run("${CPACK_SQP_STRIP}" ${strip_args} "${file}")
    sqp_run("${CPACK_SQP_OBJCOPY}" "--add-gnu-debuglink=${debug}" "${file}")
    string(REPLACE "${stage}" "" shown "${file}")
    message(STATUS "dbgsym: ${package}: ${shown} -> /usr/lib/debug/${debug_name}")
    math(EXPR split "${split} + 1")
  endforeach()
  if(split EQUAL 0)
    message(FATAL_ERROR "dbgsym: the component ${component} (${package}) has no ELF file to split")
  endif()
endforeach()

# Static archives: debug sections removed, deterministic (dh_strip's flags for a .a).
file(GLOB_RECURSE archives LIST_DIRECTORIES false "${CPACK_TEMPORARY_DIRECTORY}/*.a")
foreach(file IN LISTS archives)
  sqp_magic("${file}" magic)
  if(NOT IS_SYMLINK "${file}" AND magic STREQUAL "213c617263683e0a")  # !<arch>\n
    sqp_run("${CPACK_SQP_STRIP}" --strip-debug --remove-section=.comment --remove-section=.note
            --enable-deterministic-archives "${file}")
    string(REPLACE "${CPACK_TEMPORARY_DIRECTORY}" "" shown "${file}")
    message(STATUS "dbgsym: ${shown}: debug sections stripped")
  endif()
endforeach()
