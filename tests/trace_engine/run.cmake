# run.cmake — the trace-engine test: installs Chrome DevTools' trace engine (pinned in package.json and
# package-lock.json) into the build tree when it is missing, exports a deadlock, a channel-heavy run and a
# run of 100,000+ events with the real `interleave`, and loads them with check_exports.mjs.
#
#   cmake -DINTERLEAVE=build/interleave -DSCENARIOS=scenarios -DWORK=build/trace-engine -P tests/trace_engine/run.cmake
cmake_minimum_required(VERSION 3.25)
get_filename_component(here "${CMAKE_CURRENT_LIST_FILE}" DIRECTORY)
find_program(NODE node nodejs)
find_program(NPM npm)
if(NOT NODE OR NOT NPM)
  message(FATAL_ERROR "the trace-engine test needs Node.js and npm (Debian: apt-get install nodejs npm; build.sh installs them)")
endif()
file(MAKE_DIRECTORY "${WORK}/runs")
if(NOT EXISTS "${WORK}/node_modules/@paulirish/trace_engine/package.json"
   OR "${here}/package-lock.json" IS_NEWER_THAN "${WORK}/package-lock.json")
  configure_file("${here}/package.json" "${WORK}/package.json" COPYONLY)
  configure_file("${here}/package-lock.json" "${WORK}/package-lock.json" COPYONLY)
  message(STATUS "installing @paulirish/trace_engine into ${WORK}")
  execute_process(COMMAND "${NPM}" ci --prefix "${WORK}" --no-audit --no-fund --loglevel=error
                  RESULT_VARIABLE rc TIMEOUT 600)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${rc}): the trace-engine test needs the npm registry once")
  endif()
endif()

set(runs "${WORK}/runs")
function(export name file)
  foreach(ext json csv)
    execute_process(COMMAND "${INTERLEAVE}" export "${SCENARIOS}/${file}" ${ARGN} --out "${runs}/${name}.${ext}"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err TIMEOUT 120)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "export of ${file} failed (${rc}): ${err}")
    endif()
  endforeach()
endfunction()
export(deadlock dining_philosophers/naive.toml)
export(channels pipeline/fan_out_fan_in.toml)
export(large producer_consumer/channel.toml --set items=3000 --set producers=4 --set consumers=4 --set procs=2)

execute_process(COMMAND "${NODE}" "${here}/check_exports.mjs" "${WORK}"
                        "${runs}/deadlock.json" "${runs}/deadlock.csv"
                        "${runs}/channels.json" "${runs}/channels.csv"
                        "${runs}/large.json" "${runs}/large.csv" --min-events 100000
                RESULT_VARIABLE rc TIMEOUT 300)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the DevTools trace engine does not draw the exports right (see above)")
endif()
