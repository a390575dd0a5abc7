// lib_time.cpp — package time on the virtual clock: Duration and Time, Sleep, and Go 1.23's timers
// (NewTimer, After, AfterFunc, NewTicker, Tick, Stop, Reset) as the runtime's timer objects.
#include "lang/compiler.h"
#include "lang/lib_objects.h"
#include "lang/lib_pkg.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/scheduler.h"

namespace interleave::lang {

std::string duration_string(std::int64_t d);
std::string time_string(std::int64_t unix_nanos, std::int64_t mono);
void run_goroutine_body(Thread& th, const Value& fn, std::vector<Value> args);  // go_program.cpp
constexpr std::int64_t kEpoch = 1257894000000000000LL;  // 2009-11-10 23:00:00 UTC, Go's playground epoch

// A time.Time value: wall clock and monotonic reading, both on the virtual clock.
Value make_time(std::int64_t wall, std::int64_t mono) {
  auto* c = new Cells(2);
  c->v[0] = Value::of_int(wall);
  c->v[1] = Value::of_int(mono);
  return Value(c);
}

// time.Now() at virtual time `now`. Go's monotonic clock reads one more than the time since the program
// started (its time package starts at runtimeNano() - 1), so Time.String() shows m=+0.500000001.
Value now_time(VirtualTime now) { return make_time(kEpoch + now, now + 1); }

// The clock reached the timer: a channel timer delivers the time unless a tick is still pending (Go drops
// it, as its sendTime does); AfterFunc starts its function in a new goroutine.
void TimerState::fire(VirtualTime now) {
  Value keep = self;
  if (every == 0) self = Value();  // fired once: no longer set
  if (ch.r) {
    auto* c = ch.as<ChanObj>();
    if (c->ch.base()->len() == 0) {
      Value t = now_time(now);
      c->ch.base()->send_ready(&t, std::source_location::current());
    }
    return;
  }
  if (!fn.r) return;
  struct Start {
    RunState* run;
    Value fn;
  };
  auto st = std::make_shared<Start>(Start{run, fn});
  Scheduler::current()->go(
      fn.as<FuncObj>()->proto ? fn.as<FuncObj>()->proto->name : "time.goFunc",
      [st]() {
        Thread t;
        t.run = st->run;
        t.created_by = "time.goFunc";
        run_goroutine_body(t, st->fn, {});
      },
      std::source_location::current());
}

namespace {

using namespace libdetail;

// The timer behind a *Timer or *Ticker; Go's panic for one not made by NewTimer/NewTicker/AfterFunc.
TimerState* timer_of(Thread& th, const Value& ptr, const char* what) {
  auto* st = deref(ptr).as<Cells>()->v[1].as<TimerState>();
  if (!st->initialized) plain_panic(th, caller_line(th), std::string("time: ") + what);
  return st;
}

// Sets the timer to fire after d (d <= 0: at this instant, once nothing else can run).
void arm(Thread& th, TimerState* st, std::int64_t d) {
  st->run = th.run;
  st->self = Value(static_cast<Obj*>(st));
  sched().set_timer(st, sched().now() + (d > 0 ? d : 0));
}

// Unsets the timer and discards a tick not yet received (Go 1.23): whether it was pending either way.
bool disarm(TimerState* st) {
  bool pending = sched().stop_timer(st);
  st->self = Value();
  if (st->ch.r) {
    auto* c = st->ch.as<ChanObj>();
    if (c->ch.base()->len() > 0) {
      Value stale;
      c->ch.base()->recv_ready(&stale);
      pending = true;
    }
  }
  return pending;
}

// A new *Timer or *Ticker (`ptr_type`), with a channel unless `func` is set.
Value new_timer(Thread& th, const Type* ptr_type, std::int64_t d, Duration every, Value func) {
  Value t = zero_value(ptr_type->elem);
  auto& c = t.as<Cells>()->v;
  auto* st = c[1].as<TimerState>();
  st->initialized = true;
  st->every = every;
  if (func.r) {
    st->fn = std::move(func);
  } else {
    auto* ch = new ChanObj(1, lib(th).time, every ? "time.Ticker.C" : "time.Timer.C");
    ch->timer = true;
    c[0] = Value(ch);
    st->ch = c[0];
  }
  arm(th, st, d);
  auto* box = new Cells(1);
  box->v[0] = t;
  return make_pointer(box, 0);
}

}  // namespace

namespace libdetail {

void install_time(Pkg& p) {
  TypeTable& T = p.T();
  Type* dur = T.named("time", "Duration");
  dur->under = T.basic(Kind::Int64);
  Type* tm = T.named("time", "Time");
  tm->under = T.structure({Field{"wall", T.basic(Kind::Int64), false}, Field{"mono", T.basic(Kind::Int64), false}});
  p.c.out.lib.duration = dur;
  p.c.out.lib.time = tm;
  const Type* F = T.basic(Kind::Float64);
  const Type* I64 = T.basic(Kind::Int64);
  const Type* S = T.basic(Kind::String);
  const Type* B = T.basic(Kind::Bool);
  p.type("Duration", dur);
  p.type("Time", tm);
  p.int_const("Nanosecond", dur, 1);
  p.int_const("Microsecond", dur, 1000);
  p.int_const("Millisecond", dur, 1000000);
  p.int_const("Second", dur, 1000000000LL);
  p.int_const("Minute", dur, 60LL * 1000000000LL);
  p.int_const("Hour", dur, 3600LL * 1000000000LL);
  p.method(
      dur, "String", p.fn({}, {S}), +[](Thread&, Value* s) { s[1] = make_string(duration_string(s[0].i)); }, false);
  p.method(
      dur, "Seconds", p.fn({}, {F}),
      +[](Thread&, Value* s) {
        s[1] = Value::of_float(static_cast<double>(s[0].i / 1000000000LL) +
                               static_cast<double>(s[0].i % 1000000000LL) / 1e9);
      },
      false);
  p.method(
      dur, "Minutes", p.fn({}, {F}),
      +[](Thread&, Value* s) {
        s[1] = Value::of_float(static_cast<double>(s[0].i / 60000000000LL) +
                               static_cast<double>(s[0].i % 60000000000LL) / 6e10);
      },
      false);
  p.method(
      dur, "Hours", p.fn({}, {F}),
      +[](Thread&, Value* s) {
        s[1] = Value::of_float(static_cast<double>(s[0].i / 3600000000000LL) +
                               static_cast<double>(s[0].i % 3600000000000LL) / 3.6e12);
      },
      false);
  p.method(
      dur, "Milliseconds", p.fn({}, {I64}), +[](Thread&, Value* s) { s[1] = Value::of_int(s[0].i / 1000000); }, false);
  p.method(
      dur, "Microseconds", p.fn({}, {I64}), +[](Thread&, Value* s) { s[1] = Value::of_int(s[0].i / 1000); }, false);
  p.method(
      dur, "Nanoseconds", p.fn({}, {I64}), +[](Thread&, Value* s) { s[1] = Value::of_int(s[0].i); }, false);
  p.method(
      dur, "Round", p.fn({dur}, {dur}),
      +[](Thread&, Value* s) {
        std::int64_t d = s[0].i, m = s[1].i;
        if (m <= 0) {
          s[2] = Value::of_int(d);
          return;
        }
        std::int64_t r = d % m;
        if (d < 0) {
          r = -r;
          s[2] = Value::of_int(r + r < m ? d + r : d - m + r);
        } else {
          s[2] = Value::of_int(r + r < m ? d - r : d + m - r);
        }
      },
      false);
  p.method(
      dur, "Truncate", p.fn({dur}, {dur}),
      +[](Thread&, Value* s) { s[2] = Value::of_int(s[1].i <= 0 ? s[0].i : s[0].i - s[0].i % s[1].i); }, false);
  auto wall = [](const Value& t) { return t.as<Cells>()->v[0].i; };
  (void)wall;
  p.method(
      tm, "String", p.fn({}, {S}),
      +[](Thread&, Value* s) {
        auto& c = s[0].as<Cells>()->v;
        s[1] = make_string(time_string(c[0].i, c[1].i));
      },
      false);
  p.method(
      tm, "Sub", p.fn({tm}, {dur}),
      +[](Thread&, Value* s) { s[2] = Value::of_int(s[0].as<Cells>()->v[0].i - s[1].as<Cells>()->v[0].i); }, false);
  p.method(
      tm, "Add", p.fn({dur}, {tm}),
      +[](Thread&, Value* s) {
        auto& c = s[0].as<Cells>()->v;
        s[2] = make_time(c[0].i + s[1].i, c[1].i >= 0 ? c[1].i + s[1].i : -1);
      },
      false);
  p.method(
      tm, "Unix", p.fn({}, {I64}),
      +[](Thread&, Value* s) { s[1] = Value::of_int(s[0].as<Cells>()->v[0].i / 1000000000LL); }, false);
  p.method(
      tm, "UnixNano", p.fn({}, {I64}), +[](Thread&, Value* s) { s[1] = Value::of_int(s[0].as<Cells>()->v[0].i); },
      false);
  p.method(
      tm, "UnixMilli", p.fn({}, {I64}),
      +[](Thread&, Value* s) { s[1] = Value::of_int(s[0].as<Cells>()->v[0].i / 1000000); }, false);
  p.method(
      tm, "Before", p.fn({tm}, {B}),
      +[](Thread&, Value* s) { s[2] = Value::of_bool(s[0].as<Cells>()->v[0].i < s[1].as<Cells>()->v[0].i); }, false);
  p.method(
      tm, "After", p.fn({tm}, {B}),
      +[](Thread&, Value* s) { s[2] = Value::of_bool(s[0].as<Cells>()->v[0].i > s[1].as<Cells>()->v[0].i); }, false);
  p.method(
      tm, "Equal", p.fn({tm}, {B}),
      +[](Thread&, Value* s) { s[2] = Value::of_bool(s[0].as<Cells>()->v[0].i == s[1].as<Cells>()->v[0].i); }, false);
  p.func(
      "Sleep", p.fn({dur}, {}), +[](Thread& th, Value* s) {
        if (s[0].i <= 0) return;
        sched().sleep(s[0].i, caller_site(th)->location());
      });
  p.func(
      "Now", p.fn({}, {tm}), +[](Thread&, Value* s) { s[0] = now_time(sched().now()); });
  p.func(
      "Since", p.fn({tm}, {dur}),
      +[](Thread&, Value* s) { s[1] = Value::of_int(kEpoch + sched().now() - s[0].as<Cells>()->v[0].i); });
  const Type* tchan = T.chan(tm, 2);
  p.c.out.lib.time_chan = tchan;
  // Timer and Ticker: struct{ C <-chan Time; r state }
  const Type* opaque = T.opaque("timer", kTimerState);
  Type* timer = T.named("time", "Timer");
  timer->under = T.structure({Field{"C", tchan, false}, Field{"r", opaque, false}});
  Type* ticker = T.named("time", "Ticker");
  ticker->under = T.structure({Field{"C", tchan, false}, Field{"r", opaque, false}});
  p.type("Timer", timer);
  p.type("Ticker", ticker);
  p.c.out.lib.timer_ptr = T.pointer(timer);
  p.c.out.lib.ticker_ptr = T.pointer(ticker);
  const Type* timer_ptr = p.c.out.lib.timer_ptr;
  const Type* ticker_ptr = p.c.out.lib.ticker_ptr;
  p.func(
      "NewTimer", p.fn({dur}, {timer_ptr}),
      +[](Thread& th, Value* s) { s[1] = new_timer(th, lib(th).timer_ptr, s[0].i, 0, Value()); });
  p.func(
      "After", p.fn({dur}, {tchan}), +[](Thread& th, Value* s) {
        s[1] = deref(new_timer(th, lib(th).timer_ptr, s[0].i, 0, Value())).as<Cells>()->v[0];
      });
  p.func(
      "AfterFunc", p.fn({dur, T.func({}, {}, false)}, {timer_ptr}),
      +[](Thread& th, Value* s) { s[2] = new_timer(th, lib(th).timer_ptr, s[0].i, 0, s[1]); });
  p.method(
      timer, "Stop", p.fn({}, {B}),
      +[](Thread& th, Value* s) {
        s[1] = Value::of_bool(disarm(timer_of(th, s[0], "Stop called on uninitialized Timer")));
      },
      true);
  p.method(
      timer, "Reset", p.fn({dur}, {B}),
      +[](Thread& th, Value* s) {
        TimerState* st = timer_of(th, s[0], "Reset called on uninitialized Timer");
        bool pending = disarm(st);
        arm(th, st, s[1].i);
        s[2] = Value::of_bool(pending);
      },
      true);
  p.func(
      "NewTicker", p.fn({dur}, {ticker_ptr}), +[](Thread& th, Value* s) {
        if (s[0].i <= 0) plain_panic(th, caller_line(th), "non-positive interval for NewTicker");
        s[1] = new_timer(th, lib(th).ticker_ptr, s[0].i, s[0].i, Value());
      });
  p.func(
      "Tick", p.fn({dur}, {tchan}), +[](Thread& th, Value* s) {
        s[1] =
            s[0].i <= 0 ? Value() : deref(new_timer(th, lib(th).ticker_ptr, s[0].i, s[0].i, Value())).as<Cells>()->v[0];
      });
  p.method(
      ticker, "Stop", p.fn({}, {}),
      +[](Thread&, Value* s) {
        auto* st = deref(s[0]).as<Cells>()->v[1].as<TimerState>();
        if (st->initialized) disarm(st);  // Go: a no-op on an uninitialized Ticker
      },
      true);
  p.method(
      ticker, "Reset", p.fn({dur}, {}),
      +[](Thread& th, Value* s) {
        if (s[1].i <= 0) plain_panic(th, caller_line(th), "non-positive interval for Ticker.Reset");
        TimerState* st = timer_of(th, s[0], "Reset called on uninitialized Ticker");
        disarm(st);
        st->every = s[1].i;
        arm(th, st, s[1].i);
      },
      true);
}

}  // namespace libdetail

}  // namespace interleave::lang
