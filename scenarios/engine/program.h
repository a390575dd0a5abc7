// program.h — the program seam: what the engine needs of anything it can run.
//
// A Program is one runnable thing: a variant of a compiled C++ pattern (the catalogue in patterns/), or a
// Go program checked and compiled by lang/. Session, the summary, the exports and the GUI's code view and
// browser ask a Program, never the catalogue directly, so a new kind of program is one new implementation
// of this interface (plus a line in make_program() for the file kind that names it).
//
//   std::shared_ptr<const Program> p = catalogue_program("dining_philosophers", "naive");
//   patterns::Params params;                          // unset parameters take their defaults
//   if (auto err = p->resolve_params(params)) ...;    // a clear message
//   auto run = p->start(params, /*seed=*/1);          // per-run state (metrics, output)
//   sched.start_main("main", [&] { run->main_goroutine(); });
//
// A ProgramRun lives as long as one run: the main goroutine's body, the metrics the program reports, what
// it wrote (Go programs), and a last word once the run has ended (Go's fatal-error text).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/registry.h"
#include "runtime/interleave.h"

namespace interleave::engine {

// One write of a program to its standard output or error, in the order they happened.
struct OutputWrite {
  VirtualTime time = 0;
  GoroutineId g = kNoGoroutine;
  bool to_stderr = false;
  std::string text;
};

// A variable of a running program and its value (Go programs: as fmt's %v prints it), for the variables pane.
struct VariableValue {
  std::string name, type, value;
  int line = 0;  // where it is declared
};
// One frame of a goroutine: its function, the line it is at, the variables in scope there.
struct FrameVariables {
  std::string function;
  int line = 0;
  std::vector<VariableValue> vars;
};

class ProgramRun {
 public:
  virtual ~ProgramRun() = default;
  // The body of the main goroutine.
  virtual void main_goroutine() = 0;
  // Called once after the run has ended, whatever the outcome (Go programs add their fatal-error text).
  virtual void finish(const Scheduler&) {}
  // Metrics the program reported so far (every outcome: they accumulate as the run goes).
  virtual const std::vector<patterns::Metric>& metrics() const = 0;
  // What the program wrote, in order (empty for the compiled patterns, which do not print).
  virtual const std::vector<OutputWrite>& output() const;
  // The exit status `go run` would give (0 completed, 2 panic / fatal error); -1 when the program kind has
  // no notion of one and the outcome decides.
  virtual int exit_status() const { return -1; }
  // Between steps: the package-level variables, and a live goroutine's frames, innermost first (Go
  // programs; the compiled patterns have none to show). Reading them changes nothing in the run.
  virtual std::vector<VariableValue> package_variables() const { return {}; }
  // `line`: the line the goroutine is at in its innermost frame, when the caller knows it (0: the run's own).
  virtual std::vector<FrameVariables> goroutine_frames(GoroutineId, int /*line*/ = 0) const { return {}; }
};

class Program {
 public:
  virtual ~Program() = default;

  // Names and words for people.
  virtual std::string name() const = 0;    // "dining_philosophers/naive", "worker_pool.go"
  virtual std::string title() const = 0;   // one line
  virtual std::string lesson() const = 0;  // a paragraph
  virtual std::string kind() const = 0;    // "pattern" or "go"

  // Parameters a scenario (or --set) may change, and the invariants the program checks as it runs.
  virtual const std::vector<patterns::ParamSpec>& params() const = 0;
  virtual const std::vector<patterns::Invariant>& invariants() const = 0;
  // Fills in defaults for every parameter not set; a message naming the problem if one is bad.
  virtual std::optional<std::string> resolve_params(patterns::Params& params) const = 0;

  // The source files the code view shows (paths as the runtime's source locations name them), and their text.
  virtual std::vector<std::string> source_files() const = 0;
  virtual std::string_view source_text(std::string_view file) const = 0;

  // Scheduler settings the program needs to show its lesson (a broken variant that needs spurious wake-ups).
  virtual bool needs_spurious_wakeups() const { return false; }
  // The scheduling policy used when the scenario names none ("fifo" for patterns, "go" for Go programs).
  virtual std::string default_policy() const { return "fifo"; }
  // The goroutine stack size the program needs (0: the runtime's default).
  virtual std::size_t stack_size() const { return 0; }
  // A program whose runs share state that is not thread-safe (a Go program's compiled constants hold
  // reference-counted values) gives each extra thread that runs it its own copy; null: runs of this one may
  // go on in several threads at once (the compiled catalogue).
  virtual std::shared_ptr<const Program> for_another_thread() const { return nullptr; }

  // Starts one run: the per-run state whose main_goroutine() the Session runs as goroutine 1.
  virtual std::unique_ptr<ProgramRun> start(const patterns::Params& params, std::uint64_t seed) const = 0;

  // The catalogue's own records, for views that show a pattern's variants (null for other kinds).
  virtual const patterns::Pattern* pattern() const { return nullptr; }
  virtual const patterns::Variant* variant() const { return nullptr; }
};

// The compiled C++ catalogue as Programs. Throws std::invalid_argument naming the known patterns/variants
// when one is unknown.
std::shared_ptr<const Program> catalogue_program(std::string_view pattern, std::string_view variant);

// A program read from a file (a `.go` file: checked as Go's compiler would). Either `program` is set, or
// `errors` says why not, each at its file:line:col in the words of the language's own compiler.
struct ProgramError {
  std::string file;
  std::uint32_t line = 0, column = 0;  // 1-based; 0 when the error is about the whole file
  std::string message;                 // the language's own words: "undefined: count"
};
struct ProgramLoad {
  std::shared_ptr<const Program> program;
  std::vector<ProgramError> errors;
  std::string source;  // the file's text (for quoting errors), when it could be read
};
// `display_path` is how messages, dumps and the code view name the file.
ProgramLoad load_program_file(const std::filesystem::path& path, const std::string& display_path);
// The same from text in memory (the GUI's editor): `display_path` names it as the file would.
ProgramLoad load_program_text(std::string text, const std::string& display_path);
// Whether a path names a program file rather than a scenario (by its extension: ".go").
bool is_program_file(const std::filesystem::path& path);

}  // namespace interleave::engine
