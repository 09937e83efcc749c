# cmake -DCLI=path/to/sqp -DOUT=dir -P make_manpage.cmake: writes OUT/sqp.1 (`sqp help --roff`,
# the manual made from the --help texts of src/cli/manual.cpp) and OUT/sqp.1.gz (gzip -9n).
execute_process(COMMAND "${CLI}" help --roff OUTPUT_FILE "${OUT}/sqp.1" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sqp help --roff failed (${rc})")
endif()
execute_process(COMMAND gzip -9nkf "${OUT}/sqp.1" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip -9n sqp.1 failed (${rc})")
endif()
