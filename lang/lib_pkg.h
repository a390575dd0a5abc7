// lib_pkg.h — how lib_*.cpp declare a package: Pkg adds natives, methods, types, constants and
// variables to a package's member table. Internal to lang/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/scheduler.h"

namespace interleave::lang::libdetail {

inline int caller_line(Thread& th) { return th.stack.empty() ? 0 : th.stack.back().line; }
// The call site of a library call that may block (a scheduling point: watched variables are sampled here).
inline const SourceSite* caller_site(Thread& th) {
  watch_point(th);
  return th.run->program->compiled().site(caller_line(th), th.stack.empty() ? nullptr : th.stack.back().proto);
}
inline const CompiledProgram::Lib& lib(Thread& th) { return th.run->program->compiled().lib; }
inline Scheduler& sched() { return *Scheduler::current(); }

struct Pkg {
  Compiler& c;
  std::map<std::string, Entity*>& m;
  std::string name;
  TypeTable& T() { return c.types(); }
  FuncProto* native(const std::string& fname, const Type* sig, NativeFn fn, bool method) {
    FuncProto* p = c.new_proto(fname);
    p->native = fn;
    p->type = sig;
    p->nparams = static_cast<int>(sig->params.size()) + (method ? 1 : 0);
    for (std::size_t k = 0; k < sig->results.size(); ++k) {
      p->result_slots.push_back(p->nparams + static_cast<int>(k));
      p->result_boxed.push_back(0);
      p->result_types.push_back(sig->results[k]);
    }
    p->nslots = p->nparams + static_cast<int>(sig->results.size()) + 1;
    return p;
  }
  void func(const std::string& n, const Type* sig, NativeFn fn) {
    Entity* e = c.new_entity(Entity::Func, n);
    e->type = sig;
    e->func = native(name + "." + n, sig, fn, false);
    e->state = 2;
    m[n] = e;
  }
  void method(Type* t, const std::string& n, const Type* sig, NativeFn fn, bool ptr) {
    Method md;
    md.name = n;
    md.sig = sig;
    md.ptr_recv = ptr;
    std::string tn = t->name;
    md.impl = native(ptr ? name + ".(*" + tn + ")." + n : name + "." + tn + "." + n, sig, fn, true);
    t->methods.push_back(md);
  }
  // A named interface of the package (fmt.Stringer, io.Writer, sync.Locker).
  void iface(const std::string& n, std::vector<Method> ms) {
    Type* t = T().named(name, n);
    t->under = T().interface(std::move(ms));
    type(n, t);
  }
  void type(const std::string& n, const Type* t) {
    Entity* e = c.new_entity(Entity::TypeName, n);
    e->type = t;
    e->state = 2;
    m[n] = e;
  }
  void cnst(const std::string& n, const Type* t, ConstVal v) {
    Entity* e = c.new_entity(Entity::Const, n);
    e->type = t;
    e->cval = v;
    e->state = 2;
    m[n] = e;
  }
  void int_const(const std::string& n, const Type* t, __int128 v) {
    ConstVal cv;
    cv.k = ConstVal::Int;
    cv.i = v;
    cnst(n, t, cv);
  }
  void float_const(const std::string& n, double v) {
    ConstVal cv;
    cv.k = ConstVal::Float;
    cv.f = v;
    cnst(n, T().basic(Kind::UntypedFloat), cv);
  }
  void var(const std::string& n, const Type* t, Eval init) {
    Entity* e = c.new_entity(Entity::Var, n);
    e->var = c.new_var(n, t, Pos{});
    e->var->global = true;
    e->var->used = true;
    e->var->slot = c.out.nglobals++;
    e->state = 2;
    int k = e->var->slot;
    c.out.lib_inits.push_back([k, init](Frame& f) {
      f.th->globals->v[static_cast<std::size_t>(k)] = init(f);
      return Ctl::Next;
    });
    m[n] = e;
  }
  const Type* fn(std::vector<const Type*> p, std::vector<const Type*> r, bool variadic = false) {
    return T().func(std::move(p), std::move(r), variadic);
  }
};

inline Value slice_of_strings(const std::vector<std::string>& v) {
  std::vector<Value> vs;
  for (auto& s : v) vs.push_back(make_string(s));
  return make_slice_of(std::move(vs));
}
inline std::vector<std::string> strings_of(const Value& s) {
  std::vector<std::string> out;
  if (!s.r) return out;
  auto* so = s.as<SliceObj>();
  for (std::int64_t i = 0; i < so->len; ++i) out.push_back(str_of(so->at(i)));
  return out;
}

void install_strings(Pkg& p);
void install_strconv(Pkg& p);
void install_math(Pkg& p);
void install_sort(Pkg& p);
void install_atomic(Pkg& p);
void install_rand(Pkg& p);
void install_time(Pkg& p);
void install_context(Pkg& p);
void install_bytes(Pkg& p);
void install_trace(Pkg& p);
void install_interleave(Pkg& p);

}  // namespace interleave::lang::libdetail
