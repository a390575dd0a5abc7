// check_assign.cpp — assignments, short variable declarations, var/const declarations, return, go, defer.
#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
// Evaluates a tuple-valued operand once and hands out its parts.
struct Multi {
  std::vector<const Type*> types;
  Eval eval;  // yields a tuple
};
}  // namespace

// The left side of an assignment: a variable, field, element or map entry; `x = ...` is not a use of x.
static Operand lhs(Compiler& c, Node* n) {
  VarInfo* v = nullptr;
  bool was_used = false;
  if (n->kind == NK::Ident) {
    Entity* e = c.lookup(n->text);
    if (e && e->k == Entity::Var) {
      v = e->var;
      was_used = v->used;
    }
  }
  Operand o = c.expr(n);
  if (v && !v->global) v->used = was_used;
  if (!o.ok()) return o;
  if (o.mode != Operand::Var && o.mode != Operand::MapIndex) {
    if (n->kind == NK::Selector && o.mode == Operand::Val) {
      // a field of a struct returned by value, a map element's field
      Node* base = n->a;
      if (base->kind == NK::Index) {
        Operand b = c.expr(base->a);
        if (b.ok() && ukind(b.type) == Kind::Map) {
          c.error(n->pos, "cannot assign to struct field " + c.expr_text(n) + " in map");
          return Operand{};
        }
      }
    }
    c.error(n->pos, "cannot assign to " + c.describe(o));
    return Operand{};
  }
  return o;
}

static bool rhs_multi(Compiler& c, Node* n, Multi* m, bool allow_comma_ok, std::size_t want, Operand* single) {
  Operand o = c.expr(n);
  *single = o;
  if (!o.ok()) return false;
  if (o.type && o.type->kind == Kind::Tuple) {
    m->types = o.type->results;
    m->eval = o.eval;
    return true;
  }
  if (allow_comma_ok && want == 2 && o.eval_ok) {
    m->types = {o.type, c.types().basic(Kind::UntypedBool)};
    m->eval = o.eval_ok;
    return true;
  }
  return false;
}

// `x := f()` where f returns several values: Go's "assignment mismatch" (checked before the value).
static bool tuple_mismatch(Compiler& c, const std::vector<Node*>& L, Node* r) {
  Node* x = r;
  while (x->kind == NK::Paren) x = x->a;
  if (x->kind != NK::Call) return false;
  std::size_t before = c.errors.size();
  Operand o = c.expr(r);
  if (c.errors.size() != before) return true;
  if (!o.ok() || !o.type || o.type->kind != Kind::Tuple) return false;
  std::size_t n = o.type->results.size();
  c.error(r->pos, "assignment mismatch: " + std::to_string(L.size()) + " variable" + (L.size() > 1 ? "s" : "") +
                      " but " + c.expr_text(x->a) + " returns " + std::to_string(n) + " value" + (n > 1 ? "s" : ""));
  return true;
}

