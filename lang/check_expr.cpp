// check_expr.cpp — checking and compiling expressions: names, literals, operators, selectors, indexing.
#include <cmath>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
const Type* default_type(TypeTable& tt, const Type* t) {
  switch (t ? t->kind : Kind::Invalid) {
    case Kind::UntypedBool: return tt.basic(Kind::Bool);
    case Kind::UntypedInt: return tt.basic(Kind::Int);
    case Kind::UntypedRune: return tt.basic(Kind::Int32);
    case Kind::UntypedFloat: return tt.basic(Kind::Float64);
    case Kind::UntypedString: return tt.basic(Kind::String);
    default: return t;
  }
}
Operand invalid() { return Operand{}; }
}  // namespace

std::string Compiler::expr_text(Node* n) {
  if (!n) return "";
  switch (n->kind) {
    case NK::Ident: return n->text;
    case NK::BasicLit:
      if (n->op == Tok::String) return const_string(ConstVal{ConstVal::String, false, 0, 0, n->token.value}, nullptr);
      if (n->op == Tok::Char) {
        return "'" + (n->token.ival < 128 ? std::string(1, static_cast<char>(n->token.ival)) : std::string("?")) + "'";
      }
      return n->token.text;
    case NK::Selector: return expr_text(n->a) + "." + n->text;
    case NK::Call: {
      std::string s = expr_text(n->a) + "(";
      for (std::size_t i = 0; i < n->list.size(); ++i) s += (i ? ", " : "") + expr_text(n->list[i]);
      return s + (n->flag ? "...)" : ")");
    }
    case NK::Index: return expr_text(n->a) + "[" + expr_text(n->b) + "]";
    case NK::SliceExpr:
      return expr_text(n->a) + "[" + expr_text(n->b) + ":" + expr_text(n->c) + (n->d ? ":" + expr_text(n->d) : "") +
             "]";
    case NK::Star: return "*" + expr_text(n->a);
    case NK::Unary: return std::string(tok_text(n->op)) + expr_text(n->a);
    case NK::Binary: return expr_text(n->a) + " " + tok_text(n->op) + " " + expr_text(n->b);
    case NK::Paren: return "(" + expr_text(n->a) + ")";
    case NK::FuncLit: return "func literal";
    case NK::CompositeLit: return (n->a ? expr_text(n->a) : std::string()) + (n->list.empty() ? "{}" : "{…}");
    case NK::TypeAssert: return expr_text(n->a) + ".(" + (n->b ? expr_text(n->b) : "type") + ")";
    case NK::ArrayType: return "[" + (n->a ? expr_text(n->a) : "") + "]" + expr_text(n->b);
    case NK::MapType: return "map[" + expr_text(n->a) + "]" + expr_text(n->b);
    case NK::ChanType: return (n->dir == 2 ? "<-chan " : n->dir == 1 ? "chan<- " : "chan ") + expr_text(n->a);
    case NK::StructType: return "struct{...}";
    case NK::InterfaceType: return n->list.empty() ? "interface{}" : "interface{...}";
    case NK::FuncType: return "func(...)";
    default: return "expression";
  }
}

std::string Compiler::describe(const Operand& o) {
  std::string x = expr_text(o.node);
  switch (o.mode) {
    case Operand::Const: {
      std::string v = const_string(o.c, o.type);
      bool literal = o.node && (o.node->kind == NK::BasicLit);
      if (is_untyped(o.type))
        return x + " (" + type_string(o.type) + " constant" + (literal || v == x ? "" : " " + v) + ")";
      return x + " (constant " + (literal || v == x ? "" : v + " ") + "of type " + type_string(o.type) + ")";
    }
    case Operand::Var:
      if (o.var) return x + " (variable of type " + type_string(o.type) + ")";
      return x + " (variable of type " + type_string(o.type) + ")";
    case Operand::MapIndex: return x + " (map index expression of type " + type_string(o.type) + ")";
    case Operand::Nil: return "nil";
    case Operand::NoValue: return x + " (no value)";
    case Operand::TypeX: return x + " (type)";
    default:
      if (o.from_var) return x + " (variable of type " + type_string(o.type) + ")";
      if (o.type && o.type->kind == Kind::UntypedBool) return x + " (untyped bool value)";
      return x + " (value of type " + type_string(o.type) + ")";
  }
}

