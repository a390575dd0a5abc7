// lib_install.cpp — declares the universe and each importable package's names, types and natives.
#include <algorithm>
#include <cmath>

#include "lang/compiler.h"
#include "lang/lib/rand.h"
#include "lang/lib/strconv.h"
#include "lang/lib_fmt.h"
#include "lang/lib_objects.h"
#include "lang/lib_pkg.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"

namespace interleave::lang {

std::string duration_string(std::int64_t d);
std::string time_string(std::int64_t unix_nanos, std::int64_t mono);
Value make_error_value_typed(const Type* ptr_type, const std::string& text);
constexpr std::int64_t kEpoch = 1257894000000000000LL;

using namespace libdetail;

// --- fmt -------------------------------------------------------------------------------------------------

// fmt.Fprint*'s output: to os.Stdout/os.Stderr, into a bytes.Buffer, or through any io.Writer's Write.
void write_to(Thread& th, const Value& w, const std::string& text) {
  if (w.t == lib(th).file_ptr) {
    std::int64_t fd = deref(w).as<Cells>()->v[0].i;
    write_output(th, fd == 2, text, caller_line(th));
    return;
  }
  if (w.t == lib(th).buffer_ptr) {
    Value& sv = deref(w).as<Cells>()->v[0];
    sv = make_string(str_of(sv) + text);
    return;
  }
  // any other io.Writer: call its Write([]byte)
  IfaceCache cache;
  const FuncProto* p;
  Value r = iface_receiver(w, "Write", cache, &p);
  std::vector<Value> bytes;
  for (unsigned char ch : text) bytes.push_back(Value::of_int(ch));
  std::vector<Value> slots(static_cast<std::size_t>(p->nslots + 1));
  slots[0] = r;
  slots[1] = make_slice_of(std::move(bytes));
  invoke(th, p, nullptr, slots.data());
}

namespace {

void install_fmt(Pkg& p) {
  const Type* any = p.T().empty_interface();
  const Type* anys = p.T().slice(any);
  const Type* I = p.T().basic(Kind::Int);
  const Type* S = p.T().basic(Kind::String);
  const Type* E = p.T().error_type();
  const Type* writer = p.c.packages["io"].count("Writer") ? p.c.packages["io"]["Writer"]->type : nullptr;
  p.func(
      "Println", p.fn({anys}, {I, E}, true), +[](Thread& th, Value* s) {
        std::string t = fmt_sprint(th, s[0], FmtMode::Println);
        write_output(th, false, t, caller_line(th));
        s[1] = Value::of_int(static_cast<std::int64_t>(t.size()));
      });
  p.func(
      "Print", p.fn({anys}, {I, E}, true), +[](Thread& th, Value* s) {
        std::string t = fmt_sprint(th, s[0], FmtMode::Print);
        write_output(th, false, t, caller_line(th));
        s[1] = Value::of_int(static_cast<std::int64_t>(t.size()));
      });
  p.func(
      "Printf", p.fn({S, anys}, {I, E}, true), +[](Thread& th, Value* s) {
        std::string t = fmt_sprint(th, s[1], FmtMode::Printf, str_of(s[0]));
        write_output(th, false, t, caller_line(th));
        s[2] = Value::of_int(static_cast<std::int64_t>(t.size()));
      });
  p.func(
      "Sprintf", p.fn({S, anys}, {S}, true),
      +[](Thread& th, Value* s) { s[2] = make_string(fmt_sprint(th, s[1], FmtMode::Printf, str_of(s[0]))); });
  p.func(
      "Sprint", p.fn({anys}, {S}, true),
      +[](Thread& th, Value* s) { s[1] = make_string(fmt_sprint(th, s[0], FmtMode::Print)); });
  p.func(
      "Sprintln", p.fn({anys}, {S}, true),
      +[](Thread& th, Value* s) { s[1] = make_string(fmt_sprint(th, s[0], FmtMode::Println)); });
  // Errorf with %w of an error: a *fmt.wrapError whose Unwrap returns it (errors.Is and Unwrap follow it).
  Type* wrap = p.T().named("fmt", "wrapError");
  wrap->under = p.T().structure({Field{"msg", S, false}, Field{"err", E, false}});
  p.method(
      wrap, "Error", p.fn({}, {S}), +[](Thread&, Value* s) { s[1] = deref(s[0]).as<Cells>()->v[0]; }, true);
  p.method(
      wrap, "Unwrap", p.fn({}, {E}), +[](Thread&, Value* s) { s[1] = deref(s[0]).as<Cells>()->v[1]; }, true);
  p.c.out.lib.wrap_error_ptr = p.T().pointer(wrap);
  p.func(
      "Errorf", p.fn({S, anys}, {E}, true), +[](Thread& th, Value* s) {
        int wrapped = -1;
        std::string text = fmt_errorf(th, s[1], str_of(s[0]), &wrapped);
        if (wrapped < 0 || !s[1].as<SliceObj>()->at(wrapped).t) {
          s[2] = make_error_value(text);
          return;
        }
        auto* st = new Cells(2);
        st->v[0] = make_string(text);
        st->v[1] = s[1].as<SliceObj>()->at(wrapped);
        auto* box = new Cells(1);
        box->v[0] = Value(st);
        s[2] = make_pointer(box, 0);
        s[2].t = lib(th).wrap_error_ptr;
      });
  if (writer) {
    p.func(
        "Fprintln", p.fn({writer, anys}, {I, E}, true), +[](Thread& th, Value* s) {
          std::string t = fmt_sprint(th, s[1], FmtMode::Println);
          write_to(th, s[0], t);
          s[2] = Value::of_int(static_cast<std::int64_t>(t.size()));
        });
    p.func(
        "Fprint", p.fn({writer, anys}, {I, E}, true), +[](Thread& th, Value* s) {
          std::string t = fmt_sprint(th, s[1], FmtMode::Print);
          write_to(th, s[0], t);
          s[2] = Value::of_int(static_cast<std::int64_t>(t.size()));
        });
    p.func(
        "Fprintf", p.fn({writer, S, anys}, {I, E}, true), +[](Thread& th, Value* s) {
          std::string t = fmt_sprint(th, s[2], FmtMode::Printf, str_of(s[1]));
          write_to(th, s[0], t);
          s[3] = Value::of_int(static_cast<std::int64_t>(t.size()));
        });
  }
  Method str;
  str.name = "String";
  str.sig = p.fn({}, {S});
  p.iface("Stringer", {str});
}

// --- sync ------------------------------------------------------------------------------------------------

[[noreturn]] void sync_fatal(Thread& th, const std::string& msg) {
  GoFatal f;
  f.message = msg;
  f.trace = go_traceback(th);
  throw f;
}

void install_sync(Pkg& p) {
  TypeTable& T = p.T();
  const Type* I = T.basic(Kind::Int);
  const Type* B = T.basic(Kind::Bool);
  Type* wg = T.named("sync", "WaitGroup");
  wg->under = T.opaque("sync.WaitGroup", kWaitGroup);
  p.type("WaitGroup", wg);
  p.method(
      wg, "Add", p.fn({I}, {}),
      +[](Thread& th, Value* s) {
        auto* o = deref(s[0]).as<WaitGroupObj>();
        if (o->wg.counter() + s[1].i < 0) plain_panic(th, caller_line(th), "sync: negative WaitGroup counter");
        o->wg.add(s[1].i, caller_site(th)->location());
      },
      true);
  p.method(
      wg, "Done", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        auto* o = deref(s[0]).as<WaitGroupObj>();
        if (o->wg.counter() - 1 < 0) plain_panic(th, caller_line(th), "sync: negative WaitGroup counter");
        o->wg.done(caller_site(th)->location());
      },
      true);
  p.method(
      wg, "Wait", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        Value keep = deref(s[0]);
        keep.as<WaitGroupObj>()->wg.wait(caller_site(th)->location());
      },
      true);
  Type* mu = T.named("sync", "Mutex");
  mu->under = T.opaque("sync.Mutex", kMutex);
  p.c.out.lib.mutex_ptr = T.pointer(mu);
  p.type("Mutex", mu);
  p.method(
      mu, "Lock", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        Value keep = deref(s[0]);
        keep.as<MutexObj>()->m.lock(caller_site(th)->location());
      },
      true);
  p.method(
      mu, "Unlock", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        auto* o = deref(s[0]).as<MutexObj>();
        if (!o->m.locked()) sync_fatal(th, "sync: unlock of unlocked mutex");
        o->m.unlock(caller_site(th)->location());
      },
      true);
  p.method(
      mu, "TryLock", p.fn({}, {B}),
      +[](Thread& th, Value* s) {
        s[1] = Value::of_bool(deref(s[0]).as<MutexObj>()->m.try_lock(caller_site(th)->location()));
      },
      true);
  Type* rw = T.named("sync", "RWMutex");
  rw->under = T.opaque("sync.RWMutex", kRWMutex);
  p.type("RWMutex", rw);
  p.method(
      rw, "Lock", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        Value keep = deref(s[0]);
        keep.as<RWMutexObj>()->m.lock(caller_site(th)->location());
      },
      true);
  p.method(
      rw, "Unlock", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        auto* o = deref(s[0]).as<RWMutexObj>();
        if (!o->m.write_locked()) sync_fatal(th, "sync: Unlock of unlocked RWMutex");
        o->m.unlock(caller_site(th)->location());
      },
      true);
  p.method(
      rw, "RLock", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        Value keep = deref(s[0]);
        keep.as<RWMutexObj>()->m.rlock(caller_site(th)->location());
      },
      true);
  p.method(
      rw, "RUnlock", p.fn({}, {}),
      +[](Thread& th, Value* s) {
        auto* o = deref(s[0]).as<RWMutexObj>();
        if (o->m.readers() == 0) sync_fatal(th, "sync: RUnlock of unlocked RWMutex");
        o->m.runlock(caller_site(th)->location());
      },
      true);
  Type* once = T.named("sync", "Once");
  once->under = T.opaque("sync.Once", kOnce);
  p.type("Once", once);
  p.method(
      once, "Do", p.fn({p.fn({}, {})}, {}),
      +[](Thread& th, Value* s) {
        Value keep = deref(s[0]);
        auto* o = keep.as<OnceObj>();
        if (o->done) return;
        o->m.lock(caller_site(th)->location());
        if (!o->done) {
          struct Finish {
            OnceObj* o;
            Thread& th;
            ~Finish() {
              o->done = true;
              if (o->m.locked()) o->m.unlock(caller_site(th)->location());
            }
          } fin{o, th};
          if (s[1].r) call_value(th, s[1], {});
        } else {
          o->m.unlock(caller_site(th)->location());
        }
      },
      true);
  // sync.Cond: NewCond(l Locker) *Cond with L, Wait, Signal, Broadcast (L must be a *sync.Mutex)
  {
    Type* cond = T.named("sync", "Cond");
    const Type* locker_t = nullptr;  // filled below, once Locker exists
    (void)locker_t;
    cond->under = T.structure({Field{"L", T.empty_interface(), false}, Field{"c", T.opaque("sync.Cond", 0), false}});
    p.type("Cond", cond);
    const Type* cp = T.pointer(cond);
    p.method(
        cond, "Wait", p.fn({}, {}),
        +[](Thread& th, Value* s) {
          Value c = deref(s[0]).as<Cells>()->v[1];
          if (!c.r) plain_panic(th, caller_line(th), "sync.Cond is not made with sync.NewCond");
          c.as<CondObj>()->cv.wait(caller_site(th)->location());
        },
        true);
    p.method(
        cond, "Signal", p.fn({}, {}),
        +[](Thread& th, Value* s) {
          Value c = deref(s[0]).as<Cells>()->v[1];
          if (c.r) c.as<CondObj>()->cv.signal(caller_site(th)->location());
        },
        true);
    p.method(
        cond, "Broadcast", p.fn({}, {}),
        +[](Thread& th, Value* s) {
          Value c = deref(s[0]).as<Cells>()->v[1];
          if (c.r) c.as<CondObj>()->cv.broadcast(caller_site(th)->location());
        },
        true);
    p.c.out.lib.cond_ptr = cp;
  }
  Method lock, unlock;
  lock.name = "Lock";
  lock.sig = p.fn({}, {});
  unlock.name = "Unlock";
  unlock.sig = p.fn({}, {});
  p.iface("Locker", {lock, unlock});
  {
    const Type* locker = p.m["Locker"]->type;
    Type* cond = const_cast<Type*>(p.m["Cond"]->type);
    cond->under = T.structure({Field{"L", locker, false}, Field{"c", T.opaque("sync.Cond", 0), false}});
    p.func(
        "NewCond", p.fn({locker}, {p.c.out.lib.cond_ptr}), +[](Thread& th, Value* s) {
          Value l = s[0];
          if (l.t != th.run->program->compiled().lib.mutex_ptr)
            plain_panic(th, caller_line(th), "sync.NewCond: Interleave supports a *sync.Mutex as the Locker");
          Value mu = deref(l);
          auto* obj = new CondObj(mu, mu.as<MutexObj>()->m);
          Value c = zero_value(th.run->program->compiled().lib.cond_ptr->elem);
          c.as<Cells>()->v[0] = l;
          c.as<Cells>()->v[1] = Value(obj);
          auto* box = new Cells(1);
          box->v[0] = c;
          s[1] = make_pointer(box, 0);
        });
  }
  // sync.Pool{New: func() any {...}}: Get returns the value Put last (Go's per-P private slot first, so on
  // one processor last in, first out), or New's result, or nil.
  const Type* any = T.empty_interface();
  Type* pool = T.named("sync", "Pool");
  pool->under = T.structure({Field{"New", T.func({}, {any}, false), false}, Field{"items", T.slice(any), false}});
  p.type("Pool", pool);
  p.method(
      pool, "Put", p.fn({any}, {}),
      +[](Thread&, Value* s) {
        if (!s[1].t) return;  // Go drops a nil
        Value& items = deref(s[0]).as<Cells>()->v[1];
        items = slice_append(items, &s[1], 1);
      },
      true);
  p.method(
      pool, "Get", p.fn({}, {any}),
      +[](Thread& th, Value* s) {
        auto& f = deref(s[0]).as<Cells>()->v;
        if (slice_len(f[1]) > 0) {
          auto* so = f[1].as<SliceObj>();
          s[1] = so->at(so->len - 1);
          so->at(so->len - 1) = Value();
          --so->len;
          return;
        }
        s[1] = f[0].r ? call_value(th, f[0], {})[0] : Value();
      },
      true);
}

