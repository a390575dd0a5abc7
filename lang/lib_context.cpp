// lib_context.cpp — package context: Background, TODO, WithCancel, WithTimeout, WithDeadline, WithValue, as
// a tree of contexts whose Done channels are the runtime's channels and whose deadlines are runtime timers.
// As in Go 1.19, a deadline cancels its context from a new goroutine (Go's timer runs time.AfterFunc), and a
// context prints as Go's does (context.Background.WithCancel, ...WithDeadline(<time> [<left>])).
// A parent that is a program's own Context implementation (not one of these) is not watched.
#include "lang/compiler.h"
#include "lang/lib_pkg.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/scheduler.h"
#include "runtime/timer_heap.h"

namespace interleave::lang {

std::string duration_string(std::int64_t d);
std::string time_string(std::int64_t unix_nanos, std::int64_t mono);
Value make_time(std::int64_t wall, std::int64_t mono);

namespace {

using namespace libdetail;
constexpr std::int64_t kEpoch = 1257894000000000000LL;
constexpr std::int64_t kZeroTime = INT64_MIN;  // time.Time{} (prints as 0001-01-01 00:00:00 +0000 UTC)

struct CtxObj final : Obj, TimerTarget {
  enum Kind { Background, Todo, Cancel, Deadline, WithValue } kind = Background;
  RunState* run = nullptr;
  Value parent;                    // the parent Context (an interface value); null for the roots
  CtxObj* up = nullptr;            // the parent, when it is one of these (kept alive by `parent`)
  CtxObj* joined = nullptr;        // the cancelable ancestor this one is registered with
  std::vector<CtxObj*> children;   // cancelable descendants to cancel with this one (each keeps us alive)
  Value done;                      // chan struct{}, made by the first Done()
  Value err;                       // once canceled
  Value key, val;                  // WithValue
  std::int64_t deadline = 0;       // Deadline: wall clock (Unix ns)
  std::int64_t deadline_mono = 0;  // and the monotonic reading
  Value self;                      // while the deadline timer is set