Eval Compiler::value_eval(const Operand& o) {
  if (o.mode == Operand::Const) {
    Value v = const_to_value(o.c, o.type);
    return [v](Frame&) { return v; };
  }
  if (o.mode == Operand::Nil) return [](Frame&) { return Value(); };
  return o.eval;
}

Operand Compiler::rvalue(Operand o) {
  if (o.mode == Operand::Var || o.mode == Operand::MapIndex) {
    Kind k = ukind(o.type);
    if (k == Kind::Struct || k == Kind::Array) {
      Eval e = o.eval;
      const Type* t = o.type;
      o.eval = [e, t](Frame& f) { return copy_value(t, e(f)); };
    }
    if (o.mode == Operand::Var && o.var) o.from_var = true;
    o.mode = Operand::Val;
  }
  return o;
}

Operand Compiler::constant(const ConstVal& c, const Type* t, Node* n) {
  Operand o;
  o.mode = Operand::Const;
  o.c = c;
  o.type = t;
  o.node = n;
  return o;
}

void Compiler::convert_untyped(Operand& o, const Type* target) {
  if (!o.ok() || !is_untyped(o.type)) return;
  if (o.mode == Operand::Nil) return;
  if (!target || is_untyped(target) || ukind(target) == Kind::Interface) {
    const Type* d = target && is_untyped(target) ? target : default_type(types(), o.type);
    if (o.mode == Operand::Const) {
      ConstVal r;
      if (const_representable(o.c, d, &r)) o.c = r;
    }
    o.type = d;
    return;
  }
  if (o.mode == Operand::Const) {
    ConstVal r;
    if (!const_representable(o.c, target, &r)) {
      if (o.c.k == ConstVal::Float && is_integer(target) && o.c.f != std::floor(o.c.f))
        error(o.node->pos, describe(o) + " truncated to " + type_string(target));
      else if ((o.c.k == ConstVal::Int || o.c.k == ConstVal::Float) && is_numeric(target))
        error(o.node->pos,
              "cannot use " + describe(o) + " as " + type_string(target) + " value in expression (overflows)");
      else
        error(o.node->pos, "cannot convert " + describe(o) + " to type " + type_string(target));
      o.mode = Operand::Invalid;
      return;
    }
    o.c = r;
    o.type = target;
    return;
  }
  // a non-constant untyped value: a comparison result (bool) or a shifted constant
  if (o.type->kind == Kind::UntypedBool && !is_boolean(target)) {
    error(o.node->pos, "cannot use " + describe(o) + " as " + type_string(target) + " value");
    o.mode = Operand::Invalid;
    return;
  }
  o.type = target;
}