Exec Compiler::assign(Node* n) {
  auto& L = n->list;
  auto& R = n->list2;
  if (n->op != Tok::Assign) {
    // x op= y
    Operand x = lhs(*this, L[0]);
    if (!x.ok()) {
      val(R[0]);
      return nullptr;
    }
    Tok op;
    switch (n->op) {
      case Tok::AddAssign: op = Tok::Add; break;
      case Tok::SubAssign: op = Tok::Sub; break;
      case Tok::MulAssign: op = Tok::Mul; break;
      case Tok::QuoAssign: op = Tok::Quo; break;
      case Tok::RemAssign: op = Tok::Rem; break;
      case Tok::AndAssign: op = Tok::And; break;
      case Tok::OrAssign: op = Tok::Or; break;
      case Tok::XorAssign: op = Tok::Xor; break;
      case Tok::ShlAssign: op = Tok::Shl; break;
      case Tok::ShrAssign: op = Tok::Shr; break;
      default: op = Tok::AndNot; break;
    }
    Node* bin = out.ast.make(NK::Binary, L[0]->pos);
    bin->op = op;
    bin->a = L[0];
    bin->b = R[0];
    VarInfo* v = x.var;
    bool was_used = v ? v->used : false;
    Operand r = binary(bin, x.type);
    if (v && !v->global) v->used = was_used;
    if (!r.ok()) return nullptr;
    if (!assignable(r, x.type, "assignment", R[0]->pos)) return nullptr;
    Eval re = coerce(r, x.type);
    auto st = store_to(x);
    return [re, st](Frame& f) {
      st(f, re(f));
      return Ctl::Next;
    };
  }
  if (L.size() == 1 && R.size() == 1 && tuple_mismatch(*this, L, R[0])) return nullptr;
  if (L.size() != R.size()) {
    Multi m;
    Operand single;
    if (R.size() == 1 && rhs_multi(*this, R[0], &m, true, L.size(), &single)) {
      if (m.types.size() != L.size()) {
        error(R[0]->pos, "assignment mismatch: " + std::to_string(L.size()) + " variable" + (L.size() > 1 ? "s" : "") +
                             " but " + expr_text(R[0]) + " returns " + std::to_string(m.types.size()) + " value" +
                             (m.types.size() > 1 ? "s" : ""));
        return nullptr;
      }
      std::vector<std::function<void(Frame&, Value)>> stores;
      std::vector<std::function<Value(Value)>> convs;
      for (std::size_t i = 0; i < L.size(); ++i) {
        if (L[i]->kind == NK::Ident && L[i]->text == "_") {
          stores.push_back(nullptr);
          convs.push_back(nullptr);
          continue;
        }
        Operand x = lhs(*this, L[i]);
        if (!x.ok()) return nullptr;
        Operand tmp;
        tmp.mode = Operand::Val;
        tmp.type = m.types[i];
        tmp.node = R[0];
        if (!assignable(tmp, x.type, "assignment", R[0]->pos)) return nullptr;
        const Type* from = tmp.type;
        bool box = is_interface(x.type) && !is_interface(from);
        stores.push_back(store_to(x));
        convs.push_back([box, from](Value v) {
          if (box) v.t = from;
          return v;
        });
      }
      Eval me = m.eval;
      return [me, stores, convs](Frame& f) {
        Value t = me(f);
        auto& vs = t.as<Cells>()->v;
        for (std::size_t i = 0; i < stores.size(); ++i)
          if (stores[i]) stores[i](f, convs[i](vs[i]));
        return Ctl::Next;
      };
    }
    if (single.ok() || R.size() != 1)
      error(R[0]->pos, "assignment mismatch: " + std::to_string(L.size()) + " variable" + (L.size() > 1 ? "s" : "") +
                           " but " + std::to_string(R.size()) + " value" + (R.size() > 1 ? "s" : ""));
    return nullptr;
  }
  std::vector<std::function<void(Frame&, Value)>> stores;
  std::vector<Eval> evals;
  bool ok = true;
  for (std::size_t i = 0; i < L.size(); ++i) {
    if (L[i]->kind == NK::Ident && L[i]->text == "_") {
      Operand r = val(R[i]);
      if (!r.ok()) {
        ok = false;
        continue;
      }
      if (r.mode == Operand::Nil) {
        error(R[i]->pos, "use of untyped nil in assignment");
        ok = false;
        continue;
      }
      convert_untyped(r, nullptr);
      stores.push_back(nullptr);
      evals.push_back(value_eval(r));
      continue;
    }
    Operand x = lhs(*this, L[i]);
    name_next(R[i], expr_text(L[i]));
    Operand r = val(R[i], x.ok() ? x.type : nullptr);
    if (!x.ok() || !r.ok()) {
      ok = false;
      continue;
    }
    if (!assignable(r, x.type, "assignment", R[i]->pos)) {
      ok = false;
      continue;
    }
    stores.push_back(store_to(x));
    evals.push_back(coerce(r, x.type));
  }
  if (!ok) return nullptr;
  if (stores.size() == 1) {
    auto st = stores[0];
    Eval e = evals[0];
    if (!st)
      return [e](Frame& f) {
        e(f);
        return Ctl::Next;
      };
    return [st, e](Frame& f) {
      st(f, e(f));
      return Ctl::Next;
    };
  }
  return [stores, evals](Frame& f) {
    std::vector<Value> vs;
    vs.reserve(evals.size());
    for (auto& e : evals) vs.push_back(e(f));
    for (std::size_t i = 0; i < stores.size(); ++i)
      if (stores[i]) stores[i](f, std::move(vs[i]));
    return Ctl::Next;
  };
}

