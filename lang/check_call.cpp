// check_call.cpp — calls: functions, methods (static and through interfaces), closures, arguments.
#include <alloca.h>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
Operand invalid() { return Operand{}; }

struct SlotGuard {
  Value* s;
  int n;
  ~SlotGuard() {
    for (int i = 0; i < n; ++i) s[i].~Value();
  }
};

inline Value take_results(const FuncProto* p, Value* slots, std::size_t nres) {
  if (nres == 0) return Value();
  auto get = [&](std::size_t k) -> Value {
    Value& v = slots[p->result_slots[k]];
    if (p->result_boxed[k]) return v.as<Cells>()->v[0];
    return std::move(v);
  };
  if (nres == 1) return get(0);
  std::vector<Value> vs;
  for (std::size_t k = 0; k < nres; ++k) vs.push_back(get(k));
  return make_tuple(std::move(vs));
}

std::string tuple_text(const std::vector<const Type*>& ts, bool variadic = false) {
  std::string s = "(";
  for (std::size_t i = 0; i < ts.size(); ++i) {
    if (i) s += ", ";
    if (variadic && i + 1 == ts.size())
      s += "..." + type_string(ts[i]->elem);
    else
      s += ts[i] ? (ts[i]->kind == Kind::UntypedInt || ts[i]->kind == Kind::UntypedFloat ||
                            ts[i]->kind == Kind::UntypedRune
                        ? "number"
                        : type_string(ts[i]))
                 : "?";
  }
  return s + ")";
}
}  // namespace

