// check_index.cpp — indexing, slicing, type assertions, composite literals and function literals.
#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
Operand invalid() { return Operand{}; }
[[noreturn]] void index_panic(Thread& th, int line, std::int64_t i, std::int64_t len) {
  runtime_panic(th, line, "index out of range [" + std::to_string(i) + "] with length " + std::to_string(len));
}
}  // namespace

Operand Compiler::index(Node* n) {
  Operand x = expr(n->a);
  if (!x.ok()) {
    expr(n->b);
    return invalid();
  }
  if (x.mode == Operand::TypeX) {
    error(n->pos, "generic instantiation is not in Interleave's Go subset");
    return invalid();
  }
  const Type* u = under(x.type);
  int line = n->pos.line;
  if (u->kind == Kind::Map) {
    x = rvalue(x);
    Operand k = val(n->b, u->key);
    if (!k.ok() || !assignable(k, u->key, "map index", n->b->pos)) return invalid();
    Eval me = value_eval(x), ke = coerce(k, u->key);
    const Type* mt = u;
    Operand o;
    o.mode = Operand::MapIndex;
    o.type = u->elem;
    o.node = n;
    const Type* vt = u->elem;
    o.eval = [me, ke, mt, vt](Frame& f) {
      Value m = me(f);
      bool found;
      Value v = map_get(mt, m, ke(f), &found);
      return found ? v : zero_value(vt);
    };
    o.eval_ok = [me, ke, mt, vt](Frame& f) {
      Value m = me(f);
      bool found;
      Value v = map_get(mt, m, ke(f), &found);
      return make_tuple({found ? copy_value(vt, v) : zero_value(vt), Value::of_bool(found)});
    };
    o.store = [me, ke, mt, line](Frame& f, Value v) {
      Value m = me(f);
      map_set(*f.th, mt, m, ke(f), std::move(v), line);
    };
    return o;
  }
  Operand i = val(n->b);
  if (!i.ok()) return invalid();
  if (i.mode == Operand::Const) {
    ConstVal r;
    if (!const_representable(i.c, types().basic(Kind::Int), &r)) {
      error(n->b->pos, "invalid argument: index " + describe(i) + " must be integer");
      return invalid();
    }
    if (r.i < 0) {
      error(n->b->pos, "invalid argument: index " + describe(i) + " must not be negative");
      return invalid();
    }
    i.c = r;
    i.type = types().basic(Kind::Int);
  } else if (!is_integer(i.type)) {
    error(n->b->pos, "invalid argument: index " + describe(i) + " must be integer");
    return invalid();
  }
  Eval ie = value_eval(i);
  Operand o;
  o.node = n;
  bool ptr_to_array = u->kind == Kind::Pointer && ukind(u->elem) == Kind::Array;
  if (ptr_to_array) u = under(u->elem);
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString: {
      if (x.mode == Operand::Const && i.mode == Operand::Const) {
        if (i.c.i >= static_cast<__int128>(x.c.s.size())) {
          error(n->b->pos,
                "invalid argument: index " + describe(i) + " out of bounds [0:" + std::to_string(x.c.s.size()) + "]");
          return invalid();
        }
      }
      Eval se = value_eval(rvalue(x));
      o.mode = Operand::Val;
      o.type = types().byte_type();
      o.eval = [se, ie, line](Frame& f) {
        Value s = se(f);
        std::int64_t k = ie(f).i;
        const std::string& str = str_of(s);
        if (k < 0 || k >= static_cast<std::int64_t>(str.size()))
          index_panic(*f.th, line, k, static_cast<std::int64_t>(str.size()));
        return Value::of_int(static_cast<unsigned char>(str[static_cast<std::size_t>(k)]));
      };
      return o;
    }
    case Kind::Slice: {
      Eval se = value_eval(rvalue(x));
      o.mode = Operand::Var;
      o.type = u->elem;
      o.addr = [se, ie, line](Frame& f) -> Value* {
        Value s = se(f);
        std::int64_t k = ie(f).i;
        std::int64_t len = s.r ? s.as<SliceObj>()->len : 0;
        if (k < 0 || k >= len) index_panic(*f.th, line, k, len);
        return &s.as<SliceObj>()->at(k);  // the backing array outlives s: the slice variable holds it
      };
      auto addr = o.addr;
      o.eval = [addr](Frame& f) { return *addr(f); };
      o.ref = [se, ie, line]() -> Eval {
        return [se, ie, line](Frame& f) {
          Value s = se(f);
          std::int64_t k = ie(f).i;
          std::int64_t len = s.r ? s.as<SliceObj>()->len : 0;
          if (k < 0 || k >= len) index_panic(*f.th, line, k, len);
          auto* so = s.as<SliceObj>();
          return make_pointer(so->cells(), so->off + k);
        };
      };
      return o;
    }
    case Kind::Array: {
      std::int64_t len = u->len;
      if (i.mode == Operand::Const && i.c.i >= len) {
        error(n->b->pos, "invalid argument: index " + describe(i) + " out of bounds [0:" + std::to_string(len) + "]");
        return invalid();
      }
      o.type = u->elem;
      if (x.mode == Operand::Var || ptr_to_array) {
        std::function<Value*(Frame&)> base;
        if (ptr_to_array) {
          Eval pe = value_eval(rvalue(x));
          base = [pe, line](Frame& f) -> Value* {
            Value p = pe(f);
            if (!p.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
            return &deref(p);
          };
        } else {
          base = x.addr;
        }
        o.mode = Operand::Var;
        o.addr = [base, ie, len, line](Frame& f) -> Value* {
          Value* a = base(f);
          std::int64_t k = ie(f).i;
          if (k < 0 || k >= len) index_panic(*f.th, line, k, len);
          return &a->as<Cells>()->v[static_cast<std::size_t>(k)];
        };
        auto addr = o.addr;
        o.eval = [addr](Frame& f) { return *addr(f); };
        o.ref = [base, ie, len, line]() -> Eval {
          return [base, ie, len, line](Frame& f) {
            Value* a = base(f);
            std::int64_t k = ie(f).i;
            if (k < 0 || k >= len) index_panic(*f.th, line, k, len);
            return make_pointer(a->as<Cells>(), k);
          };
        };
        return o;
      }
      Eval ae = value_eval(x);
      o.mode = Operand::Val;
      o.eval = [ae, ie, len, line](Frame& f) {
        Value a = ae(f);
        std::int64_t k = ie(f).i;
        if (k < 0 || k >= len) index_panic(*f.th, line, k, len);
        return a.as<Cells>()->v[static_cast<std::size_t>(k)];
      };
      return o;
    }
    default: break;
  }
  error(n->pos, "invalid operation: cannot index " + describe(x));
  return invalid();
}

