# go_panes.cmake — the GUI's panes for Go programs (issue 12, "In the GUI") through the real program under
# Xvfb: the code view's markers on the Go source, the output pane and its timeline ticks, the variables pane,
# the editor (a compile error at its line, then an edited program that replaces the run), and the lesson of a
# program without a scenario. Each case runs `interleave gui ... --report` and matches its output.
#   cmake -DINTERLEAVE=... -DSCENARIOS=... -DTESTS=... -DOUT=... -P go_panes.cmake
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  message("SKIP: xvfb-run not found (apt-get install xvfb xauth)")
  return()
endif()
file(MAKE_DIRECTORY ${OUT})
set(failures 0)
include(${TESTS}/gui_case.cmake)
set(GO ${SCENARIOS}/go)

# 1. The code view marks each goroutine's line in the Go source: at the deadlock, main waits at wg.Wait()
#    (line 20) and the worker at its send (line 18); two markers, none over the text. Objects are named by
#    their variables, in the inspector and the wait-for graph alike.
gui_case(go_markers ARGS ${GO}/deadlock.toml --screenshot ${OUT}/deadlock.png
         EXPECT "status: deadlock" "markers: 2, over text: 0" "code lines: [^\n]*20:main" "code lines: [^\n]*18:"
                "wait-for graph: [^\n]*results" "wait-for graph: [^\n]*wg"
         REJECT "wait-for graph: [^\n]*chan [0-9]")
# The same program opened by an absolute path (the runtime records paths under the source tree relative to
# it: the markers still find their lines).
gui_case(go_markers_direct ARGS ${GO}/deadlock.go
         EXPECT "markers: 2, over text: 0")

# 2. The lesson of a program without a scenario: its leading comment, never the file's path.
gui_case(go_lesson ARGS ${GO}/deadlock.go
         EXPECT "lesson: The worker sends its result on an unbuffered channel that nobody reads"
         REJECT "lesson: [^\n]*/")

# 3. The output pane: every write with its time and goroutine; the rows up to the cursor; ticks on the lanes.
#    Go by Example's worker pool writes 10 lines; at 1.5 s eight have been written (three starts at 0, and at
#    1 s three finishes and two starts).
gui_case(go_output ARGS ${GO}/worker_pool.toml --actions cursor:1500ms
         EXPECT "output: 10 rows, 8 at the cursor, last: worker [0-9] (started  job [45]|finished job [123])" "output ticks: [3-9]")
# Clicking a row moves the cursor to its write.
gui_case(go_output_click ARGS ${GO}/worker_pool.toml --actions cursor:0ms,click:output:4
         EXPECT "cursor: 1 s" "output: 10 rows, 8 at the cursor")

# 4. The variables pane: package-level variables and the selected goroutine's locals at the cursor.
#    At the deadlock the worker (a closure) holds `results` and `wg`; main has its own locals. The end of a run
#    tears its goroutines down, so they are shown as of the step before: the worker still asleep at line 17
#    (its last step ran it to the send at 18 and ended the run); main waits at line 20.
gui_case(go_vars ARGS ${GO}/deadlock.toml
         EXPECT "variables: [0-9]+ rows: [^\n]*main.main.func1:17:[^\n]*results = 0xc" "variables: [^\n]*wg = \\{counter 1\\}")
gui_case(go_vars_main ARGS ${GO}/deadlock.toml --actions select:main
         EXPECT "variables: [^\n]*main.main:20:[^\n]*wg = [^\n]*results = 0xc")
# The editor's fixed program: a package variable set by main, seen at the end.
gui_case(go_vars_global ARGS ${GO}/deadlock.toml --actions edit:${TESTS}/go/fixed.go,editor-run,tab:Variables
         EXPECT "variables: [^\n]*total = 42" "output: 1 rows, 1 at the cursor, last: total 42" "status: completed")
# Scrubbed back before the worker's result, the same variable is 0 again (the moment is re-executed).
gui_case(go_vars_scrub ARGS ${GO}/deadlock.toml --actions edit:${TESTS}/go/fixed.go,editor-run,tab:Variables,cursor:500ms
         EXPECT "variables: [^\n]*total = 0")

# 5. The editor: a compile error is shown at its line in Go's words and the old run stays on screen.
gui_case(go_editor_error ARGS ${GO}/deadlock.toml --actions edit:${TESTS}/go/broken.go,editor-run
         EXPECT "editor: 10 lines, error: [^\n]*deadlock.go:8:23: undefined: totl" "status: deadlock")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} Go pane case(s) failed")
endif()