Operand Compiler::expr(Node* n, const Type* hint) {
  switch (n->kind) {
    case NK::Ident: {
      if (n->text == "_") {
        error(n->pos, "cannot use _ as value");
        return invalid();
      }
      Entity* e = lookup(n->text);
      if (!e) {
        error(n->pos, "undefined: " + n->text);
        return invalid();
      }
      e->used = true;
      Operand o;
      o.node = n;
      switch (e->k) {
        case Entity::Const:
          if (e->name == "iota" && !e->decl) {
            if (iota_stack.empty()) {
              error(n->pos, "cannot use iota outside constant declaration");
              return invalid();
            }
            ConstVal c;
            c.k = ConstVal::Int;
            c.i = iota_stack.back();
            return constant(c, types().basic(Kind::UntypedInt), n);
          }
          if (e->decl && e->state != 2) check_global_entity(e);
          if (e->state == 3 || !e->type) return invalid();
          return constant(e->cval, e->type, n);
        case Entity::TypeName:
          if (e->decl && e->state != 2) check_global_entity(e);
          o.mode = Operand::TypeX;
          o.type = e->type;
          if (!o.type) return invalid();
          return o;
        case Entity::Nil:
          o.mode = Operand::Nil;
          o.type = types().basic(Kind::UntypedNil);
          return o;
        case Entity::Builtin:
          o.mode = Operand::Builtin;
          o.name = e->name;
          return o;
        case Entity::Package:
          o.mode = Operand::Package;
          o.name = e->name;
          imports[e->name].second = true;
          return o;
        case Entity::Func: {
          if (current_global) global_deps[current_global].insert(e);
          const FuncProto* p = e->func;
          o.mode = Operand::Val;
          o.type = e->type;
          o.var = nullptr;
          o.name = e->name;
          o.eval = [p](Frame&) {
            auto* fo = new FuncObj;
            fo->proto = p;
            return Value(fo);
          };
          return o;
        }
        case Entity::Var: {
          VarInfo* v = e->var;
          if (v->global && current_global) global_deps[current_global].insert(e);
          if (v->global && e->decl && e->state == 0) check_global_entity(e);
          v->used = true;
          o.mode = Operand::Var;
          o.type = v->type;
          o.var = v;
          o.name = v->name;
          if (!o.type) return invalid();
          if (v->global) {
            int k = v->slot;
            o.addr = [k](Frame& f) { return &f.th->globals->v[static_cast<std::size_t>(k)]; };
            o.ref = [k]() -> Eval { return [k](Frame& f) { return make_pointer(f.th->globals, k); }; };
          } else if (v->owner == fn) {
            int k = v->slot;
            o.addr = [k, v](Frame& f) {
              Value* p = &f.s[k];
              return v->boxed ? &p->as<Cells>()->v[0] : p;
            };
            o.ref = [k, v]() -> Eval {
              v->boxed = true;
              return [k](Frame& f) { return make_pointer(f.s[k].as<Cells>(), 0); };
            };
          } else {
            // captured from an enclosing function: find (or make) its capture index in every function between
            std::function<int(FuncCtx*)> capture = [&](FuncCtx* c) -> int {
              auto it = c->capture_index.find(v);
              if (it != c->capture_index.end()) return it->second;
              FuncProto::Capture cap{};
              if (c->parent == v->owner) {
                cap = FuncProto::Capture{false, v->slot};
              } else {
                cap = FuncProto::Capture{true, capture(c->parent)};
              }
              int idx = static_cast<int>(c->captured.size());
              c->captured.push_back(v);
              c->capture_index[v] = idx;
              c->proto->captures.push_back(cap);
              return idx;
            };
            v->boxed = true;
            int k = capture(fn);
            o.addr = [k](Frame& f) { return &f.fn->caps[static_cast<std::size_t>(k)].as<Cells>()->v[0]; };
            o.ref = [k]() -> Eval {
              return [k](Frame& f) { return make_pointer(f.fn->caps[static_cast<std::size_t>(k)].as<Cells>(), 0); };
            };
          }
          if (!v->global && v->owner == fn) {
            // The commonest read of all, a local variable: one call, not eval calling addr (v->boxed is read
            // when it runs, since a later &x may still box the variable).
            int k = v->slot;
            o.eval = [k, v](Frame& f) {
              const Value& s = f.s[k];
              return v->boxed ? s.as<Cells>()->v[0] : s;
            };
            return o;
          }
          auto addr = o.addr;
          o.eval = [addr](Frame& f) { return *addr(f); };
          return o;
        }
      }
      return invalid();
    }
    case NK::BasicLit: {
      ConstVal c;
      const Token& t = n->token;
      switch (n->op) {
        case Tok::Int:
          c.k = ConstVal::Int;
          c.i = static_cast<__int128>(t.ival);
          if (t.overflow) {
            c.big = true;
            c.f = t.fval;
          }
          return constant(c, types().basic(Kind::UntypedInt), n);
        case Tok::Float:
          c.k = ConstVal::Float;
          c.f = t.fval;
          return constant(c, types().basic(Kind::UntypedFloat), n);
        case Tok::Char:
          c.k = ConstVal::Int;
          c.i = static_cast<__int128>(t.ival);
          return constant(c, types().basic(Kind::UntypedRune), n);
        case Tok::String:
          c.k = ConstVal::String;
          c.s = t.value;
          return constant(c, types().basic(Kind::UntypedString), n);
        default: error(n->pos, "complex numbers are not in Interleave's Go subset"); return invalid();
      }
    }
    case NK::Paren: {
      Operand o = expr(n->a, hint);
      if (o.mode == Operand::Const || o.mode == Operand::Val) o.node = n;
      return o;
    }
    case NK::FuncLit: return func_lit(n);
    case NK::CompositeLit: {
      const Type* t = nullptr;
      if (n->a) {
        if (n->a->kind == NK::ArrayType && n->a->a && n->a->a->kind == NK::Ellipsis) {
          const Type* elem = resolve_type(n->a->b);
          if (!elem) return invalid();
          // [...]T{...}: the length is the number of elements (or the largest index + 1)
          std::int64_t len = 0, at = 0;
          for (Node* e : n->list) {
            if (e->kind == NK::KeyValue) {
              Operand k = expr(e->a);
              if (k.mode == Operand::Const && k.c.k == ConstVal::Int) at = static_cast<std::int64_t>(k.c.i);
            }
            ++at;
            len = std::max(len, at);
          }
          t = types().array(elem, len);
        } else {
          t = resolve_type(n->a);
        }
      } else {
        t = hint;
        if (!t) {
          error(n->pos, "invalid composite literal type: missing type");
          return invalid();
        }
      }
      if (!t) return invalid();
      return composite(n, t);
    }
    case NK::Selector: return selector(n);
    case NK::Index: return index(n);
    case NK::SliceExpr: return slice_expr(n);
    case NK::TypeAssert: return type_assert(n);
    case NK::Call: return call(n, hint);
    case NK::Star: {
      Operand x = expr(n->a);
      if (!x.ok()) return invalid();
      if (x.mode == Operand::TypeX) {
        Operand o;
        o.mode = Operand::TypeX;
        o.type = types().pointer(x.type);
        o.node = n;
        return o;
      }
      x = rvalue(x);
      if (x.mode == Operand::Nil) {
        error(n->pos, "invalid operation: cannot indirect nil");
        return invalid();
      }
      if (ukind(x.type) != Kind::Pointer) {
        error(n->pos, "invalid operation: cannot indirect " + describe(x));
        return invalid();
      }
      Operand o;
      o.mode = Operand::Var;
      o.type = under(x.type)->elem;
      o.node = n;
      Eval p = x.eval;
      int line = n->pos.line;
      o.addr = [p, line](Frame& f) -> Value* {
        Value pv = p(f);
        if (!pv.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
        return &deref(pv);
      };
      auto addr = o.addr;
      o.eval = [addr](Frame& f) { return *addr(f); };
      o.ref = [p]() -> Eval { return p; };
      return o;
    }
    case NK::Unary: return unary(n, hint);
    case NK::Binary: return binary(n, hint);
    case NK::KeyValue: error(n->pos, "unexpected key:value expression"); return invalid();
    case NK::ArrayType:
    case NK::MapType:
    case NK::ChanType:
    case NK::FuncType:
    case NK::StructType:
    case NK::InterfaceType: {
      const Type* t = resolve_type(n);
      if (!t) return invalid();
      Operand o;
      o.mode = Operand::TypeX;
      o.type = t;
      o.node = n;
      return o;
    }
    case NK::Ellipsis: error(n->pos, "invalid use of ..."); return invalid();
    default: error(n->pos, "unexpected expression"); return invalid();
  }
}

Operand Compiler::val(Node* n, const Type* hint) {
  Operand o = rvalue(expr(n, hint));
  switch (o.mode) {
    case Operand::TypeX: error(n->pos, expr_text(n) + " (type) is not an expression"); return invalid();
    case Operand::Package: error(n->pos, "use of package " + o.name + " without selector"); return invalid();
    case Operand::Builtin:
      error(n->pos, o.name + " (built-in function " + o.name + ") must be called");
      return invalid();
    case Operand::NoValue: error(n->pos, expr_text(n) + " (no value) used as value"); return invalid();
    default: break;
  }
  if (o.ok() && o.type && o.type->kind == Kind::Tuple) {
    error(n->pos,
          "multiple-value " + expr_text(n) + " (value of type " + type_string(o.type) + ") in single-value context");
    return invalid();
  }
  return o;
}

Eval Compiler::make_ref(Operand& v) {
  if (v.ref) return v.ref();
  Eval e = v.eval;
  return [e](Frame& f) { return new_box(e(f)); };  // not addressable in place: a fresh variable
}

// --- unary and binary operators -----------------------------------------------------------------------

Operand Compiler::unary(Node* n, const Type* hint) {
  if (n->op == Tok::And) {
    Node* x = n->a;
    while (x->kind == NK::Paren) x = x->a;
    if (x->kind == NK::CompositeLit) {
      const Type* h = hint && ukind(hint) == Kind::Pointer ? under(hint)->elem : nullptr;
      Operand lit = expr(x, h);
      if (!lit.ok()) return invalid();
      Operand o;
      o.mode = Operand::Val;
      o.type = types().pointer(lit.type);
      o.node = n;
      Eval e = lit.eval;
      o.eval = [e](Frame& f) {
        auto* c = new Cells(1);
        c->v[0] = e(f);
        return make_pointer(c, 0);
      };
      return o;
    }
    Operand v = expr(n->a);
    if (!v.ok()) return invalid();
    if (v.mode != Operand::Var) {
      error(n->pos, "invalid operation: cannot take address of " + describe(v));
      return invalid();
    }
    Operand o;
    o.mode = Operand::Val;
    o.type = types().pointer(v.type);
    o.node = n;
    o.eval = make_ref(v);
    return o;
  }
  if (n->op == Tok::Arrow) {
    Operand ch = rvalue(expr(n->a));
    if (!ch.ok()) return invalid();
    if (ukind(ch.type) != Kind::Chan) {
      error(n->pos, "invalid operation: cannot receive from non-channel " + describe(ch));
      return invalid();
    }
    if (under(ch.type)->dir == 1) {
      error(n->a->pos, "invalid operation: cannot receive from send-only channel " + describe(ch));
      return invalid();
    }
    Operand o;
    o.mode = Operand::Val;
    o.type = under(ch.type)->elem;
    o.node = n;
    Eval c = ch.eval;
    const SourceSite* s = site(n->pos.line);
    int line = n->pos.line;
    o.eval = [c, s, line](Frame& f) {
      f.th->set_line(line);
      bool ok;
      return chan_recv(*f.th, c(f), s, &ok);
    };
    o.eval_ok = [c, s, line](Frame& f) {
      f.th->set_line(line);
      bool ok;
      Value v = chan_recv(*f.th, c(f), s, &ok);
      return make_tuple({std::move(v), Value::of_bool(ok)});
    };
    return o;
  }
  Operand x = rvalue(expr(n->a, hint));
  if (!x.ok()) return invalid();
  if (x.mode == Operand::TypeX || x.mode == Operand::Nil) {
    error(n->pos, "invalid operation: operator " + std::string(tok_text(n->op)) + " not defined on " + describe(x));
    return invalid();
  }
  bool okt = false;
  switch (n->op) {
    case Tok::Add:
    case Tok::Sub: okt = is_numeric(x.type); break;
    case Tok::Not: okt = is_boolean(x.type); break;
    case Tok::Xor: okt = is_integer(x.type); break;
    default: break;
  }
  if (!okt) {
    error(n->pos, "invalid operation: operator " + std::string(tok_text(n->op)) + " not defined on " + describe(x));
    return invalid();
  }
  if (x.mode == Operand::Const) {
    ConstVal c = x.c;
    switch (n->op) {
      case Tok::Sub:
        if (c.k == ConstVal::Int)
          c.i = -c.i;
        else
          c.f = -c.f;
        break;
      case Tok::Not: c.b = !c.b; break;
      case Tok::Xor:
        if (is_unsigned(x.type)) {
          int bits = int_bits(x.type);
          unsigned __int128 mask =
              bits == 64 ? 0xFFFFFFFFFFFFFFFFull : ((static_cast<unsigned __int128>(1) << bits) - 1);
          c.i = static_cast<__int128>(~static_cast<unsigned __int128>(c.i) & mask);
        } else {
          c.i = ~c.i;
        }
        break;
      default: break;
    }
    Operand o = constant(c, x.type, n);
    if (!is_untyped(x.type) && !const_representable(c, x.type, &o.c)) {
      error(n->pos, "constant " + const_string(c, x.type) + " overflows " + type_string(x.type));
      return invalid();
    }
    return o;
  }
  Operand o;
  o.mode = Operand::Val;
  o.type = x.type;
  o.node = n;
  Eval e = x.eval;
  Kind k = ukind(x.type);
  switch (n->op) {
    case Tok::Add: o.eval = e; break;
    case Tok::Sub:
      if (is_float(x.type))
        o.eval = [e](Frame& f) { return Value::of_float(-e(f).f); };
      else
        o.eval = [e, k](Frame& f) { return Value::of_int(wrap_int(k, -e(f).i)); };
      break;
    case Tok::Not: o.eval = [e](Frame& f) { return Value::of_bool(!e(f).i); }; break;
    case Tok::Xor: o.eval = [e, k](Frame& f) { return Value::of_int(wrap_int(k, ~e(f).i)); }; break;
    default: break;
  }
  return o;
}

}  // namespace interleave::lang