  ~CtxObj() override {
    if (joined) detach();
  }
  void detach() {
    auto& ch = joined->children;
    ch.erase(std::remove(ch.begin(), ch.end(), this), ch.end());
    joined = nullptr;
  }
  bool canceled() const { return err.r || err.t; }
  const CompiledProgram::Lib& lib() const { return run->program->compiled().lib; }
  bool cancelable() const { return kind == Cancel || kind == Deadline; }
  void fire(VirtualTime) override;
  // The last reference may be `self`: move it out first, so this object is freed only after its last write.
  void dropped() override { Value last = std::move(self); }
};

// The nearest cancelable context at or above c (null: never canceled).
CtxObj* cancel_ctx(CtxObj* c) {
  while (c && !c->cancelable()) c = c->up;
  return c;
}

Value global(RunState* run, int slot) { return run->globals.as<Cells>()->v[static_cast<std::size_t>(slot)]; }

// Go's cancelCtx.cancel: records err, closes Done, cancels the children, leaves the parent.
void cancel(CtxObj* c, Value err, bool remove_from_parent) {
  if (c->canceled()) return;
  Value keep(static_cast<Obj*>(c));
  c->err = std::move(err);
  if (c->done.r) c->done.as<ChanObj>()->ch.close(std::source_location::current());
  std::vector<Value> kids;
  for (CtxObj* k : c->children) kids.emplace_back(static_cast<Obj*>(k));
  for (auto& k : kids) cancel(k.as<CtxObj>(), c->err, false);
  for (auto& k : kids) k.as<CtxObj>()->detach();
  if (remove_from_parent && c->joined) c->detach();
  if (c->kind == CtxObj::Deadline && c->self.r) {
    sched().stop_timer(c);
    c->self = Value();
  }
}

// The deadline passed: as Go's time.AfterFunc, a new goroutine cancels the context.
void CtxObj::fire(VirtualTime) {
  Value keep = std::move(self);
  Value exceeded = global(run, lib().context_deadline_slot);
  Scheduler::current()->go(
      "context.(*timerCtx).cancel", [keep, exceeded] { cancel(keep.as<CtxObj>(), exceeded, true); },
      std::source_location::current());
}

CtxObj* obj_of(const Value& ctx) {
  if (!ctx.t || ctx.t->kind != Kind::Pointer || !ctx.r) return nullptr;
  const Type* e = under(ctx.t)->elem;
  if (!e || e->kind != Kind::Named || e->pkg != "context") return nullptr;
  return deref(ctx).as<Cells>()->v[0].as<CtxObj>();
}
CtxObj* recv_of(const Value& p) { return deref(p).as<Cells>()->v[0].as<CtxObj>(); }

Value ctx_value(CtxObj* c) {
  auto* st = new Cells(1);
  st->v[0] = Value(static_cast<Obj*>(c));
  auto* box = new Cells(1);
  box->v[0] = Value(st);
  Value p = make_pointer(box, 0);
  p.t = c->lib().context_types[c->kind];
  return p;
}

// A new context below `parent` (Go's "cannot create context from nil parent" if there is none).
CtxObj* child_of(Thread& th, const Value& parent, CtxObj::Kind kind) {
  if (!parent.t) plain_panic(th, caller_line(th), "cannot create context from nil parent");
  auto* c = new CtxObj;
  c->kind = kind;
  c->run = th.run;
  c->parent = parent;
  c->up = obj_of(parent);
  return c;
}

// Go's propagateCancel: a cancelable child joins its nearest cancelable ancestor, or is canceled at once.
void propagate(CtxObj* c) {
  CtxObj* p = cancel_ctx(c->up);
  if (!p) return;
  if (p->canceled()) {
    cancel(c, p->err, false);
    return;
  }
  c->joined = p;
  p->children.push_back(c);
}

// The CancelFunc of a cancelable context.
Value cancel_func(const Value& ctx) {
  auto* fo = new FuncObj;
  Value keep = ctx;
  fo->native_closure = [keep](Thread& th, Value*) {
    cancel(recv_of(keep), global(th.run, lib(th).context_canceled_slot), true);
  };
  return Value(fo);
}

bool deadline_of(CtxObj* c, std::int64_t* wall, std::int64_t* mono) {
  for (; c; c = c->up)
    if (c->kind == CtxObj::Deadline) {
      *wall = c->deadline;
      *mono = c->deadline_mono;
      return true;
    }
  return false;
}

// Go's stringify for a WithValue's value.
std::string stringify(Thread& th, const Value& v) {
  if (!v.t) return "<not Stringer>";
  Value s;
  if (call_method(th, v, "String", &s)) return str_of(s);
  if (v.t->kind == Kind::String) return str_of(v);
  return "<not Stringer>";
}

std::string name_of(Thread& th, const Value& ctx);
std::string name_of(Thread& th, CtxObj* c) {
  switch (c->kind) {
    case CtxObj::Background: return "context.Background";
    case CtxObj::Todo: return "context.TODO";
    case CtxObj::Cancel: return name_of(th, c->parent) + ".WithCancel";
    case CtxObj::Deadline: {
      std::int64_t left = c->deadline - (kEpoch + sched().now());
      return name_of(th, c->parent) + ".WithDeadline(" + time_string(c->deadline, c->deadline_mono) + " [" +
             duration_string(left) + "])";
    }
    case CtxObj::WithValue:
      return name_of(th, c->parent) + ".WithValue(type " + type_string(c->key.t, true) + ", val " +
             stringify(th, c->val) + ")";
  }
  return "";
}
std::string name_of(Thread& th, const Value& ctx) {
  if (CtxObj* c = obj_of(ctx)) return name_of(th, c);
  Value s;
  if (call_method(th, ctx, "String", &s)) return str_of(s);
  return type_string(ctx.t, true);
}

Value new_root(Thread& th, CtxObj::Kind kind) {
  auto* c = new CtxObj;
  c->kind = kind;
  c->run = th.run;
  return ctx_value(c);
}

// WithDeadline (and WithTimeout): the context and its CancelFunc into out[0], out[1].
void with_deadline(Thread& th, const Value& parent, std::int64_t wall, std::int64_t mono, Value* out) {
  std::int64_t cur = 0, cur_mono = 0;
  bool sooner = deadline_of(obj_of(parent), &cur, &cur_mono) && cur < wall;
  CtxObj* c = child_of(th, parent, sooner ? CtxObj::Cancel : CtxObj::Deadline);  // sooner: just WithCancel
  c->deadline = wall;
  c->deadline_mono = mono;
  out[0] = ctx_value(c);
  propagate(c);
  out[1] = cancel_func(out[0]);
  if (sooner) return;
  std::int64_t left = wall - (kEpoch + sched().now());
  if (left <= 0) {
    cancel(c, global(th.run, lib(th).context_deadline_slot), true);
  } else if (!c->canceled()) {
    c->self = Value(static_cast<Obj*>(c));
    sched().set_timer(c, sched().now() + left);
  }
}

}  // namespace

namespace libdetail {

void install_context(Pkg& p) {
  p.c.install_package("time", "time", Pos{});
  TypeTable& T = p.T();
  const Type* any = T.empty_interface();
  const Type* E = T.error_type();
  const Type* S = T.basic(Kind::String);
  const Type* B = T.basic(Kind::Bool);
  const Type* tm = p.c.out.lib.time;
  const Type* dur = p.c.out.lib.duration;
  p.c.out.lib.empty_struct = T.structure({});
  const Type* done_chan = T.chan(p.c.out.lib.empty_struct, 2);
  Method m_deadline{"Deadline", p.fn({}, {tm, B}), nullptr};
  Method m_done{"Done", p.fn({}, {done_chan}), nullptr};
  Method m_err{"Err", p.fn({}, {E}), nullptr};
  Method m_value{"Value", p.fn({any}, {any}), nullptr};
  p.iface("Context", {m_deadline, m_done, m_err, m_value});
  const Type* ctx = p.m["Context"]->type;
  Type* cf = T.named("context", "CancelFunc");
  cf->under = T.func({}, {}, false);
  p.type("CancelFunc", cf);

  // The errors: Canceled is an *errors.errorString; DeadlineExceeded a deadlineExceededError{}.
  p.var("Canceled", E, [](Frame&) { return make_error_value("context canceled"); });
  p.c.out.lib.context_canceled_slot = p.m["Canceled"]->var->slot;
  Type* dee = T.named("context", "deadlineExceededError");
  dee->under = T.structure({});
  p.method(
      dee, "Error", p.fn({}, {S}), +[](Thread&, Value* s) { s[1] = make_string("context deadline exceeded"); }, false);
  p.method(
      dee, "Timeout", p.fn({}, {B}), +[](Thread&, Value* s) { s[1] = Value::of_bool(true); }, false);
  p.method(
      dee, "Temporary", p.fn({}, {B}), +[](Thread&, Value* s) { s[1] = Value::of_bool(true); }, false);
  p.var("DeadlineExceeded", E, [dee](Frame&) {
    Value v = zero_value(dee);
    v.t = dee;
    return v;
  });
  p.c.out.lib.context_deadline_slot = p.m["DeadlineExceeded"]->var->slot;

  // The context types, each a pointer to a struct holding the state; all have the same methods.
  const char* names[] = {"emptyCtx", "", "cancelCtx", "timerCtx", "valueCtx"};
  for (int k = 0; k < 5; ++k) {
    if (k == 1) {  // TODO is an emptyCtx too
      p.c.out.lib.context_types[1] = p.c.out.lib.context_types[0];
      continue;
    }
    Type* t = T.named("context", names[k]);
    t->under = T.structure({Field{"s", T.opaque("context", 0), false}});
    p.c.out.lib.context_types[k] = T.pointer(t);
    p.method(
        t, "Deadline", m_deadline.sig,
        +[](Thread&, Value* s) {
          std::int64_t wall = 0, mono = 0;
          bool ok = deadline_of(recv_of(s[0]), &wall, &mono);
          s[1] = ok ? make_time(wall, mono) : make_time(kZeroTime, -1);
          s[2] = Value::of_bool(ok);
        },
        true);
    p.method(
        t, "Done", m_done.sig,
        +[](Thread& th, Value* s) {
          CtxObj* c = cancel_ctx(recv_of(s[0]));
          if (!c) {
            s[1] = Value();
            return;
          }
          if (!c->done.r) {
            auto* ch = new ChanObj(0, lib(th).empty_struct, "context.Done");
            c->done = Value(ch);
            if (c->canceled()) ch->ch.close(std::source_location::current());
          }
          s[1] = c->done;
        },
        true);
    p.method(
        t, "Err", m_err.sig,
        +[](Thread&, Value* s) {
          CtxObj* c = cancel_ctx(recv_of(s[0]));
          s[1] = c ? c->err : Value();
        },
        true);
    p.method(
        t, "Value", m_value.sig,
        +[](Thread&, Value* s) {
          for (CtxObj* c = recv_of(s[0]); c; c = c->up) {
            if (c->kind == CtxObj::WithValue && c->key.t == s[1].t && values_equal(c->key.t, c->key, s[1])) {
              s[2] = c->val;
              return;
            }
          }
          s[2] = Value();
        },
        true);
    p.method(
        t, "String", p.fn({}, {S}), +[](Thread& th, Value* s) { s[1] = make_string(name_of(th, recv_of(s[0]))); },
        true);
  }
  p.func(
      "Background", p.fn({}, {ctx}), +[](Thread& th, Value* s) { s[0] = new_root(th, CtxObj::Background); });
  p.func(
      "TODO", p.fn({}, {ctx}), +[](Thread& th, Value* s) { s[0] = new_root(th, CtxObj::Todo); });
  p.func(
      "WithCancel", p.fn({ctx}, {ctx, cf}), +[](Thread& th, Value* s) {
        CtxObj* c = child_of(th, s[0], CtxObj::Cancel);
        s[1] = ctx_value(c);
        propagate(c);
        s[2] = cancel_func(s[1]);
      });
  p.func(
      "WithDeadline", p.fn({ctx, tm}, {ctx, cf}), +[](Thread& th, Value* s) {
        auto& t = s[1].as<Cells>()->v;
        with_deadline(th, s[0], t[0].i, t[1].i, s + 2);
      });
  p.func(
      "WithTimeout", p.fn({ctx, dur}, {ctx, cf}), +[](Thread& th, Value* s) {
        VirtualTime now = sched().now();
        with_deadline(th, s[0], kEpoch + now + s[1].i, now + 1 + s[1].i, s + 2);
      });
  p.func(
      "WithValue", p.fn({ctx, any, any}, {ctx}), +[](Thread& th, Value* s) {
        if (!s[1].t) plain_panic(th, caller_line(th), "nil key");
        if (!comparable(s[1].t)) plain_panic(th, caller_line(th), "key is not comparable");
        CtxObj* c = child_of(th, s[0], CtxObj::WithValue);
        c->key = s[1];
        c->val = s[2];
        s[3] = ctx_value(c);
      });
}

}  // namespace libdetail

}  // namespace interleave::lang