// Declares a new local variable (or reuses `_`), returning the code that initialises it from a value.
static std::function<void(Frame&, Value)> declare_local(Compiler& c, Node* id, const Type* t) {
  Entity* e = c.declare_var(id, t);
  if (!e) return nullptr;
  VarInfo* v = e->var;
  int k = v->slot;
  return [k, v](Frame& f, Value val) {
    if (v->boxed)
      f.s[k] = new_box(std::move(val));
    else
      f.s[k] = std::move(val);
  };
}

void Compiler::name_next(Node* rhs, std::string name) {
  while (rhs && (rhs->kind == NK::Paren || (rhs->kind == NK::Unary && rhs->op == Tok::And))) rhs = rhs->a;
  name_node_ = rhs;
  name_ = std::move(name);
}

Exec Compiler::define(Node* n) {
  auto& L = n->list;
  auto& R = n->list2;
  for (Node* l : L) {
    if (l->kind != NK::Ident) {
      error(l->pos, "non-name " + expr_text(l) + " on left side of :=");
      for (Node* r : R) expr(r);
      return nullptr;
    }
  }
  // at least one new variable
  bool any_new = false;
  for (Node* l : L) {
    if (l->text == "_") continue;
    auto it = scope->names.find(l->text);
    if (it == scope->names.end()) any_new = true;
  }
  std::vector<const Type*> rtypes;
  std::vector<Eval> evals;
  Eval multi;
  if (L.size() == 1 && R.size() == 1 && tuple_mismatch(*this, L, R[0])) {
    declare_var(L[0], nullptr);
    return nullptr;
  }
  if (L.size() != R.size()) {
    Multi m;
    Operand single;
    if (R.size() == 1 && rhs_multi(*this, R[0], &m, true, L.size(), &single) && m.types.size() == L.size()) {
      rtypes = m.types;
      for (auto& t : rtypes)
        if (t->kind == Kind::UntypedBool) t = types().basic(Kind::Bool);
      multi = m.eval;
    } else {
      if (single.ok()) {
        if (R.size() == 1 && single.type && single.type->kind == Kind::Tuple)
          error(R[0]->pos, "assignment mismatch: " + std::to_string(L.size()) + " variable" +
                               (L.size() > 1 ? "s" : "") + " but " + expr_text(R[0]) + " returns " +
                               std::to_string(single.type->results.size()) + " value" +
                               (single.type->results.size() > 1 ? "s" : ""));
        else
          error(R[0]->pos, "assignment mismatch: " + std::to_string(L.size()) + " variable" +
                               (L.size() > 1 ? "s" : "") + " but " + std::to_string(R.size()) + " value" +
                               (R.size() > 1 ? "s" : ""));
      }
      for (Node* l : L) declare_var(l, nullptr);
      return nullptr;
    }
  } else {
    for (std::size_t i = 0; i < R.size(); ++i) {
      // an existing variable on the left gives the right side its type
      const Type* hint = nullptr;
      if (L[i]->text != "_") {
        auto it = scope->names.find(L[i]->text);
        if (it != scope->names.end() && it->second->k == Entity::Var) hint = it->second->var->type;
      }
      if (L[i]->text != "_") name_next(R[i], L[i]->text);
      Operand r = val(R[i], hint);
      if (!r.ok()) {
        rtypes.push_back(nullptr);
        evals.push_back(nullptr);
        continue;
      }
      if (r.mode == Operand::Nil) {
        error(R[i]->pos, "use of untyped nil in assignment");
        rtypes.push_back(nullptr);
        evals.push_back(nullptr);
        continue;
      }
      if (hint) {
        if (!assignable(r, hint, "assignment", R[i]->pos)) {
          rtypes.push_back(nullptr);
          evals.push_back(nullptr);
          continue;
        }
        rtypes.push_back(hint);
        evals.push_back(coerce(r, hint));
        continue;
      }
      convert_untyped(r, nullptr);
      rtypes.push_back(r.type);
      evals.push_back(value_eval(r));
    }
  }
  if (!any_new) error(n->pos2, "no new variables on left side of :=");
  std::vector<std::function<void(Frame&, Value)>> stores;
  std::vector<Entity*> to_declare;
  bool ok = true;
  for (std::size_t i = 0; i < L.size(); ++i) {
    if (!rtypes[i]) ok = false;
    if (L[i]->text == "_") {
      stores.push_back(nullptr);
      continue;
    }
    auto it = scope->names.find(L[i]->text);
    if (it != scope->names.end()) {
      Operand x = lhs(*this, L[i]);
      if (!x.ok()) {
        ok = false;
        stores.push_back(nullptr);
        continue;
      }
      if (rtypes[i] && multi) {
        Operand tmp;
        tmp.mode = Operand::Val;
        tmp.type = rtypes[i];
        tmp.node = R[0];
        if (!assignable(tmp, x.type, "assignment", R[0]->pos)) ok = false;
      }
      stores.push_back(store_to(x));
      continue;
    }
    stores.push_back(nullptr);
  }
  // new variables come into scope after the right side was checked
  for (std::size_t i = 0; i < L.size(); ++i) {
    if (L[i]->text == "_" || stores[i]) continue;
    if (scope->names.count(L[i]->text)) continue;
    stores[i] = declare_local(*this, L[i], rtypes[i]);
  }
  if (!ok) return nullptr;
  if (multi) {
    return [multi, stores](Frame& f) {
      Value t = multi(f);
      auto& vs = t.as<Cells>()->v;
      for (std::size_t i = 0; i < stores.size(); ++i)
        if (stores[i]) stores[i](f, vs[i]);
      return Ctl::Next;
    };
  }
  if (stores.size() == 1) {
    auto st = stores[0];
    Eval e = evals[0];
    if (!st)
      return [e](Frame& f) {
        e(f);
        return Ctl::Next;
      };
    return [st, e](Frame& f) {
      st(f, e(f));
      return Ctl::Next;
    };
  }
  return [stores, evals](Frame& f) {
    std::vector<Value> vs;
    for (auto& e : evals) vs.push_back(e(f));
    for (std::size_t i = 0; i < stores.size(); ++i)
      if (stores[i]) stores[i](f, std::move(vs[i]));
    return Ctl::Next;
  };
}

