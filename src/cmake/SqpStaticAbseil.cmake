# sqp_abseil_archives(<out-var> <absl-target>...): the static archives (libabsl_*.a) of the given
# Abseil targets and of every Abseil library they link, or an empty list when one of them has no
# archive beside its shared library. Debian's libabsl-dev ships both; its CMake targets name the
# shared ones, so the archives are found by the targets' own locations.
#
# Why the command links Abseil statically (docs/building.md, "How the sqp command links"):
# Abseil promises no ABI stability and asks for one copy built with the program, and the command
# then starts without loading and relocating 25 shared objects, about a third of its start-up.
function(sqp_abseil_archives out)
  set(archives "")
  set(seen "")
  set(pending ${ARGN})
  while(pending)
    list(POP_FRONT pending target)
    if(NOT target MATCHES "^absl::" OR target IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${target}")
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "SHARED_LIBRARY")
      get_target_property(location ${target} IMPORTED_LOCATION)
      if(NOT location)
        get_target_property(configurations ${target} IMPORTED_CONFIGURATIONS)
        list(GET configurations 0 configuration)
        get_target_property(location ${target} IMPORTED_LOCATION_${configuration})
      endif()
      string(REGEX REPLACE "\\.so(\\.[0-9.]+)?$" ".a" archive "${location}")
      if(NOT location OR NOT EXISTS "${archive}")
        message(STATUS "sqp: no static archive for ${target} (${location}); the command links Abseil's shared libraries")
        set(${out} "" PARENT_SCOPE)
        return()
      endif()
      list(APPEND archives "${archive}")
    endif()
    get_target_property(linked ${target} INTERFACE_LINK_LIBRARIES)
    if(linked)
      list(APPEND pending ${linked})
    endif()
  endwhile()
  set(${out} "${archives}" PARENT_SCOPE)
endfunction()