// The receiver argument for calling method ml on x, or null after an error.
static Eval receiver(Compiler& c, Operand x, const MethodLookup& ml, Node* n) {
  Operand h = ml.path.empty() ? x : c.field_path(x, ml.path, n);
  if (!h.ok()) return nullptr;
  bool is_ptr = ukind(h.type) == Kind::Pointer && h.type->kind != Kind::Named;
  if (ml.method->ptr_recv) {
    if (is_ptr) return c.value_eval(c.rvalue(h));
    if (h.mode == Operand::Var) return c.make_ref(h);
    c.error(n->pos, "cannot call pointer method " + n->text + " on " + type_string(h.type));
    return nullptr;
  }
  if (is_ptr) {
    Eval p = c.value_eval(c.rvalue(h));
    const Type* t = under(h.type)->elem;
    int line = n->pos.line;
    return [p, t, line](Frame& f) {
      Value pv = p(f);
      if (!pv.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
      return copy_value(t, deref(pv));
    };
  }
  return c.value_eval(c.rvalue(h));
}

Eval Compiler::method_value(Operand x, const MethodLookup& ml, Node* n) {
  if (is_interface(ml.recv)) {
    Operand h = ml.path.empty() ? rvalue(x) : rvalue(field_path(x, ml.path, n));
    Eval iv = value_eval(h);
    std::string name = n->text;
    int line = n->pos.line;
    return [iv, name, line](Frame& f) {
      Value v = iv(f);
      if (!v.t) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
      return bind_iface_method(v, name);
    };
  }
  Eval r = receiver(*this, x, ml, n);
  if (!r) return nullptr;
  const Method* m = ml.method;  // its impl is filled in once every body is compiled
  return [r, m](Frame& f) {
    auto* fo = new FuncObj;
    fo->proto = m->impl;
    fo->recv = r(f);
    fo->bound = true;
    return Value(fo);
  };
}

// Fills the parameter slots [offset, ...) of a call from its arguments; checks them against sig.
using Filler = std::function<void(Frame&, Value*)>;
// `plain`, if given, receives the argument closures when the filler just stores one per slot from `offset`
// (no variadic packing, no tuple spreading), so a hot call can run them itself without calling the filler.
static Filler args_filler(Compiler& c, Node* call, const Type* sig, int offset, const std::string& fname, bool* ok,
                          std::vector<Eval>* plain = nullptr) {
  std::vector<Node*>& args = call->list;
  const auto& params = sig->params;
  std::size_t np = params.size();
  bool variadic = sig->variadic;
  bool spread = call->flag;
  *ok = true;
  // f(g()) where g returns several values
  if (args.size() == 1 && args[0]->kind == NK::Call && !spread) {
    Operand m = c.expr(args[0]);
    if (m.ok() && m.type && m.type->kind == Kind::Tuple) {
      const auto& rs = m.type->results;
      bool count_ok = variadic ? rs.size() >= np - 1 : rs.size() == np;
      if (!count_ok) {
        c.error(rs.size() < np ? call->pos2 : args[0]->pos,
                std::string(rs.size() < np ? "not enough" : "too many") + " arguments in call to " + fname +
                    "\n\thave " + tuple_text(rs) + "\n\twant " + tuple_text(params, variadic));
        *ok = false;
        return nullptr;
      }
      std::vector<std::function<Value(Value)>> conv;
      for (std::size_t i = 0; i < rs.size(); ++i) {
        const Type* pt = variadic && i >= np - 1 ? params[np - 1]->elem : params[i];
        Operand tmp;
        tmp.mode = Operand::Val;
        tmp.type = rs[i];
        tmp.node = args[0];
        tmp.eval = [](Frame&) { return Value(); };
        if (!c.assignable(tmp, pt, "argument to " + fname, args[0]->pos)) {
          *ok = false;
          return nullptr;
        }
        const Type* from = rs[i];
        bool box = is_interface(pt) && !is_interface(from);
        conv.push_back([box, from](Value v) {
          if (box) v.t = from;
          return v;
        });
      }
      Eval te = m.eval;
      return [te, conv, np, variadic, offset, params](Frame& f, Value* slots) {
        Value t = te(f);
        auto& vs = t.as<Cells>()->v;
        std::size_t fixed = variadic ? np - 1 : np;
        for (std::size_t i = 0; i < fixed; ++i) slots[offset + static_cast<int>(i)] = conv[i](vs[i]);
        if (variadic) {
          std::vector<Value> rest;
          for (std::size_t i = fixed; i < vs.size(); ++i) rest.push_back(conv[i](vs[i]));
          slots[offset + static_cast<int>(fixed)] = make_slice_of(std::move(rest));
        }
      };
    }
    if (m.ok() && m.mode == Operand::NoValue) {
      c.error(args[0]->pos, c.expr_text(args[0]) + " (no value) used as value");
      *ok = false;
      return nullptr;
    }
  }
  std::size_t fixed = variadic ? np - 1 : np;
  bool count_bad = false;
  if (spread) {
    if (!variadic) {
      c.error(args.back()->pos, "have (...) but function is not variadic: " + fname);
      *ok = false;
      return nullptr;
    }
    count_bad = args.size() != np;
  } else {
    count_bad = variadic ? args.size() < fixed : args.size() != np;
  }
  if (count_bad) {
    std::vector<const Type*> have;
    for (Node* a : args) {
      Operand o = c.expr(a);
      have.push_back(o.ok() ? o.type : nullptr);
    }
    bool few = args.size() < np;
    c.error(few ? (args.empty() ? call->token.pos : args.back()->pos) : args[np]->pos,
            std::string(few ? "not enough" : "too many") + " arguments in call to " + fname + "\n\thave " +
                tuple_text(have) + "\n\twant " + tuple_text(params, variadic));
    if (few) {
      // Go reports "not enough arguments" at the closing parenthesis
    }
    *ok = false;
    return nullptr;
  }
  std::vector<Eval> evals;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Type* pt = (variadic && i >= fixed && !spread) ? params[np - 1]->elem : params[i];
    Operand o = c.val(args[i], pt);
    if (!o.ok()) {
      *ok = false;
      continue;
    }
    if (!c.assignable(o, pt, "argument to " + fname, args[i]->pos)) {
      *ok = false;
      continue;
    }
    evals.push_back(c.coerce(o, pt));
  }
  if (!*ok) return nullptr;
  if (!variadic || spread) {
    if (plain) *plain = evals;
    return [evals, offset](Frame& f, Value* slots) {
      for (std::size_t i = 0; i < evals.size(); ++i) slots[offset + static_cast<int>(i)] = evals[i](f);
    };
  }
  return [evals, offset, fixed](Frame& f, Value* slots) {
    for (std::size_t i = 0; i < fixed; ++i) slots[offset + static_cast<int>(i)] = evals[i](f);
    if (evals.size() > fixed) {
      std::vector<Value> rest;
      rest.reserve(evals.size() - fixed);
      for (std::size_t i = fixed; i < evals.size(); ++i) rest.push_back(evals[i](f));
      slots[offset + static_cast<int>(fixed)] = make_slice_of(std::move(rest));
    }
  };
}