Exec Compiler::var_decl(Node* spec, bool global) {
  (void)global;
  const Type* t = spec->a ? resolve_type(spec->a) : nullptr;
  if (spec->a && !t) {
    for (Node* id : spec->names) declare_var(id, nullptr);
    return nullptr;
  }
  auto& names = spec->names;
  auto& values = spec->list;
  if (names.size() == 1 && values.size() == 1 && tuple_mismatch(*this, names, values[0])) {
    if (!global) declare_var(names[0], nullptr);
    return nullptr;
  }
  std::vector<Eval> evals;
  std::vector<const Type*> vtypes;
  Eval multi;
  bool ok = true;
  if (!values.empty() && values.size() != names.size()) {
    Multi m;
    Operand single;
    if (values.size() == 1 && rhs_multi(*this, values[0], &m, true, names.size(), &single) &&
        m.types.size() == names.size()) {
      multi = m.eval;
      vtypes = m.types;
      for (std::size_t i = 0; i < vtypes.size(); ++i) {
        if (vtypes[i]->kind == Kind::UntypedBool) vtypes[i] = types().basic(Kind::Bool);
        if (t) {
          Operand tmp;
          tmp.mode = Operand::Val;
          tmp.type = vtypes[i];
          tmp.node = values[0];
          if (!assignable(tmp, t, "variable declaration", values[0]->pos)) ok = false;
        }
      }
    } else {
      if (single.ok())
        error(values[0]->pos, "assignment mismatch: " + std::to_string(names.size()) + " variable" +
                                  (names.size() > 1 ? "s" : "") + " but " + std::to_string(values.size()) + " value" +
                                  (values.size() > 1 ? "s" : ""));
      ok = false;
    }
  } else {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (names[i]->text != "_") name_next(values[i], names[i]->text);
      Operand r = val(values[i], t);
      if (!r.ok()) {
        ok = false;
        evals.push_back(nullptr);
        vtypes.push_back(nullptr);
        continue;
      }
      if (t) {
        if (!assignable(r, t, "variable declaration", values[i]->pos)) ok = false;
        evals.push_back(ok ? coerce(r, t) : nullptr);
        vtypes.push_back(t);
      } else {
        if (r.mode == Operand::Nil) {
          error(values[i]->pos, "use of untyped nil in variable declaration");
          ok = false;
          evals.push_back(nullptr);
          vtypes.push_back(nullptr);
          continue;
        }
        convert_untyped(r, nullptr);
        evals.push_back(value_eval(r));
        vtypes.push_back(r.type);
      }
    }
  }
  std::vector<std::function<void(Frame&, Value)>> stores;
  std::vector<const Type*> decl_types;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Type* vt = t ? t : (i < vtypes.size() ? vtypes[i] : nullptr);
    decl_types.push_back(vt);
    if (names[i]->text == "_") {
      stores.push_back(nullptr);
      continue;
    }
    if (global) {
      Entity* e = package->names[names[i]->text];
      if (e && e->var) {
        e->var->type = vt;
        int k = e->var->slot;
        stores.push_back([k](Frame& f, Value v) { f.th->globals->v[static_cast<std::size_t>(k)] = std::move(v); });
      } else {
        stores.push_back(nullptr);
      }
      continue;
    }
    stores.push_back(declare_local(*this, names[i], vt));
  }
  if (!ok) return nullptr;
  if (multi) {
    std::vector<bool> box;
    for (std::size_t i = 0; i < names.size(); ++i) box.push_back(t && is_interface(t) && !is_interface(vtypes[i]));
    std::vector<const Type*> vts = vtypes;
    return [multi, stores, box, vts](Frame& f) {
      Value tv = multi(f);
      auto& vs = tv.as<Cells>()->v;
      for (std::size_t i = 0; i < stores.size(); ++i) {
        if (!stores[i]) continue;
        Value v = vs[i];
        if (box[i]) v.t = vts[i];
        stores[i](f, std::move(v));
      }
      return Ctl::Next;
    };
  }
  std::vector<const Type*> zt = decl_types;
  std::vector<std::string> zn;  // the names of sync values in zero values (`var wg sync.WaitGroup`: "wg")
  for (std::size_t i = 0; i < names.size(); ++i)
    zn.push_back(i >= evals.size() && holds_sync_values(zt[i]) && names[i]->text != "_" ? names[i]->text : "");
  // A package-level variable without a value already holds its zero value (GoRun::main_goroutine): making
  // another would only make a second set of sync values.
  if (global && values.empty()) {
    bool all_sync = true;
    for (const Type* z : zt) all_sync = all_sync && holds_sync_values(z);
    if (all_sync) return [](Frame&) { return Ctl::Next; };
  }
  return [stores, evals, zt, zn](Frame& f) {
    for (std::size_t i = 0; i < stores.size(); ++i) {
      Value v = i < evals.size() ? evals[i](f) : zn[i].empty() ? zero_value(zt[i]) : zero_value_named(zt[i], zn[i]);
      if (stores[i]) stores[i](f, std::move(v));
    }
    return Ctl::Next;
  };
}

