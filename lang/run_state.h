// run_state.h — the state of one run of a Go program: its goroutines' threads, package variables,
// output, and the text Go prints when the run ends badly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/go_program.h"
#include "lang/interp.h"
#include "lang/lib/rand.h"
#include "runtime/rng.h"

namespace interleave::lang {

struct RunState {
  std::shared_ptr<const GoProgram> program;
  std::map<std::string, std::string> overrides;
  std::uint64_t seed = 1;
  Rng rng{1};                              // map iteration order
  Value globals;                           // a Cells of every package variable
  std::map<GoroutineId, Thread*> threads;  // live goroutines' threads
  std::vector<OutputWrite> writes;
  std::string fatal_text;  // Go's panic / fatal error text, once the run failed
  bool failed = false;
  int exit_status = 0;
  Scheduler* sched = nullptr;
  std::uint64_t preempt_ticks = 0;
  std::map<const Obj*, std::uint64_t> addresses;          // fake addresses for printing
  std::map<const Obj*, std::uint64_t> inspect_addresses;  // the GUI's, for objects the program never printed
  std::shared_ptr<struct WatchList> watches;  // interleave.Watch's variables (lib_interleave.cpp); null: none
  std::shared_ptr<golib::GoRand> rand;        // math/rand's global generator (Go 1.19: Seed(1) until seeded)
  bool exited = false;                        // os.Exit was called
  bool inspecting = false;                    // the GUI reads values: no methods run, no addresses handed out
  // What each goroutine was doing when the run was torn down (for Go's goroutine dumps).
  struct Snapshot {
    int go_id = 0;
    std::string reason;
    std::string trace;
  };
  std::map<GoroutineId, Snapshot> snapshots;
};

}  // namespace interleave::lang
