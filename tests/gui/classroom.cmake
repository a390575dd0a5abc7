# classroom.cmake — the classroom features of issue 10 through the real program under Xvfb: playback speed,
# narration, the end of a run after scrubbing, code markers, presenter layout, one-click scheduling and goals,
# GIF recording. Each case runs `interleave gui ... --report` (or `run --narrate`) and matches its output.
#   cmake -DINTERLEAVE=... -DCHECK=... -DSCENARIOS=... -DTESTS=... -DOUT=... -P classroom.cmake
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  message("SKIP: xvfb-run not found (apt-get install xvfb xauth)")
  return()
endif()
file(MAKE_DIRECTORY ${OUT})
set(failures 0)
set(NAIVE ${SCENARIOS}/dining_philosophers/naive.toml)

include(${TESTS}/gui_case.cmake)

# The virtual time in ns from a "virtual time: X (N ns)" line.
function(played_ns out_var text)
  string(REGEX MATCH "virtual time: [^\n]*\\(([0-9]+) ns\\)" m "${text}")
  set(${out_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()

# 1. Playback follows the speed: 1 s of wall time at 50 us/s plays 50 us, at 150 us/s 150 us (within 3%;
#    before the fix a step could jump the clock by a whole sleep, so both ran far ahead).
foreach(speed 50 150)
  gui_case(speed_${speed} ARGS ${TESTS}/notes.toml --speed ${speed}us/s --play-for 1s
           EXPECT "virtual time: [^\n]*\\([0-9]+ ns\\)")
  played_ns(ns "${speed_${speed}_out}")
  math(EXPR want "${speed} * 1000")
  math(EXPR lo "${want} * 97 / 100")
  math(EXPR hi "${want} * 103 / 100")
  if(ns STREQUAL "" OR ns LESS lo OR ns GREATER hi)
    message("FAIL speed_${speed}: played '${ns}' ns, expected ${want} ns +-3%")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()
gui_case(bad_speed FAILS ARGS ${TESTS}/notes.toml --speed 5ms --play-for 1s
         EXPECT "--speed needs virtual time per second" REJECT "virtual time:")

# 2. Narration.
# A note at 100 us, inside the clock's jump from 0 to 200 us, shows when playback passes it.
gui_case(note_in_jump ARGS ${TESTS}/notes.toml --speed 100us/s --play-for 1.5s
         EXPECT "narration: NOTE-JUMP" "step: 0\n|step: [1-9][0-9]*\n")
# first_block is the first philosopher, not main waiting in WaitGroup.Wait at 0 ns.
gui_case(first_block_not_main ARGS ${NAIVE} --actions cursor:1ns EXPECT "narration: \n" REJECT "NOTE")
gui_case(first_block_time ARGS ${NAIVE} --actions prev-note EXPECT "cursor: 934.4 µs" "narration: A philosopher is waiting")
# Notes of one instant all show, in order.
gui_case(same_instant ARGS ${TESTS}/notes.toml EXPECT "narration: NOTE-FIRST-BLOCK[^\n]*\\|NOTE-DEADLOCK[^\n]*\\|NOTE-END")
# After stepping back, the latest note at or before the cursor.
gui_case(after_back ARGS ${TESTS}/notes.toml --actions back,back
         EXPECT "narration: NOTE-FIRST-BLOCK[^|]*\n" "status: paused" REJECT "NOTE-DEADLOCK")
gui_case(after_scrub ARGS ${TESTS}/notes.toml --actions rewind:6 EXPECT "virtual time: 200 µs" "narration: NOTE-JUMP")
gui_case(before_any_note ARGS ${TESTS}/notes.toml --actions rewind:3 EXPECT "virtual time: 0 ns" "narration: \n")
# pause = true stops playback at the note (400 us), however long it plays.
gui_case(pause_note ARGS ${TESTS}/notes.toml --speed 1ms/s --play-for 2s
         EXPECT "virtual time: 400 µs" "status: paused" "narration: NOTE-PAUSE")
# `run --narrate`: the notes at their moments, in order.
gui_case(run_narrate RUN ARGS ${TESTS}/notes.toml --narrate
         EXPECT "narration:\n +100 µs +\\[at 100 µs\\] NOTE-JUMP[^\n]*\n +400 µs +\\[at 400 µs\\] \\(pause\\) NOTE-PAUSE[^\n]*\n +500 µs +\\[first_block\\] NOTE-FIRST-BLOCK[^\n]*\n +500 µs +\\[deadlock\\] NOTE-DEADLOCK[^\n]*\n +500 µs +\\[end\\] NOTE-END")
# Jumps: to the end and back to the previous note.
gui_case(jump_notes ARGS ${TESTS}/notes.toml --actions cursor:0ns,next-note,next-note EXPECT "cursor: 400 µs" "NOTE-PAUSE")

# 3. The end of a run after scrubbing or stepping back to its last step: the outcome, marker and notes.
gui_case(end_full ARGS ${NAIVE} EXPECT "status: deadlock" "end marker: yes" "step: ([0-9]+)\n")
string(REGEX MATCH "step: ([0-9]+)\n" m "${end_full_out}")
set(last ${CMAKE_MATCH_1})
gui_case(end_after_scrub ARGS ${NAIVE} --actions rewind:1,rewind:${last}
         EXPECT "status: deadlock" "end marker: yes" "step: ${last}\n" "narration: Every philosopher holds")
gui_case(end_after_back_step ARGS ${NAIVE} --actions back,step
         EXPECT "status: deadlock" "end marker: yes" "step: ${last}\n" "narration: Every philosopher holds")

# 4. Code view: the markers are in a gutter, never over the text of their line.
gui_case(markers ARGS ${NAIVE} EXPECT "markers: [1-9][0-9]*, over text: 0\n")
gui_case(markers_presenter ARGS ${NAIVE} --presenter --size 1920x1080 EXPECT "markers: [1-9][0-9]*, over text: 0\n")

# 5. Presenter mode at both sizes: every lane on screen, the code at least 60 columns, large text.
foreach(size 1600x900 1920x1080)
  foreach(sc ${NAIVE} ${TESTS}/crowd.toml)
    get_filename_component(stem ${sc} NAME_WE)
    gui_case(presenter_${stem}_${size} ARGS ${sc} --presenter --size ${size} --screenshot ${OUT}/presenter_${stem}_${size}.png
             EXPECT "lanes: ([0-9]+) of ([0-9]+) visible" "code: ([0-9]+) columns, font ([0-9]+) px" "toolbar: fits")
    string(REGEX MATCH "lanes: ([0-9]+) of ([0-9]+) visible" m "${presenter_${stem}_${size}_out}")
    if(NOT CMAKE_MATCH_1 EQUAL CMAKE_MATCH_2 OR CMAKE_MATCH_2 LESS 3)
      message("FAIL presenter_${stem}_${size}: ${m}")
      math(EXPR failures "${failures} + 1")
    endif()
    string(REGEX MATCH "code: ([0-9]+) columns, font ([0-9]+) px" m "${presenter_${stem}_${size}_out}")
    set(min_font 20)
    if(size STREQUAL "1920x1080")
      set(min_font 22)
    endif()
    if(CMAKE_MATCH_1 LESS 60 OR CMAKE_MATCH_2 LESS min_font)
      message("FAIL presenter_${stem}_${size}: ${m} (want >= 60 columns, font >= ${min_font} px)")
      math(EXPR failures "${failures} + 1")
    endif()
    if(NOT EXISTS ${OUT}/presenter_${stem}_${size}.png)
      message("FAIL presenter_${stem}_${size}: no screenshot")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
endforeach()

# 6. One click on a runnable goroutine's lane makes the decision and advances; the goal is reached.
gui_case(before_click ARGS ${TESTS}/goal.toml EXPECT "status: your move" "step: 1\n" "0 decisions so far")
gui_case(one_click ARGS ${TESTS}/goal.toml --actions "click:lane:philosopher#0"
         EXPECT "status: your move" "step: 2\n" "goal: Make the three philosophers deadlock[^\n]*1 decision so far")
gui_case(goal_reached ARGS ${TESTS}/goal.toml --actions "click:lane:philosopher#0,click:lane:philosopher#1"
         EXPECT "status: deadlock" "goal: [^\n]*Goal reached in 2 decisions!" "decided by: scheduled by hand \\(2 picks\\)")
gui_case(goal_reached_one ARGS ${TESTS}/goal_two.toml --actions "click:lane:philosopher#1"
         EXPECT "status: deadlock" "goal: [^\n]*Goal reached in 1 decision!")
# The replay of a run scheduled by hand says so, not the seed that did not decide.
gui_case(save_by_hand ARGS ${TESTS}/goal.toml
         --actions "click:lane:philosopher#0,click:lane:philosopher#1,save-replay:${OUT}/by_hand.native"
         EXPECT "scheduled by hand [(]2 picks[)]")
gui_case(replay_by_hand REPLAY ARGS ${OUT}/by_hand.native
         EXPECT "replay identical: [^\n]*[(]scheduled by hand: 2 picks, ")
gui_case(not_by_hand ARGS ${NAIVE} EXPECT "decided by: random seed 3" "goal: \n")

# 7. What a goroutine is doing: the philosophers say "eating" and eat on a processor (work()), so with two
#    processors the processor lanes are busy; the label reaches the Perfetto export.
gui_case(doing_labels ARGS ${SCENARIOS}/dining_philosophers/resource_ordering.toml --actions cursor:2ms
         EXPECT "doing: [a-z]+" "processors busy: [1-9]")
execute_process(COMMAND ${INTERLEAVE} export ${SCENARIOS}/dining_philosophers/resource_ordering.toml --out ${OUT}/ro.json
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
file(READ ${OUT}/ro.json json)
if(NOT json MATCHES "\"doing\":\"eating\"" OR NOT json MATCHES "\"doing\":\"thinking\"")
  message("FAIL doing_export: no \"doing\":\"eating\" / \"thinking\" in the Perfetto export")
  math(EXPR failures "${failures} + 1")
endif()

# 9. A GIF recording of the run: a valid GIF89a file with many frames.
file(REMOVE ${OUT}/naive.gif)
gui_case(record_gif ARGS ${NAIVE} --record ${OUT}/naive.gif --size 640x360 --speed 1ms/s
         EXPECT "wrote [^\n]*naive.gif [(]([0-9]+) frames[)]")
string(REGEX MATCH "naive.gif [(]([0-9]+) frames[)]" m "${record_gif_out}")
set(reported ${CMAKE_MATCH_1})
if(NOT EXISTS ${OUT}/naive.gif OR "${CMAKE_MATCH_1}" STREQUAL "" OR CMAKE_MATCH_1 LESS 20)
  message("FAIL record_gif: expected at least 20 frames: ${m}")
  math(EXPR failures "${failures} + 1")
else()
  file(READ ${OUT}/naive.gif head LIMIT 6 HEX)
  file(READ ${OUT}/naive.gif hex HEX)
  string(REGEX MATCHALL "21f904" gces "${hex}")  # one graphic control extension per frame
  list(LENGTH gces n)
  if(NOT head STREQUAL "474946383961" OR NOT n EQUAL reported)  # "GIF89a", and every frame it reported
    message("FAIL record_gif: header '${head}', ${n} frames in the file")
    math(EXPR failures "${failures} + 1")
  endif()
endif()

# 10. Two runs side by side: one time axis, the first difference marked and said.
set(PC ${SCENARIOS}/producer_consumer)
gui_case(compare_variants ARGS ${PC}/semaphores.toml --compare ${PC}/no_mutex.toml --screenshot ${OUT}/compare.png
         EXPECT "compare: differ at 1.432 ms: A mutex [(]Mutex[)] holders 1 [|] B producer#1 [(]g3[)] runnable\n"
                "compare marker: yes")
gui_case(compare_same_seed ARGS ${NAIVE} --compare-seed 3 EXPECT "compare: identical so far\n" "compare marker: no")
gui_case(compare_other_seed ARGS ${NAIVE} --compare-seed 4 --size 1600x900
         EXPECT "compare: differ at 0 ns" "compare marker: yes" "lanes: 16 of 16 visible")
gui_case(compare_missing FAILS ARGS ${NAIVE} --compare ${OUT}/no_such.toml EXPECT "--compare: [^\n]*no_such.toml")
gui_case(compare_directory FAILS ARGS ${NAIVE} --compare ${SCENARIOS} EXPECT "--compare: [^\n]*is a directory")
gui_case(compare_negative_seed FAILS ARGS ${NAIVE} --compare-seed -1 EXPECT "--compare-seed must be between 0 and")
gui_case(compare_huge_seed FAILS ARGS ${NAIVE} --compare-seed 99999999999999999999999 EXPECT "--compare-seed")

# 11. Files: File > Open browses any folder (sub-folders, only scenario/program/recording files); Save replay
# and Export ask where to write.
file(REMOVE_RECURSE ${OUT}/elsewhere)
file(MAKE_DIRECTORY ${OUT}/elsewhere/sub)
file(COPY ${SCENARIOS}/go/deadlock.go DESTINATION ${OUT}/elsewhere)
file(COPY ${SCENARIOS}/dining_philosophers/footman.toml DESTINATION ${OUT}/elsewhere/sub)
file(WRITE ${OUT}/elsewhere/notes.txt "not a scenario\n")
gui_case(open_dialog ARGS ${NAIVE} --actions open-dialog:${OUT}/elsewhere --screenshot ${OUT}/open_dialog.png
         EXPECT "dialog: open in [^\n]*elsewhere [(]2 entries[)]")
gui_case(open_from_dialog ARGS ${NAIVE} --actions open-dialog:${OUT}/elsewhere,dialog:sub,dialog:footman.toml,end
         EXPECT "status: completed" REJECT "dialog:")
gui_case(open_go_from_dialog ARGS ${NAIVE} --actions open-dialog:${OUT}/elsewhere,dialog:deadlock.go,end
         EXPECT "status: deadlock" "decided by: go seed")
file(REMOVE ${OUT}/elsewhere/run.native ${OUT}/elsewhere/run.json)
gui_case(save_dialog ARGS ${NAIVE} --actions save-dialog:${OUT}/elsewhere,dialog-name:run.native,export-dialog:${OUT}/elsewhere,dialog-name:run.json)
if(NOT EXISTS ${OUT}/elsewhere/run.native OR NOT EXISTS ${OUT}/elsewhere/run.json)
  message("FAIL save_dialog: run.native / run.json not written where the dialog said")
  math(EXPR failures "${failures} + 1")
else()
  gui_case(replay_saved REPLAY ARGS ${OUT}/elsewhere/run.native EXPECT "replay identical: [^\n]*deadlock")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} classroom GUI checks failed")
endif()
message("classroom GUI checks passed")