Exec Compiler::return_stmt(Node* n) {
  if (!fn) return nullptr;
  const auto& want = fn->sig->results;
  auto& R = n->list;
  auto results = fn->results;
  auto write = [](Frame& f, VarInfo* v, Value val) {
    Value* p = &f.s[v->slot];
    if (v->boxed)
      p->as<Cells>()->v[0] = std::move(val);
    else
      *p = std::move(val);
  };
  if (R.empty()) {
    if (!want.empty() && !fn->named_results) {
      error(n->pos, "not enough return values\n\thave ()\n\twant " + type_string(types().tuple(want)));
      return nullptr;
    }
    return [](Frame&) { return Ctl::Return; };
  }
  auto tuple_have = [&](std::vector<const Type*> ts) {
    std::string s = "(";
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (i) s += ", ";
      const Type* t = ts[i];
      s += t ? (t->kind == Kind::UntypedInt || t->kind == Kind::UntypedFloat || t->kind == Kind::UntypedRune
                    ? "number"
                    : type_string(t))
             : "?";
    }
    return s + ")";
  };
  if (R.size() == 1 && want.size() > 1) {
    Operand m = expr(R[0]);
    if (!m.ok()) return nullptr;
    if (m.type && m.type->kind == Kind::Tuple && m.type->results.size() == want.size()) {
      std::vector<bool> box;
      std::vector<const Type*> from = m.type->results;
      for (std::size_t i = 0; i < want.size(); ++i) {
        Operand tmp;
        tmp.mode = Operand::Val;
        tmp.type = from[i];
        tmp.node = R[0];
        if (!assignable(tmp, want[i], "return statement", R[0]->pos)) return nullptr;
        box.push_back(is_interface(want[i]) && !is_interface(from[i]));
      }
      Eval me = m.eval;
      return [me, results, box, from, write](Frame& f) {
        Value t = me(f);
        auto& vs = t.as<Cells>()->v;
        for (std::size_t i = 0; i < results.size(); ++i) {
          Value v = vs[i];
          if (box[i]) v.t = from[i];
          write(f, results[i], std::move(v));
        }
        return Ctl::Return;
      };
    }
  }
  if (R.size() != want.size()) {
    std::vector<const Type*> have;
    for (Node* r : R) {
      Operand o = expr(r);
      have.push_back(o.ok() ? o.type : nullptr);
    }
    if (want.empty()) {
      error(R[0]->pos, "too many return values\n\thave " + tuple_have(have) + "\n\twant ()");
    } else {
      error(R.size() < want.size() ? n->pos : R[want.size()]->pos,
            std::string(R.size() < want.size() ? "not enough" : "too many") + " return values\n\thave " +
                tuple_have(have) + "\n\twant " + type_string(types().tuple(want)));
    }
    return nullptr;
  }
  std::vector<Eval> evals;
  for (std::size_t i = 0; i < R.size(); ++i) {
    Operand r = val(R[i], want[i]);
    if (!r.ok() || !assignable(r, want[i], "return statement", R[i]->pos)) return nullptr;
    evals.push_back(coerce(r, want[i]));
  }
  if (evals.size() == 1 && !results[0]->boxed) {
    Eval e = evals[0];
    VarInfo* v = results[0];
    int k = v->slot;
    return [e, k, v](Frame& f) {
      Value val = e(f);
      if (v->boxed)
        f.s[k].as<Cells>()->v[0] = std::move(val);
      else
        f.s[k] = std::move(val);
      return Ctl::Return;
    };
  }
  return [evals, results, write](Frame& f) {
    std::vector<Value> vs;
    for (auto& e : evals) vs.push_back(e(f));
    for (std::size_t i = 0; i < results.size(); ++i) write(f, results[i], std::move(vs[i]));
    return Ctl::Return;
  };
}

