# check_bad_corpus.cmake — runs `interleave run` on every bad scenario in bad/ and compares the first line of
# its error output with bad/NAME.expected (exactly), and its exit status with 1.
#
#   cmake -DINTERLEAVE=build/interleave -DDIR=tests/scenarios/bad -P tests/scenarios/check_bad_corpus.cmake
#
# NAME.toml is the scenario (it may be missing or a directory: those are cases too); NAME.args, if present,
# holds extra command-line arguments, one per line. -DUPDATE=ON rewrites the .expected files instead
# (review the diff before committing it).
get_filename_component(DIR "${DIR}" ABSOLUTE)
file(GLOB cases RELATIVE ${DIR} ${DIR}/*.expected)
list(LENGTH cases count)
if(count EQUAL 0)
  message(FATAL_ERROR "no .expected files in ${DIR}")
endif()
set(failed 0)
foreach(case ${cases})
  string(REGEX REPLACE "\\.expected$" "" name "${case}")
  set(args "")
  if(EXISTS ${DIR}/${name}.args)
    file(STRINGS ${DIR}/${name}.args args)
  endif()
  execute_process(COMMAND ${INTERLEAVE} run ${name}.toml ${args}
                  WORKING_DIRECTORY ${DIR}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 20)
  string(FIND "${err}" "\n" nl)
  if(nl GREATER_EQUAL 0)
    string(SUBSTRING "${err}" 0 ${nl} first)
  else()
    set(first "${err}")
  endif()
  if(UPDATE)
    file(WRITE ${DIR}/${name}.expected "${first}\n")
    continue()
  endif()
  file(READ ${DIR}/${name}.expected want)
  string(REGEX REPLACE "\n$" "" want "${want}")
  if(NOT rc STREQUAL "1")
    message(SEND_ERROR "${name}: exit status ${rc}, expected 1\n${err}")
    math(EXPR failed "${failed} + 1")
  elseif(NOT first STREQUAL want)
    message(SEND_ERROR "${name}: first error line differs\n  expected: ${want}\n  got:      ${first}")
    math(EXPR failed "${failed} + 1")
  endif()
endforeach()
if(failed GREATER 0)
  message(FATAL_ERROR "${failed} of ${count} bad scenarios did not give their expected error")
endif()
message(STATUS "${count} bad scenarios: each rejected with its expected message and exit status 1")
