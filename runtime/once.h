// once.h — run something exactly once (Go's sync.Once).
//
// The first goroutine to call do_once(f) runs f; goroutines that call it while f is running park until it
// finishes (wait reason "sync.Once.Do"); later calls return at once. Every caller returns only after f has
// completed, so what f initialises is ready for all of them.
//
//   interleave::Once init;
//   init.do_once([&] { config = load(); });
#pragma once

#include <source_location>
#include <string_view>
#include <utility>

#include "runtime/wait_queue.h"

namespace interleave {

class Once : public Object {
 public:
  explicit Once(std::string_view name = {});

  template <class F>
  void do_once(F&& f, std::source_location loc = std::source_location::current()) {
    sched_->touch(id_, !done_ && !running_);  // the first caller writes; later ones read
    if (done_) return;
    if (running_) {
      wait_done(loc);
      return;
    }
    running_ = true;
    std::forward<F>(f)();
    finish();
  }
  bool done() const { return done_; }

 private:
  void wait_done(std::source_location loc);
  void finish();
  bool done_ = false;
  bool running_ = false;
  WaitQueue waiters_;
};

}  // namespace interleave
