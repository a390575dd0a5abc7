// go_program.h — a Go program as a scenario: compile it once, run it many times on the fiber runtime.
//
// GoProgram::compile() parses and type-checks a Go source file (the teaching subset of Go described in the
// README) and compiles it to closures. Errors come back in Go's own words and positions
// ("prog.go:6:14: undefined: count"). The compiled program is immutable and shared by any number of runs.
//
// A GoRun is one execution on one Scheduler:
//
//   auto prog = interleave::lang::GoProgram::compile("prog.go", text, &errors);
//   interleave::lang::GoRun run(prog, {{"workers", "5"}}, seed);
//   interleave::Scheduler sched(config, interleave::make_policy("go", seed), seed);
//   sched.start_main("main", [&] { run.main_goroutine(); });
//   sched.run();
//   run.finish(sched);   // appends Go's panic / fatal error text for a run that ended badly
//   std::cout << run.stdout_text();  std::cerr << run.stderr_text();  return run.exit_status();
//
// Every `go` statement becomes a runtime goroutine; channels, select, the sync types and timers are the
// runtime's own primitives, so traces, dumps, the wait-for graph and replay work as for compiled patterns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/types.h"

namespace interleave {
class Scheduler;
}

namespace interleave::lang {

// One compile error, at a 1-based line and column of the file.
struct Diagnostic {
  std::string file;
  int line = 0, col = 0;
  std::string message;
};
// "prog.go:6:14: undefined: count"
std::string format(const Diagnostic& d);

// A package-level constant or variable of a basic type, which a scenario may override by name.
struct GoParam {
  std::string name, type, default_text;
  bool is_const = false;
};

struct CompiledProgram;  // the checked, compiled program (lang/compiler.h)

class GoProgram {
 public:
  // Null when the program does not compile; `errors` (if given) receives every diagnostic, in order.
  static std::shared_ptr<const GoProgram> compile(std::string display_path, std::string source,
                                                  std::vector<Diagnostic>* errors);
  const std::string& path() const { return path_; }
  const std::string& source() const { return source_; }
  const std::vector<GoParam>& params() const { return params_; }
  // nullopt if `value` is a valid value for the parameter `name`; otherwise the error, in Go's words.
  std::optional<std::string> check_override(const std::string& name, const std::string& value) const;
  // A goroutine stack size large enough for the interpreter's frames (Scheduler::Config::stack_size).
  // Only the pages a goroutine touches are resident; 4 MiB allow about 10,000 nested Go calls.
  static constexpr std::size_t kStackSize = 4 * 1024 * 1024;

  const CompiledProgram& compiled() const { return *compiled_; }
  GoProgram(std::string path, std::string source);
  ~GoProgram();

 private:
  friend std::shared_ptr<GoProgram> build_program(const std::string&, const std::string&,
                                                  const std::map<std::string, std::string>&, std::vector<Diagnostic>*);
  std::string path_, source_;
  std::vector<GoParam> params_;
  std::unique_ptr<CompiledProgram> compiled_;
};

// One write of the program to stdout or stderr, in order, with when and by whom.
struct OutputWrite {
  VirtualTime time = 0;
  GoroutineId g = kNoGoroutine;
  bool to_stderr = false;
  std::string text;
};

// A variable and its value as fmt's %v prints it (for the GUI's variables pane).
struct VarValue {
  std::string name, type, value;
  int line = 0;  // where it is declared
};
// One frame of a goroutine: the function (Go's name), the line it is at, its variables in scope there.
struct FrameVars {
  std::string function;
  int line = 0;
  std::vector<VarValue> vars;
};

struct RunState;  // the interpreter's state of one run (lang/interp.h)

class GoRun {
 public:
  GoRun(std::shared_ptr<const GoProgram> program, std::map<std::string, std::string> overrides, std::uint64_t seed);
  ~GoRun();
  GoRun(const GoRun&) = delete;
  GoRun& operator=(const GoRun&) = delete;

  // The body of the main goroutine: Session does sched.start_main("main", [&]{ run.main_goroutine(); }).
  void main_goroutine();
  // After the run ended, with any outcome: appends Go's panic / fatal error text to stderr.
  void finish(const Scheduler& s);
  const std::vector<OutputWrite>& writes() const;
  std::string stdout_text() const;
  std::string stderr_text() const;
  // 0, or 2 for a panic or fatal error (as `go run`, minus its "exit status" line).
  int exit_status() const;
  // Between steps (no goroutine running): the package-level variables in declaration order, and a live
  // goroutine's frames, innermost first (empty once it has ended). Values as %v prints them, but without
  // calling the program's String/Error methods, and without changing anything the run will print later.
  std::vector<VarValue> package_vars() const;
  // `line`: where the goroutine is in its innermost frame when the caller knows better (the line of the call
  // it is blocked in, from the trace; a frame's own line is only updated at calls); 0 for the frame's own.
  std::vector<FrameVars> frames(GoroutineId g, int line = 0) const;

 private:
  std::unique_ptr<RunState> state_;
};

}  // namespace interleave::lang