Operand Compiler::slice_expr(Node* n) {
  Operand x = expr(n->a);
  if (!x.ok()) return invalid();
  std::vector<Eval> idx(3);
  Node* parts[3] = {n->b, n->c, n->d};
  for (int k = 0; k < 3; ++k) {
    if (!parts[k]) continue;
    Operand i = val(parts[k]);
    if (!i.ok()) return invalid();
    convert_untyped(i, types().basic(Kind::Int));
    if (!is_integer(i.type)) {
      error(parts[k]->pos, "invalid argument: index " + describe(i) + " must be integer");
      return invalid();
    }
    idx[static_cast<std::size_t>(k)] = value_eval(i);
  }
  Eval lo = idx[0], hi = idx[1], mx = idx[2];
  const Type* u = under(x.type);
  int line = n->pos.line;
  Operand o;
  o.mode = Operand::Val;
  o.node = n;
  if (is_string(x.type)) {
    if (n->flag) {
      error(n->pos, "invalid operation: 3-index slice of string");
      return invalid();
    }
    Eval se = value_eval(rvalue(x));
    o.type = x.type->kind == Kind::UntypedString ? types().basic(Kind::String) : x.type;
    o.eval = [se, lo, hi, line](Frame& f) {
      Value s = se(f);
      const std::string& str = str_of(s);
      std::int64_t len = static_cast<std::int64_t>(str.size());
      std::int64_t l = lo ? lo(f).i : 0, h = hi ? hi(f).i : len;
      if (h < 0 || h > len)
        runtime_panic(*f.th, line,
                      "slice bounds out of range [:" + std::to_string(h) + "] with length " + std::to_string(len));
      if (l < 0 || l > h)
        runtime_panic(*f.th, line, "slice bounds out of range [" + std::to_string(l) + ":" + std::to_string(h) + "]");
      return make_string(str.substr(static_cast<std::size_t>(l), static_cast<std::size_t>(h - l)));
    };
    return o;
  }
  bool ptr_to_array = u->kind == Kind::Pointer && ukind(u->elem) == Kind::Array;
  if (u->kind == Kind::Array || ptr_to_array) {
    if (u->kind == Kind::Array && x.mode != Operand::Var) {
      error(n->pos, "invalid operation: " + expr_text(n->a) + " (slice of unaddressable value)");
      return invalid();
    }
    const Type* at = ptr_to_array ? under(u->elem) : u;
    o.type = types().slice(at->elem);
    std::function<Value(Frame&)> arr;
    if (ptr_to_array) {
      Eval pe = value_eval(rvalue(x));
      arr = [pe, line](Frame& f) {
        Value p = pe(f);
        if (!p.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
        return deref(p);
      };
    } else {
      auto addr = x.addr;
      arr = [addr](Frame& f) { return *addr(f); };
    }
    std::int64_t alen = at->len;
    o.eval = [arr, lo, hi, mx, alen, line](Frame& f) {
      Value a = arr(f);
      std::int64_t l = lo ? lo(f).i : 0, h = hi ? hi(f).i : alen, m = mx ? mx(f).i : alen;
      if (m < 0 || m > alen)
        runtime_panic(*f.th, line,
                      "slice bounds out of range [::" + std::to_string(m) + "] with length " + std::to_string(alen));
      if (h < 0 || h > m)
        runtime_panic(*f.th, line,
                      "slice bounds out of range [:" + std::to_string(h) + "] with length " + std::to_string(alen));
      if (l < 0 || l > h)
        runtime_panic(*f.th, line, "slice bounds out of range [" + std::to_string(l) + ":" + std::to_string(h) + "]");
      auto* so = new SliceObj;
      so->arr = a;
      so->off = l;
      so->len = h - l;
      so->cap = m - l;
      return Value(so);
    };
    return o;
  }
  if (u->kind == Kind::Slice) {
    Eval se = value_eval(rvalue(x));
    o.type = x.type;
    o.eval = [se, lo, hi, mx, line](Frame& f) {
      Value s = se(f);
      SliceObj* so = s.r ? s.as<SliceObj>() : nullptr;
      std::int64_t cap = so ? so->cap : 0, len = so ? so->len : 0;
      std::int64_t l = lo ? lo(f).i : 0, h = hi ? hi(f).i : len, m = mx ? mx(f).i : cap;
      if (m < 0 || m > cap)
        runtime_panic(*f.th, line,
                      "slice bounds out of range [::" + std::to_string(m) + "] with capacity " + std::to_string(cap));
      if (h < 0 || h > m)
        runtime_panic(*f.th, line,
                      "slice bounds out of range [:" + std::to_string(h) + "] with capacity " + std::to_string(cap));
      if (l < 0 || l > h)
        runtime_panic(*f.th, line, "slice bounds out of range [" + std::to_string(l) + ":" + std::to_string(h) + "]");
      if (!so) return Value();
      auto* r = new SliceObj;
      r->arr = so->arr;
      r->off = so->off + l;
      r->len = h - l;
      r->cap = m - l;
      return Value(r);
    };
    return o;
  }
  error(n->pos, "cannot slice " + describe(x));
  return invalid();
}

Operand Compiler::type_assert(Node* n) {
  Operand x = val(n->a);
  if (!x.ok()) return invalid();
  if (!n->b) {
    error(n->pos2, "invalid syntax tree: use of .(type) outside type switch");
    return invalid();
  }
  if (!is_interface(x.type)) {
    error(n->a->pos, "invalid operation: " + describe(x) + " is not an interface");
    return invalid();
  }
  const Type* t = resolve_type(n->b);
  if (!t) return invalid();
  if (!is_interface(t)) {
    std::string missing;
    bool ptr_only = false, wrong = false;
    if (!implements(t, x.type, &missing, &ptr_only, &wrong)) {
      error(n->b->pos, "impossible type assertion: " + expr_text(n) + "\n\t" + type_string(t) + " does not implement " +
                           type_string(x.type) + " (missing " + missing + " method)");
      return invalid();
    }
  }
  Eval e = value_eval(x);
  const Type* from = x.type;
  int line = n->pos.line;
  Operand o;
  o.mode = Operand::Val;
  o.type = t;
  o.node = n;
  bool to_iface = is_interface(t);
  auto check = [t, to_iface](const Value& v) {
    if (!v.t) return false;
    if (to_iface) return implements(v.t, t);
    return v.t == t;
  };
  o.eval = [e, check, t, from, to_iface, line](Frame& f) {
    Value v = e(f);
    if (!check(v)) {
      std::string msg = "interface conversion: ";
      std::string fs = type_string(from, true);
      if (!v.t) {
        msg += fs.empty() || fs == "interface {}" ? "interface is nil, not " + type_string(t, true)
                                                  : "interface is nil, not " + type_string(t, true);
      } else if (to_iface) {
        std::string missing;
        implements(v.t, t, &missing);
        msg += type_string(v.t, true) + " is not " + type_string(t, true) + ": missing method " + missing;
      } else {
        msg += fs + " is " + type_string(v.t, true) + ", not " + type_string(t, true);
      }
      plain_panic_error(*f.th, line, msg);
    }
    if (!to_iface) v.t = nullptr;
    return v;
  };
  o.eval_ok = [e, check, t, to_iface](Frame& f) {
    Value v = e(f);
    bool ok = check(v);
    if (!ok) return make_tuple({zero_value(t), Value::of_bool(false)});
    if (!to_iface) v.t = nullptr;
    return make_tuple({v, Value::of_bool(true)});
  };
  return o;
}

Operand Compiler::composite(Node* n, const Type* t) {
  const Type* u = under(t);
  Operand o;
  o.mode = Operand::Val;
  o.type = t;
  o.node = n;
  const std::string lit_name = name_of(n);  // the variable this literal is assigned to, if any
  auto elem_val = [&](Node* e, const Type* et) -> Eval {
    if (e->kind == NK::CompositeLit && !e->a) {
      if (ukind(et) == Kind::Pointer) {
        Operand lit = composite(e, under(et)->elem);
        if (!lit.ok()) return nullptr;
        Eval le = lit.eval;
        return [le](Frame& f) {
          auto* c = new Cells(1);
          c->v[0] = le(f);
          return make_pointer(c, 0);
        };
      }
      Operand lit = composite(e, et);
      return lit.ok() ? lit.eval : nullptr;
    }
    Operand v = val(e, et);
    if (!v.ok()) return nullptr;
    if (!assignable(v, et,
                    ukind(t) == Kind::Struct ? "struct literal"
                    : ukind(t) == Kind::Map  ? "map literal"
                                             : "array or slice literal",
                    e->pos))
      return nullptr;
    return coerce(v, et);
  };
  switch (u->kind) {
    case Kind::Struct: {
      std::vector<std::pair<int, Eval>> inits;
      bool keyed = !n->list.empty() && n->list[0]->kind == NK::KeyValue;
      if (keyed) {
        for (Node* e : n->list) {
          if (e->kind != NK::KeyValue || e->a->kind != NK::Ident) {
            error(e->pos, "mixture of field:value and value elements in struct literal");
            return Operand{};
          }
          int idx = -1;
          for (std::size_t k = 0; k < u->fields.size(); ++k)
            if (u->fields[k].name == e->a->text) idx = static_cast<int>(k);
          if (idx < 0) {
            error(e->a->pos, "unknown field " + e->a->text + " in struct literal of type " + type_string(t));
            return Operand{};
          }
          if (!lit_name.empty() || holds_sync_values(u->fields[static_cast<std::size_t>(idx)].type) ||
              ukind(u->fields[static_cast<std::size_t>(idx)].type) == Kind::Chan)
            name_next(e->b, lit_name.empty() ? e->a->text : lit_name + "." + e->a->text);
          Eval ev = elem_val(e->b, u->fields[static_cast<std::size_t>(idx)].type);
          if (!ev) return Operand{};
          inits.emplace_back(idx, ev);
        }
      } else if (!n->list.empty()) {
        if (n->list.size() < u->fields.size()) {
          error(n->list.back()->pos, "too few values in struct literal of type " + type_string(t));
          return Operand{};
        }
        if (n->list.size() > u->fields.size()) {
          error(n->list[u->fields.size()]->pos, "too many values in struct literal of type " + type_string(t));
          return Operand{};
        }
        for (std::size_t k = 0; k < n->list.size(); ++k) {
          if (n->list[k]->kind == NK::KeyValue) {
            error(n->list[k]->pos, "mixture of field:value and value elements in struct literal");
            return Operand{};
          }
          Eval ev = elem_val(n->list[k], u->fields[k].type);
          if (!ev) return Operand{};
          inits.emplace_back(static_cast<int>(k), ev);
        }
      }
      if (lit_name.empty() || !holds_sync_values(t)) {
        o.eval = [t, inits](Frame& f) {
          Value s = zero_value(t);
          auto* c = s.as<Cells>();
          for (auto& [k, ev] : inits) c->v[static_cast<std::size_t>(k)] = ev(f);
          return s;
        };
        return o;
      }
      o.eval = [t, inits, lit_name](Frame& f) {  // its sync values named after the variable ("c.mu")
        Value s = zero_value_named(t, lit_name);
        auto* c = s.as<Cells>();
        for (auto& [k, ev] : inits) c->v[static_cast<std::size_t>(k)] = ev(f);
        return s;
      };
      return o;
    }
    case Kind::Array:
    case Kind::Slice: {
      std::vector<std::pair<std::int64_t, Eval>> inits;
      std::int64_t at = 0, len = 0;
      for (Node* e : n->list) {
        Node* v = e;
        if (e->kind == NK::KeyValue) {
          Operand k = val(e->a);
          if (!k.ok()) return Operand{};
          if (k.mode != Operand::Const || k.c.k != ConstVal::Int) {
            error(e->a->pos, "index " + expr_text(e->a) + " must be integer constant");
            return Operand{};
          }
          at = static_cast<std::int64_t>(k.c.i);
          v = e->b;
        }
        if (u->kind == Kind::Array && at >= u->len) {
          error(v->pos, "index " + std::to_string(at) + " out of bounds [0:" + std::to_string(u->len) + "]");
          return Operand{};
        }
        Eval ev = elem_val(v, u->elem);
        if (!ev) return Operand{};
        inits.emplace_back(at, ev);
        ++at;
        len = std::max(len, at);
      }
      const Type* elem = u->elem;
      if (u->kind == Kind::Array) {
        o.eval = [t, inits](Frame& f) {
          Value a = zero_value(t);
          auto* c = a.as<Cells>();
          for (auto& [k, ev] : inits) c->v[static_cast<std::size_t>(k)] = ev(f);
          return a;
        };
      } else {
        o.eval = [elem, inits, len](Frame& f) {
          Value s = make_slice(elem, len, len);
          auto* so = s.as<SliceObj>();
          for (auto& [k, ev] : inits) so->at(k) = ev(f);
          return s;
        };
      }
      return o;
    }
    case Kind::Map: {
      std::vector<std::pair<Eval, Eval>> inits;
      for (Node* e : n->list) {
        if (e->kind != NK::KeyValue) {
          error(e->pos, "missing key in map literal");
          return Operand{};
        }
        Eval k = elem_val(e->a, u->key);
        Eval v = elem_val(e->b, u->elem);
        if (!k || !v) return Operand{};
        inits.emplace_back(k, v);
      }
      const Type* mt = u;
      int line = n->pos.line;
      o.eval = [mt, inits, line](Frame& f) {
        Value m = make_map();
        for (auto& [k, v] : inits) map_set(*f.th, mt, m, k(f), v(f), line);
        return m;
      };
      return o;
    }
    default: error(n->pos, "invalid composite literal type " + type_string(t)); return Operand{};
  }
}

Operand Compiler::func_lit(Node* n) {
  std::string name =
      fn ? fn->name + ".func" + std::to_string(++fn->closures) : "glob..func" + std::to_string(n->pos.line);
  if (fn && fn->parent) {
    // Go 1.19 numbers nested closures main.main.func1.1
    FuncCtx* top = fn;
    name = fn->name + "." + std::to_string(fn->closures);
    (void)top;
  }
  FuncProto* p = compile_func(n->a, n->b, nullptr, name, n->pos);
  if (!p) return Operand{};
  Operand o;
  o.mode = Operand::Val;
  o.type = p->type;
  o.node = n;
  o.eval = [p](Frame& f) {
    auto* fo = new FuncObj;
    fo->proto = p;
    fo->caps.reserve(p->captures.size());
    for (const auto& c : p->captures)
      fo->caps.push_back(c.from_caps ? f.fn->caps[static_cast<std::size_t>(c.index)] : f.s[c.index]);
    return Value(fo);
  };
  return o;
}

}  // namespace interleave::lang