Exec Compiler::go_defer(Node* n, bool is_go) {
  Node* c = n->a;
  int line = n->pos.line;
  if (!is_go && fn) fn->proto->has_defer = true;
  Node* fnode = c->a;
  while (fnode->kind == NK::Paren) fnode = fnode->a;
  // builtins: evaluate the arguments now, run later
  if (fnode->kind == NK::Ident) {
    Entity* e = lookup(fnode->text);
    if (e && e->k == Entity::Builtin) {
      Operand call = builtin_call(c, e->name);
      if (!call.ok()) return nullptr;
      if (e->name == "recover" || e->name == "len" || e->name == "cap" || e->name == "append" || e->name == "make" ||
          e->name == "new") {
        if (e->name != "recover") {
          error(n->pos, std::string(is_go ? "go" : "defer") + " discards result of " + expr_text(c));
          return nullptr;
        }
      }
      Eval ce = call.eval;
      if (is_go) {
        error(n->pos, "go of a built-in function is not in Interleave's Go subset");
        return nullptr;
      }
      // The deferred builtin runs in the frame of the function that deferred it (still live while its
      // deferred calls run), so its arguments read that frame's variables: `defer close(done)`.
      return [ce](Frame& f) {
        Frame at = f;
        auto body = [ce, at](Thread& th, Value*) {
          Frame fr = at;
          fr.th = &th;
          ce(fr);
        };
        auto* fo = new FuncObj;
        fo->native_closure = body;
        f.defers->emplace_back(Value(fo), std::vector<Value>{});
        return Ctl::Next;
      };
    }
    if (e && e->k == Entity::TypeName) {
      error(n->pos, std::string(is_go ? "go" : "defer") + " requires function call, not conversion");
      return nullptr;
    }
  }
  Operand fv = val(c->a);
  if (!fv.ok()) {
    for (Node* a : c->list) expr(a);
    return nullptr;
  }
  if (ukind(fv.type) != Kind::Func) {
    error(c->pos, "invalid operation: cannot call non-function " + describe(fv));
    return nullptr;
  }
  const Type* sig = under(fv.type);
  if (!is_go && false) return nullptr;
  // arguments: evaluated now, into a vector
  std::vector<Eval> args;
  std::size_t np = sig->params.size();
  auto& A = c->list;
  bool bad = false;
  if (A.size() == 1 && !sig->variadic && np > 1) {
    Operand m = expr(A[0]);
    if (m.ok() && m.type && m.type->kind == Kind::Tuple) {
      error(A[0]->pos, "multiple-value calls in go/defer are not in Interleave's Go subset");
      return nullptr;
    }
  }
  std::size_t fixed = sig->variadic ? np - 1 : np;
  if ((!sig->variadic && A.size() != np) || (sig->variadic && A.size() < fixed)) {
    error(A.size() < np ? c->pos : A[np]->pos,
          std::string(A.size() < np ? "not enough" : "too many") + " arguments in call to " + expr_text(c->a));
    return nullptr;
  }
  for (std::size_t i = 0; i < A.size(); ++i) {
    const Type* pt = (sig->variadic && i >= fixed && !c->flag) ? sig->params[np - 1]->elem : sig->params[i];
    Operand a = val(A[i], pt);
    if (!a.ok() || !assignable(a, pt, "argument to " + expr_text(c->a), A[i]->pos)) {
      bad = true;
      continue;
    }
    args.push_back(coerce(a, pt));
  }
  if (bad) return nullptr;
  bool pack = sig->variadic && !c->flag;
  Eval fe = fv.eval;
  if (fn) fn->proto->has_defer |= !is_go;
  auto collect = [args, pack, fixed](Frame& f) {
    std::vector<Value> vs;
    for (std::size_t i = 0; i < args.size() && (!pack || i < fixed); ++i) vs.push_back(args[i](f));
    if (pack) {
      std::vector<Value> rest;
      for (std::size_t i = fixed; i < args.size(); ++i) rest.push_back(args[i](f));
      vs.push_back(make_slice_of(std::move(rest)));
    }
    return vs;
  };
  if (is_go) {
    return [fe, collect, line](Frame& f) {
      Value fnv = fe(f);
      std::vector<Value> vs = collect(f);
      f.th->set_line(line);
      if (!fnv.r) plain_panic_error(*f.th, line, "go of nil func value");
      start_goroutine(*f.th, fnv.as<FuncObj>()->proto, fnv, std::move(vs), line);
      return Ctl::Next;
    };
  }
  return [fe, collect](Frame& f) {
    Value fnv = fe(f);
    std::vector<Value> vs = collect(f);
    f.defers->emplace_back(std::move(fnv), std::move(vs));
    return Ctl::Next;
  };
}

}  // namespace interleave::lang
