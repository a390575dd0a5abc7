// inspect.cpp — what a Go run's variables hold between steps, for the GUI's variables pane.
//
// Package-level variables live in the run's globals; a goroutine's locals in the slots of its frames
// (FrameRec::slots, boxed when a closure captured them) and a closure's captured variables in its boxes.
// A local is shown in a frame from its declaration's line to the end of its scope, excluding the line the
// frame is at when it is declared there (its value is not assigned yet). Sync values (Mutex, WaitGroup...)
// are described by their state rather than by %v's dump of their internals.
#include <algorithm>

#include "lang/compiler.h"
#include "lang/lib_fmt.h"
#include "lang/lib_objects.h"
#include "lang/run_state.h"

namespace interleave::lang {

namespace {

// A sync value by its state ("{locked, 1 waiting}", "{counter 2}"): Go's %v would print the runtime's
// internal fields, which say nothing to a student.
std::string sync_state(const Type* t, const Value& v) {
  if (ukind(t) != Kind::Opaque || !v.r) return {};
  switch (under(t)->opaque_tag) {
    case kMutex: {
      const Mutex& m = v.as<MutexObj>()->m;
      return std::string(m.locked() ? "{locked" : "{unlocked") +
             (m.waiters() ? ", " + std::to_string(m.waiters()) + " waiting}" : "}");
    }
    case kRWMutex: {
      const RWMutex& m = v.as<RWMutexObj>()->m;
      if (m.write_locked()) return "{write-locked}";
      return m.readers() ? "{" + std::to_string(m.readers()) + " readers}" : "{unlocked}";
    }
    case kWaitGroup: return "{counter " + std::to_string(v.as<WaitGroupObj>()->wg.counter()) + "}";
    case kOnce: return v.as<OnceObj>()->done ? "{done}" : "{not done}";
    default: return {};
  }
}

// fmt's %v of a value, without running the program's methods and without handing out new fake addresses.
std::string show(RunState& st, const Type* t, const Value& v) {
  if (std::string s = sync_state(t, v); !s.empty()) return s;
  Thread th;
  th.run = &st;
  th.globals = st.globals.r ? st.globals.as<Cells>() : nullptr;
  struct Flag {
    RunState& st;
    bool was;
    ~Flag() { st.inspecting = was; }
  } flag{st, st.inspecting};
  st.inspecting = true;
  try {
    std::string s = fmt_value(th, t, v);
    if (s.size() > 200) s = s.substr(0, 197) + "...";
    return s;
  } catch (...) {
    return "?";
  }
}

bool is_cells_kind(const Type* t) {
  Kind k = ukind(t);
  return k == Kind::Struct || k == Kind::Array;
}

}  // namespace

std::vector<VarValue> GoRun::package_vars() const {
  std::vector<VarValue> out;
  RunState& st = *state_;
  if (!st.program || !st.globals.r) return out;
  const CompiledProgram& cp = st.program->compiled();
  auto* g = st.globals.as<Cells>();
  std::vector<const Entity*> vars;
  for (const auto& [name, e] : cp.package_names)
    if (e && e->k == Entity::Var && e->var && e->var->global && name != "_") vars.push_back(e);
  std::ranges::sort(vars, [](const Entity* a, const Entity* b) {
    return a->pos.line != b->pos.line ? a->pos.line < b->pos.line : a->pos.col < b->pos.col;
  });
  for (const Entity* e : vars) {
    auto k = static_cast<std::size_t>(e->var->slot);
    if (k >= g->v.size()) continue;
    const Value& v = g->v[k];
    if (is_cells_kind(e->var->type) && !v.r) continue;  // not initialised yet
    out.push_back(VarValue{e->name, type_string(e->var->type), show(st, e->var->type, v), e->pos.line});
  }
  return out;
}

std::vector<FrameVars> GoRun::frames(GoroutineId g, int line) const {
  std::vector<FrameVars> out;
  RunState& st = *state_;
  auto it = st.threads.find(g);
  if (it == st.threads.end() || !it->second) return out;
  const Thread& th = *it->second;
  for (auto f = th.stack.rbegin(); f != th.stack.rend(); ++f) {
    if (!f->proto) continue;
    FrameVars fv;
    fv.function = f->proto->name;
    fv.line = f == th.stack.rbegin() && line > 0 ? line : f->line;
    auto add = [&](const VarInfo* v, const Value& val) {
      if (is_cells_kind(v->type) && !val.r) return;
      fv.vars.push_back(VarValue{v->name, type_string(v->type), show(st, v->type, val), v->pos.line});
    };
    if (f->slots) {
      for (const VarInfo* v : f->proto->locals) {
        if (v->slot < 0 || v->slot >= f->proto->nslots) continue;
        if (v->pos.line > fv.line || v->scope_end < fv.line) continue;
        if (v->pos.line == fv.line && v->slot >= f->proto->nparams) continue;  // being declared right here
        const Value& s = f->slots[v->slot];
        if (v->boxed) {
          if (!s.r) continue;
          add(v, s.as<Cells>()->v[0]);
        } else {
          add(v, s);
        }
      }
    }
    if (f->fo) {
      for (std::size_t i = 0; i < f->proto->captured.size() && i < f->fo->caps.size(); ++i) {
        const Value& box = f->fo->caps[i];
        if (box.r) add(f->proto->captured[i], box.as<Cells>()->v[0]);
      }
    }
    std::ranges::sort(fv.vars, [](const VarValue& a, const VarValue& b) { return a.line < b.line; });
    out.push_back(std::move(fv));
  }
  return out;
}

}  // namespace interleave::lang