static Operand call_result(Compiler& c, const Type* sig, Node* n) {
  Operand o;
  o.node = n;
  o.is_call = true;
  if (sig->results.empty()) {
    o.mode = Operand::NoValue;
    o.type = nullptr;
  } else {
    o.mode = Operand::Val;
    o.type = sig->results.size() == 1 ? sig->results[0] : c.types().tuple(sig->results);
  }
  return o;
}

Operand Compiler::call(Node* n, const Type* hint) {
  Node* fnode = n->a;
  while (fnode->kind == NK::Paren) fnode = fnode->a;
  int line = n->pos.line;
  // method calls
  if (fnode->kind == NK::Selector) {
    bool is_pkg = false;
    if (fnode->a->kind == NK::Ident) {
      Entity* e = lookup(fnode->a->text);
      is_pkg = e && e->k == Entity::Package;
    }
    if (!is_pkg) {
      Operand x = expr(fnode->a);
      if (!x.ok()) {
        for (Node* a : n->list) expr(a);
        return invalid();
      }
      if (x.mode != Operand::TypeX && x.mode != Operand::Builtin && x.mode != Operand::Package &&
          x.mode != Operand::Nil && x.mode != Operand::NoValue && !(x.type && x.type->kind == Kind::Tuple)) {
        FieldLookup fl = find_field(x.type, fnode->text);
        MethodLookup ml;
        if (fl.path.empty()) ml = find_method(x.type, fnode->text);
        if (ml.method) {
          const Type* sig = ml.method->sig;
          std::string fname = expr_text(fnode);
          bool ok;
          Filler fill = args_filler(*this, n, sig, 1, fname, &ok);
          if (!ok) return invalid();
          Operand o = call_result(*this, sig, n);
          std::size_t nres = sig->results.size();
          if (is_interface(ml.recv)) {
            Operand h = ml.path.empty() ? rvalue(x) : rvalue(field_path(x, ml.path, fnode));
            Eval iv = value_eval(h);
            std::string name = fnode->text;
            auto cache = std::make_shared<IfaceCache>();
            o.eval = [iv, name, fill, line, nres, cache](Frame& f) -> Value {
              Value v = iv(f);
              if (!v.t) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
              const FuncProto* p;
              Value recv = iface_receiver(v, name, *cache, &p);
              int ns = p->nslots;
              auto* slots = static_cast<Value*>(alloca(sizeof(Value) * static_cast<std::size_t>(ns)));
              for (int i = 0; i < ns; ++i) new (&slots[i]) Value();
              SlotGuard g{slots, ns};
              slots[0] = std::move(recv);
              fill(f, slots);
              f.th->set_line(line);
              invoke(*f.th, p, nullptr, slots);
              return take_results(p, slots, nres);
            };
            return o;
          }
          Eval r = receiver(*this, x, ml, fnode);
          if (!r) return invalid();
          const Method* m = ml.method;  // its impl is filled in once every body is compiled
          o.eval = [r, m, fill, line, nres](Frame& f) -> Value {
            const FuncProto* p = m->impl;
            int ns = p->nslots;
            auto* slots = static_cast<Value*>(alloca(sizeof(Value) * static_cast<std::size_t>(ns)));
            for (int i = 0; i < ns; ++i) new (&slots[i]) Value();
            SlotGuard g{slots, ns};
            slots[0] = r(f);
            fill(f, slots);
            f.th->set_line(line);
            invoke(*f.th, p, nullptr, slots);
            return take_results(p, slots, nres);
          };
          return o;
        }
      }
    }
  }
  Operand fo = expr(n->a);
  if (!fo.ok()) {
    for (Node* a : n->list) expr(a);
    return invalid();
  }
  if (fo.mode == Operand::Builtin) return builtin_call(n, fo.name);
  if (fo.mode == Operand::TypeX) return conversion(n, fo.type);
  fo = rvalue(fo);
  if (fo.mode == Operand::Package) {
    error(n->a->pos, "use of package " + fo.name + " without selector");
    return invalid();
  }
  if (ukind(fo.type) != Kind::Func) {
    error(n->pos, "invalid operation: cannot call non-function " + describe(fo));
    return invalid();
  }
  const Type* sig = under(fo.type);
  std::string fname = expr_text(n->a);
  bool ok;
  std::vector<Eval> plain_args;
  Filler fill = args_filler(*this, n, sig, 0, fname, &ok, &plain_args);
  if (!ok) return invalid();
  Operand o = call_result(*this, sig, n);
  std::size_t nres = sig->results.size();
  (void)hint;
  // a call of a declared function (or a library function): no function value is made
  const FuncProto* direct = nullptr;
  if (n->a->kind == NK::Ident) {
    Entity* e = lookup(n->a->text);
    if (e && e->k == Entity::Func) direct = e->func;
  } else if (n->a->kind == NK::Selector && n->a->a->kind == NK::Ident) {
    Entity* e = lookup(n->a->a->text);
    if (e && e->k == Entity::Package) {
      auto& members = packages[import_paths[e->name]];
      auto it = members.find(n->a->text);
      if (it != members.end() && it->second->k == Entity::Func) direct = it->second->func;
    }
  }
  if (direct && fill && (n->list.empty() || !plain_args.empty())) {
    // The commonest call of all, a named function with plain arguments: the arguments are evaluated
    // straight into the new frame's slots.
    const FuncProto* p = direct;
    o.eval = [p, args = std::move(plain_args), line, nres](Frame& f) -> Value {
      int ns = p->nslots;
      auto* slots = static_cast<Value*>(alloca(sizeof(Value) * static_cast<std::size_t>(ns)));
      for (int i = 0; i < ns; ++i) new (&slots[i]) Value();
      SlotGuard g{slots, ns};
      for (std::size_t i = 0; i < args.size(); ++i) slots[i] = args[i](f);
      f.th->set_line(line);
      invoke(*f.th, p, nullptr, slots);
      return take_results(p, slots, nres);
    };
    return o;
  }
  if (direct) {
    const FuncProto* p = direct;
    o.eval = [p, fill, line, nres](Frame& f) -> Value {
      int ns = p->nslots;
      auto* slots = static_cast<Value*>(alloca(sizeof(Value) * static_cast<std::size_t>(ns)));
      for (int i = 0; i < ns; ++i) new (&slots[i]) Value();
      SlotGuard g{slots, ns};
      fill(f, slots);
      f.th->set_line(line);
      invoke(*f.th, p, nullptr, slots);
      return take_results(p, slots, nres);
    };
    return o;
  }
  Eval fe = fo.eval;
  int nclosure = static_cast<int>(sig->params.size() + sig->results.size()) + 1;  // a library closure's slots
  o.eval = [fe, fill, line, nres, nclosure](Frame& f) -> Value {
    Value fv = fe(f);
    if (!fv.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
    auto* fobj = fv.as<FuncObj>();
    const FuncProto* p = fobj->proto;
    int off = fobj->bound ? 1 : 0;
    int ns = p ? p->nslots : nclosure;
    auto* slots = static_cast<Value*>(alloca(sizeof(Value) * static_cast<std::size_t>(ns + 1)));
    for (int i = 0; i < ns + 1; ++i) new (&slots[i]) Value();
    SlotGuard g{slots, ns + 1};
    if (fobj->native_closure) {
      fill(f, slots);
      f.th->set_line(line);
      fobj->native_closure(*f.th, slots);
      return nres ? std::move(slots[0]) : Value();
    }
    fill(f, slots + off);
    if (off) slots[0] = fobj->recv;
    f.th->set_line(line);
    invoke(*f.th, p, fobj, slots);
    return take_results(p, slots, nres);
  };
  return o;
}

}  // namespace interleave::lang
