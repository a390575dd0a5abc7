// lib_interleave.cpp — package interleave: what Go lacks for teaching. Work(d) holds a processor for d of
// virtual time, Label(text) says what the goroutine is doing, Check(ok, name) is an invariant (a failed one
// ends the run as an invariant violation), Watch(name, &x) plots an int variable's value over time.
// scenarios/go/interleave/ is the same API for the real Go toolchain (Work sleeps there; Check panics).
#include "lang/compiler.h"
#include "lang/lib_pkg.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/scheduler.h"

namespace interleave::lang {

std::string duration_string(std::int64_t d);

// One watched variable: a runtime object of kind Variable whose Value counter follows the variable.
class WatchedVar final : public Object {
 public:
  WatchedVar(std::string_view name, Value ptr) : Object(ObjectKind::Variable, name, 0), ptr_(std::move(ptr)) {
    last_ = value();
    sched_->counter(id_, CounterKind::Value, last_);
  }
  std::int64_t value() const { return deref(ptr_).i; }
  void poll() {
    std::int64_t v = value();
    if (v == last_) return;
    last_ = v;
    sched_->counter(id_, CounterKind::Value, v);
  }
  std::string describe() const override { return "value " + std::to_string(last_); }

 private:
  Value ptr_;  // keeps the variable alive
  std::int64_t last_;
};

struct WatchList {
  std::vector<std::unique_ptr<WatchedVar>> vars;
};

void watch_point(Thread& th) {
  if (!th.run->watches) return;
  for (auto& w : th.run->watches->vars) w->poll();
}

namespace libdetail {

void install_interleave(Pkg& p) {
  p.c.install_package("time", "time", Pos{});
  TypeTable& T = p.T();
  const Type* S = T.basic(Kind::String);
  const Type* B = T.basic(Kind::Bool);
  p.func(
      "Work", p.fn({p.c.out.lib.duration}, {}), +[](Thread& th, Value* s) {
        watch_point(th);
        if (s[0].i > 0) sched().work(s[0].i, caller_site(th)->location());
      });
  p.func(
      "Label", p.fn({S}, {}), +[](Thread& th, Value* s) {
        watch_point(th);
        sched().doing(str_of(s[0]));
      });
  p.func(
      "Check", p.fn({B, S}, {}), +[](Thread& th, Value* s) {
        if (s[0].i) return;
        watch_point(th);
        Scheduler& sc = sched();
        std::string msg = str_of(s[1]) + ": violated (at " + duration_string(sc.now()) + ", goroutine " +
                          std::to_string(th.go_id()) + ")";
        sc.raise(Outcome::InvariantViolation, std::move(msg), caller_site(th)->location());
      });
  p.func(
      "Watch", p.fn({S, T.pointer(T.basic(Kind::Int))}, {}), +[](Thread& th, Value* s) {
        if (!s[1].r) plain_panic(th, caller_line(th), "interleave.Watch: nil pointer");
        if (!th.run->watches) th.run->watches = std::make_shared<WatchList>();
        th.run->watches->vars.push_back(std::make_unique<WatchedVar>(str_of(s[0]), s[1]));
      });
}

}  // namespace libdetail

}  // namespace interleave::lang