void install_runtime(Pkg& p) {
  const Type* I = p.T().basic(Kind::Int);
  p.func(
      "Gosched", p.fn({}, {}), +[](Thread& th, Value*) {
        Scheduler& s = sched();
        if (auto* gp = dynamic_cast<GoPolicy*>(&s.policy())) gp->note_yield(s.self());
        s.yield(caller_site(th)->location());
      });
  p.func(
      "NumGoroutine", p.fn({}, {I}), +[](Thread&, Value* s) {
        Scheduler& sc = sched();
        std::int64_t n = 0;
        for (std::size_t id = 1; id <= sc.goroutine_count(); ++id) {
          const Goroutine* g = sc.goroutine(static_cast<GoroutineId>(id));
          if (!g || g->state == GState::Done) continue;
          ++n;
        }
        s[0] = Value::of_int(n);
      });
  p.func(
      "GOMAXPROCS", p.fn({I}, {I}), +[](Thread&, Value* s) { s[1] = Value::of_int(sched().config().processors); });
  p.func(
      "NumCPU", p.fn({}, {I}), +[](Thread&, Value* s) { s[0] = Value::of_int(sched().config().processors); });
}

void install_os(Pkg& p) {
  TypeTable& T = p.T();
  Type* file = T.named("os", "File");
  file->under = T.structure({Field{"fd", T.basic(Kind::Int), false}});
  const Type* fp = T.pointer(file);
  p.c.out.lib.file_ptr = fp;
  p.type("File", file);
  const Type* I = T.basic(Kind::Int);
  const Type* E = T.error_type();
  p.method(
      file, "Write", p.fn({T.slice(T.byte_type())}, {I, E}),
      +[](Thread& th, Value* s) {
        std::string text;
        if (s[1].r) {
          auto* so = s[1].as<SliceObj>();
          for (std::int64_t i = 0; i < so->len; ++i) text += static_cast<char>(so->at(i).i);
        }
        write_output(th, deref(s[0]).as<Cells>()->v[0].i == 2, text, caller_line(th));
        s[2] = Value::of_int(static_cast<std::int64_t>(text.size()));
      },
      true);
  auto mk = [fp](std::int64_t fd) -> Eval {
    return [fd, fp](Frame&) {
      auto* st = new Cells(1);
      st->v[0] = Value::of_int(fd);
      auto* box = new Cells(1);
      box->v[0] = Value(st);
      Value v = make_pointer(box, 0);
      (void)fp;
      return v;
    };
  };
  p.var("Stdout", fp, mk(1));
  p.var("Stderr", fp, mk(2));
  p.func(
      "Exit", p.fn({I}, {}), +[](Thread& th, Value* s) {
        th.run->exit_status = static_cast<int>(s[0].i);
        th.run->exited = true;
        sched().raise(Outcome::Completed, "os.Exit", caller_site(th)->location());
      });
}

}  // namespace

