# CPack post-build script (CPACK_POST_BUILD_SCRIPTS, src/cmake/SqpInstall.cmake): the -dbgsym
# packages, as debhelper's dh_gencontrol and dh_builddeb make them, from the .debug files that
# dbgsym_split.cmake set aside. For each package CPack has just built whose binaries were split,
# <package>-dbgsym_<version>_<arch>.deb is written beside it (CPACK_PACKAGE_DIRECTORY) with:
#   Package: <package>-dbgsym, Source, Version, Architecture, Maintainer, Multi-Arch: the
#            package's own (read back from the .deb CPack wrote, so they cannot differ)
#   Depends: <package> (= <version>), Section: debug, Priority: optional,
#   Auto-Built-Package: debug-symbols, Build-Ids: the build IDs of its .debug files
#   /usr/lib/debug/.build-id/xx/yyyy….debug, md5sums, and /usr/share/doc/<package>-dbgsym, a
#   symbolic link to /usr/share/doc/<package> (its copyright and changelog), as dh_strip makes it.
# Only for Debian packages: CPack hands these scripts to every generator, the source
# package's (package_source) too.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
find_program(SQP_DPKG_DEB dpkg-deb)
if(NOT SQP_DPKG_DEB)
  message(FATAL_ERROR "dbgsym: dpkg-deb is not installed (Debian: dpkg)")
endif()
set(top "${CPACK_TOPLEVEL_DIRECTORY}/dbgsym")

function(sqp_deb_field deb field out)
  execute_process(COMMAND "${SQP_DPKG_DEB}" -f "${deb}" "${field}"
    OUTPUT_VARIABLE value OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dbgsym: dpkg-deb -f ${deb} ${field} failed")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

set(built "")
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
  sqp_deb_field("${deb}" Package package)
  set(tree "${top}/${package}")
  if(NOT IS_DIRECTORY "${tree}/usr/lib/debug")
    continue()
  endif()
  foreach(field Source Version Architecture Maintainer Multi-Arch)
    sqp_deb_field("${deb}" ${field} ${field})
  endforeach()
  if(NOT Source)
    set(Source "${package}")
  endif()

  # The .debug files, their build IDs (the path without its slash), md5sums and size.
  file(GLOB_RECURSE debugs LIST_DIRECTORIES false RELATIVE "${tree}" "${tree}/usr/lib/debug/*")
  list(SORT debugs)
  set(ids "")
  set(md5sums "")
  set(size_kib 0)
  foreach(rel IN LISTS debugs)
    if(NOT rel MATCHES "^usr/lib/debug/\\.build-id/([0-9a-f][0-9a-f])/([0-9a-f]+)\\.debug$")
      message(FATAL_ERROR "dbgsym: unexpected file ${rel} in ${package}-dbgsym")
    endif()
    list(APPEND ids "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
    file(MD5 "${tree}/${rel}" md5)
    string(APPEND md5sums "${md5}  ${rel}\n")
    file(SIZE "${tree}/${rel}" bytes)
    math(EXPR size_kib "${size_kib} + (${bytes} + 1023) / 1024")
  endforeach()
  list(SORT ids)
  string(REPLACE ";" " " ids "${ids}")

  # /usr/share/doc/<package>-dbgsym -> <package>: the copyright and changelog of the package.
  set(control "${tree}/DEBIAN")
  file(MAKE_DIRECTORY "${tree}/usr/share/doc" "${control}")
  file(GLOB_RECURSE dirs LIST_DIRECTORIES true "${tree}/usr/*")
  foreach(entry IN LISTS dirs)
    if(IS_DIRECTORY "${entry}")
      math(EXPR size_kib "${size_kib} + 1")
    endif()
  endforeach()
  math(EXPR size_kib "${size_kib} + 1")  # the link
  set(text "Package: ${package}-dbgsym\nSource: ${Source}\nVersion: ${Version}\n")
  string(APPEND text "Auto-Built-Package: debug-symbols\nArchitecture: ${Architecture}\n")
  string(APPEND text "Maintainer: ${Maintainer}\nInstalled-Size: ${size_kib}\n")
  string(APPEND text "Depends: ${package} (= ${Version})\nSection: debug\nPriority: optional\n")
  if("${Multi-Arch}" STREQUAL "same")
    string(APPEND text "Multi-Arch: same\n")
  endif()
  string(APPEND text "Description: debug symbols for ${package}\nBuild-Ids: ${ids}\n")
  file(WRITE "${control}/control" "${text}")
  file(WRITE "${control}/md5sums" "${md5sums}")
  file(CHMOD_RECURSE "${tree}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
    DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                          WORLD_READ WORLD_EXECUTE)
  file(CREATE_LINK "${package}" "${tree}/usr/share/doc/${package}-dbgsym" SYMBOLIC)

  string(REGEX REPLACE "^[0-9]+:" "" file_version "${Version}")  # no epoch in the file name
  set(out "${CPACK_PACKAGE_DIRECTORY}/${package}-dbgsym_${file_version}_${Architecture}.deb")
  execute_process(COMMAND "${SQP_DPKG_DEB}" --root-owner-group -Zxz --build "${tree}" "${out}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dbgsym: dpkg-deb --build for ${package}-dbgsym failed: ${log}")
  endif()
  message(STATUS "dbgsym: ${out} (Build-Ids: ${ids})")
  list(APPEND built "${package}")
endforeach()

# Every package whose binaries were split has its -dbgsym package.
file(GLOB split LIST_DIRECTORIES true RELATIVE "${top}" "${top}/*")
foreach(package IN LISTS split)
  if(NOT package IN_LIST built)
    message(FATAL_ERROR "dbgsym: ${package} was split but CPack built no ${package} package")
  endif()
endforeach()