void Compiler::install_universe() {
  open_scope();
  universe = scope;
  TypeTable& T = types();
  auto type = [&](const char* n, const Type* t) {
    Entity* e = new_entity(Entity::TypeName, n);
    e->type = t;
    e->state = 2;
    universe->names[n] = e;
  };
  const std::pair<const char*, Kind> basics[] = {
      {"bool", Kind::Bool},       {"int", Kind::Int},         {"int8", Kind::Int8},     {"int16", Kind::Int16},
      {"int32", Kind::Int32},     {"int64", Kind::Int64},     {"uint", Kind::Uint},     {"uint8", Kind::Uint8},
      {"uint16", Kind::Uint16},   {"uint32", Kind::Uint32},   {"uint64", Kind::Uint64}, {"uintptr", Kind::Uintptr},
      {"float32", Kind::Float32}, {"float64", Kind::Float64}, {"string", Kind::String}};
  for (auto& [n, k] : basics) type(n, T.basic(k));
  type("byte", T.basic(Kind::Uint8));
  type("rune", T.basic(Kind::Int32));
  type("error", T.error_type());
  type("any", T.empty_interface());
  auto cbool = [&](const char* n, bool b) {
    Entity* e = new_entity(Entity::Const, n);
    e->cval.k = ConstVal::Bool;
    e->cval.b = b;
    e->type = T.basic(Kind::UntypedBool);
    e->state = 2;
    universe->names[n] = e;
  };
  cbool("true", true);
  cbool("false", false);
  Entity* iota = new_entity(Entity::Const, "iota");
  iota->state = 2;
  iota->type = T.basic(Kind::UntypedInt);
  universe->names["iota"] = iota;
  universe->names["nil"] = new_entity(Entity::Nil, "nil");
  for (const char* b : {"append", "cap", "close", "copy", "delete", "len", "make", "new", "panic", "print", "println",
                        "recover", "complex", "real", "imag", "min", "max", "clear"})
    universe->names[b] = new_entity(Entity::Builtin, b);
  // library types every program needs (errors made by the runtime)
  Type* es = T.named("errors", "errorString");
  es->under = T.structure({Field{"s", T.basic(Kind::String), false}});
  Pkg p{*this, packages["errors"], "errors"};
  p.method(
      es, "Error", p.fn({}, {T.basic(Kind::String)}), +[](Thread&, Value* s) { s[1] = deref(s[0]).as<Cells>()->v[0]; },
      true);
  out.lib.error_string = T.pointer(es);
  Type* re = T.named("runtime", "Error");
  re->under = T.structure({Field{"s", T.basic(Kind::String), false}});
  Pkg rp{*this, packages["runtime"], "runtime"};
  rp.method(
      re, "Error", rp.fn({}, {T.basic(Kind::String)}), +[](Thread&, Value* s) { s[1] = deref(s[0]).as<Cells>()->v[0]; },
      true);
  out.lib.runtime_error = T.pointer(re);
  packages["errors"].clear();
  packages["runtime"].clear();
}

bool Compiler::install_package(const std::string& path, const std::string& name, Pos pos) {
  (void)name;
  if (packages.count(path) && !packages[path].empty()) return true;
  auto& m = packages[path];
  Pkg p{*this, m, path.substr(path.rfind('/') + 1)};
  TypeTable& T = types();
  if (path == "fmt") {
    install_package("io", "io", pos);
    install_fmt(p);
  } else if (path == "io") {
    Method w;
    w.name = "Write";
    w.sig = T.func({T.slice(T.byte_type())}, {T.basic(Kind::Int), T.error_type()}, false);
    p.iface("Writer", {w});
  } else if (path == "time") {
    install_time(p);
  } else if (path == "sync") {
    install_sync(p);
  } else if (path == "errors") {
    p.func(
        "New", p.fn({T.basic(Kind::String)}, {T.error_type()}),
        +[](Thread&, Value* s) { s[1] = make_error_value(str_of(s[0])); });
    // Unwrap and Is follow a chain of Unwrap() error methods (Go 1.19: no multi-error Unwrap []error).
    p.func(
        "Unwrap", p.fn({T.error_type()}, {T.error_type()}), +[](Thread& th, Value* s) {
          Value next;
          s[1] = s[0].t && call_method(th, s[0], "Unwrap", &next) ? next : Value();
        });
    p.func(
        "Is", p.fn({T.error_type(), T.error_type()}, {T.basic(Kind::Bool)}), +[](Thread& th, Value* s) {
          Value err = s[0];
          const Value& target = s[1];
          if (!err.t || !target.t) {
            s[2] = Value::of_bool(!err.t && !target.t);
            return;
          }
          bool comparable_target = comparable(target.t);
          for (int depth = 0; err.t && depth < 1000; ++depth) {
            if (comparable_target && err.t == target.t && values_equal(err.t, err, target)) {
              s[2] = Value::of_bool(true);
              return;
            }
            MethodLookup is = find_method(err.t, "Is");
            if (is.method && is.method->sig->params.size() == 1) {
              IfaceCache cache;
              const FuncProto* proto;
              Value r = iface_receiver(err, "Is", cache, &proto);
              std::vector<Value> slots(static_cast<std::size_t>(proto->nslots + 1));
              slots[0] = r;
              slots[1] = target;
              invoke(th, proto, nullptr, slots.data());
              if (slots[static_cast<std::size_t>(proto->result_slots[0])].i) {
                s[2] = Value::of_bool(true);
                return;
              }
            }
            Value next;
            if (!call_method(th, err, "Unwrap", &next)) break;
            err = next;
          }
          s[2] = Value::of_bool(false);
        });
  } else if (path == "strings") {
    install_strings(p);
  } else if (path == "strconv") {
    install_strconv(p);
  } else if (path == "math") {
    install_math(p);
  } else if (path == "math/rand") {
    install_rand(p);
  } else if (path == "sync/atomic") {
    install_atomic(p);
  } else if (path == "sort") {
    install_sort(p);
  } else if (path == "runtime") {
    install_runtime(p);
  } else if (path == "os") {
    install_os(p);
  } else if (path == "context") {
    install_context(p);
  } else if (path == "bytes") {
    install_bytes(p);
  } else if (path == "runtime/trace") {
    install_trace(p);
  } else if (path == "interleave") {
    install_interleave(p);
  } else {
    packages.erase(path);
    if (path == "unsafe" || path == "reflect" || path == "C")
      error(pos, "package " + path + " is not in Interleave's Go subset");
    else
      error(pos, "package " + path +
                     " is not in std (Interleave provides fmt, time, sync, errors, strings, strconv, "
                     "math, math/rand, sort, sync/atomic, runtime, runtime/trace, os, context, bytes, "
                     "interleave)");
    return false;
  }
  return true;
}

}  // namespace interleave::lang
