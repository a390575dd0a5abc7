// check_ops.cpp — binary operators (with constant folding), selectors, indexing, slicing, assertions.
#include <cmath>
#include <functional>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
Operand invalid() { return Operand{}; }
bool is_comparison(Tok op) {
  return op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr || op == Tok::Geq;
}
int untyped_rank(Kind k) {
  switch (k) {
    case Kind::UntypedInt: return 1;
    case Kind::UntypedRune: return 2;
    case Kind::UntypedFloat: return 3;
    default: return 0;
  }
}
bool ordered(const Type* t) { return is_numeric(t) || is_string(t); }

// An integer local variable of the function being compiled, read by name: its slot is read in place by the
// operator's closure, without a closure call of its own (the hottest operands: `i < n`, `n - 1`).
bool local_int_var(const Operand& x, const FuncCtx* fn) {
  return x.mode == Operand::Var && x.var && !x.var->global && x.var->owner == fn && x.node && x.node->kind == NK::Ident;
}
inline const Value& local_ref(Frame& f, int slot, const VarInfo* v) {
  const Value& s = f.s[slot];
  return v->boxed ? s.as<Cells>()->v[0] : s;  // boxed when its address was taken, even after this compiled
}
template <class Cmp>
Eval cmp_local_const(int slot, const VarInfo* v, std::int64_t k) {
  return [slot, v, k](Frame& f) { return Value::of_bool(Cmp{}(local_ref(f, slot, v).i, k)); };
}

template <class F>
Eval cmp_eval(Eval a, Eval b, F op) {
  return [a, b, op](Frame& f) {
    Value x = a(f);
    Value y = b(f);
    return Value::of_bool(op(x, y));
  };
}
}  // namespace

Operand Compiler::binary(Node* n, const Type* hint) {
  Tok op = n->op;
  if (op == Tok::Shl || op == Tok::Shr) {
    Operand x = val(n->a, hint);
    Operand y = val(n->b);
    if (!x.ok() || !y.ok()) return invalid();
    if (!is_integer(y.type) && !(y.mode == Operand::Const && y.c.k == ConstVal::Float && y.c.f == std::floor(y.c.f))) {
      error(n->b->pos, "invalid operation: shift count " + describe(y) + " must be integer");
      return invalid();
    }
    if (y.mode == Operand::Const &&
        ((y.c.k == ConstVal::Int && y.c.i < 0) || (y.c.k == ConstVal::Float && y.c.f < 0))) {
      error(n->b->pos, "invalid operation: negative shift count " + describe(y));
      return invalid();
    }
    if (x.mode == Operand::Const && is_untyped(x.type) && y.mode != Operand::Const) {
      // a non-constant shift of an untyped constant: it takes the type of the context
      convert_untyped(x, hint && is_integer(hint) ? hint : types().basic(Kind::Int));
    }
    if (!is_integer(x.type) && !(x.mode == Operand::Const && x.c.k == ConstVal::Float && x.c.f == std::floor(x.c.f))) {
      error(n->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      return invalid();
    }
    if (x.mode == Operand::Const && y.mode == Operand::Const) {
      ConstVal c = x.c;
      if (c.k == ConstVal::Float) {
        c.k = ConstVal::Int;
        c.i = static_cast<__int128>(c.f);
      }
      __int128 s = y.c.k == ConstVal::Int ? y.c.i : static_cast<__int128>(y.c.f);
      if (op == Tok::Shl) {
        if (s >= 126) {
          c.big = true;
          c.f = std::ldexp(static_cast<double>(c.i), static_cast<int>(s));
        } else {
          c.i = c.i << static_cast<int>(s);
        }
      } else {
        c.i = s >= 127 ? (c.i < 0 ? -1 : 0) : c.i >> static_cast<int>(s);
      }
      const Type* t = x.type->kind == Kind::UntypedFloat ? types().basic(Kind::UntypedInt) : x.type;
      Operand o = constant(c, t, n);
      if (!is_untyped(t) && !const_representable(c, t, &o.c)) {
        error(n->pos, "constant " + const_string(c, t) + " overflows " + type_string(t));
        return invalid();
      }
      return o;
    }
    convert_untyped(y, types().basic(Kind::Uint));
    Eval a = value_eval(x), b = value_eval(y);
    Kind k = ukind(x.type);
    bool uns = is_unsigned(x.type);
    bool ycount_signed = !is_unsigned(y.type);
    int line = n->pos.line;
    Operand o;
    o.mode = Operand::Val;
    o.type = x.type;
    o.node = n;
    o.eval = [a, b, k, uns, op, ycount_signed, line](Frame& f) {
      std::int64_t v = a(f).i;
      std::int64_t s = b(f).i;
      if (ycount_signed && s < 0) runtime_panic(*f.th, line, "negative shift amount");
      std::uint64_t us = static_cast<std::uint64_t>(s);
      std::int64_t r;
      if (op == Tok::Shl) {
        r = us >= 64 ? 0 : static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << us);
      } else if (uns) {
        r = us >= 64 ? 0 : static_cast<std::int64_t>(static_cast<std::uint64_t>(v) >> us);
      } else {
        r = us >= 64 ? (v < 0 ? -1 : 0) : v >> us;
      }
      return Value::of_int(wrap_int(k, r));
    };
    return o;
  }

  Operand x = val(n->a);
  Operand y = val(n->b);
  if (!x.ok() || !y.ok()) return invalid();

  if (op == Tok::LAnd || op == Tok::LOr) {
    if (!is_boolean(x.type)) {
      error(n->a->pos, "invalid operation: operator " + std::string(tok_text(op)) + " not defined on " + describe(x));
      return invalid();
    }
    if (!is_boolean(y.type)) {
      error(n->b->pos, "invalid operation: operator " + std::string(tok_text(op)) + " not defined on " + describe(y));
      return invalid();
    }
    if (is_untyped(x.type) && !is_untyped(y.type)) convert_untyped(x, y.type);
    if (is_untyped(y.type) && !is_untyped(x.type)) convert_untyped(y, x.type);
    if (!is_untyped(x.type) && !is_untyped(y.type) && x.type != y.type) {
      error(n->pos, "invalid operation: " + expr_text(n) + " (mismatched types " + type_string(x.type) + " and " +
                        type_string(y.type) + ")");
      return invalid();
    }
    if (x.mode == Operand::Const && y.mode == Operand::Const) {
      ConstVal c;
      c.k = ConstVal::Bool;
      c.b = op == Tok::LAnd ? (x.c.b && y.c.b) : (x.c.b || y.c.b);
      return constant(c, x.type, n);
    }
    Eval a = value_eval(x), b = value_eval(y);
    Operand o;
    o.mode = Operand::Val;
    o.type = x.type;
    o.node = n;
    if (op == Tok::LAnd)
      o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i && b(f).i); };
    else
      o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i || b(f).i); };
    return o;
  }

  // bring both operands to one type
  if (x.mode == Operand::Nil || y.mode == Operand::Nil) {
    Operand& other = x.mode == Operand::Nil ? y : x;
    if (!(op == Tok::Eql || op == Tok::Neq)) {
      error(n->pos, "invalid operation: operator " + std::string(tok_text(op)) + " not defined on nil");
      return invalid();
    }
    if (other.mode == Operand::Nil) {
      error(n->pos, "invalid operation: " + expr_text(n) + " (operator " + tok_text(op) + " not defined on nil)");
      return invalid();
    }
    Kind k = ukind(other.type);
    if (k != Kind::Pointer && k != Kind::Slice && k != Kind::Map && k != Kind::Chan && k != Kind::Func &&
        k != Kind::Interface) {
      error(n->pos, "invalid operation: " + expr_text(n) + " (mismatched types " + type_string(other.type) +
                        " and untyped nil)");
      return invalid();
    }
    Eval e = value_eval(other);
    bool iface = k == Kind::Interface;
    bool eq = op == Tok::Eql;
    Operand o;
    o.mode = Operand::Val;
    o.type = types().basic(Kind::UntypedBool);
    o.node = n;
    o.eval = [e, iface, eq](Frame& f) {
      Value v = e(f);
      bool isnil = iface ? v.t == nullptr : v.r == nullptr;
      return Value::of_bool(isnil == eq);
    };
    return o;
  }
  if (is_untyped(x.type) && !is_untyped(y.type)) {
    convert_untyped(x, y.type);
  } else if (is_untyped(y.type) && !is_untyped(x.type)) {
    convert_untyped(y, x.type);
  } else if (is_untyped(x.type) && is_untyped(y.type) && x.type != y.type) {
    int rx = untyped_rank(x.type->kind), ry = untyped_rank(y.type->kind);
    if (rx && ry) {
      const Type* t = rx > ry ? x.type : y.type;
      x.type = y.type = t;
      if (t->kind == Kind::UntypedFloat) {
        if (x.c.k == ConstVal::Int) x.c.f = static_cast<double>(x.c.i), x.c.k = ConstVal::Float;
        if (y.c.k == ConstVal::Int) y.c.f = static_cast<double>(y.c.i), y.c.k = ConstVal::Float;
      }
    }
  }
  if (!x.ok() || !y.ok()) return invalid();
  const Type* t = x.type;
  if (x.type != y.type) {
    // an interface compared with a value that implements it
    bool mixed_ok = is_comparison(op) && (op == Tok::Eql || op == Tok::Neq) &&
                    ((is_interface(x.type) && !is_interface(y.type) && implements(y.type, x.type)) ||
                     (is_interface(y.type) && !is_interface(x.type) && implements(x.type, y.type)));
    if (!mixed_ok) {
      error(n->pos, "invalid operation: " + expr_text(n) + " (mismatched types " + type_string(x.type) + " and " +
                        type_string(y.type) + ")");
      return invalid();
    }
    if (is_interface(x.type)) {
      y.eval = to_iface(value_eval(y), y.type, x.type);
      y.mode = Operand::Val;
      y.type = x.type;
    } else {
      x.eval = to_iface(value_eval(x), x.type, y.type);
      x.mode = Operand::Val;
      x.type = y.type;
    }
    t = x.type;
  }

  if (is_comparison(op)) {
    if (op == Tok::Eql || op == Tok::Neq) {
      if (!comparable(t)) {
        Kind k = ukind(t);
        std::string what = k == Kind::Slice  ? "slice"
                           : k == Kind::Map  ? "map"
                           : k == Kind::Func ? "func"
                                             : "struct containing uncomparable field";
        if (k == Kind::Slice || k == Kind::Map || k == Kind::Func)
          error(n->pos, "invalid operation: " + expr_text(n) + " (" + what + " can only be compared to nil)");
        else
          error(n->pos, "invalid operation: " + expr_text(n) + " (" + type_string(t) + " cannot be compared)");
        return invalid();
      }
    } else if (!ordered(t)) {
      error(n->pos, "invalid operation: " + expr_text(n) + " (operator " + tok_text(op) + " not defined on " +
                        describe(x).substr(describe(x).find('(') + 1, std::string::npos).insert(0, "").substr(0));
      return invalid();
    }
    if (x.mode == Operand::Const && y.mode == Operand::Const) {
      ConstVal c;
      c.k = ConstVal::Bool;
      int cmp = 0;
      if (x.c.k == ConstVal::String)
        cmp = x.c.s < y.c.s ? -1 : x.c.s > y.c.s ? 1 : 0;
      else if (x.c.k == ConstVal::Bool)
        cmp = x.c.b == y.c.b ? 0 : 1;
      else if (x.c.k == ConstVal::Float || y.c.k == ConstVal::Float) {
        double a = x.c.k == ConstVal::Float ? x.c.f : static_cast<double>(x.c.i);
        double b = y.c.k == ConstVal::Float ? y.c.f : static_cast<double>(y.c.i);
        cmp = a < b ? -1 : a > b ? 1 : 0;
      } else
        cmp = x.c.i < y.c.i ? -1 : x.c.i > y.c.i ? 1 : 0;
      switch (op) {
        case Tok::Eql: c.b = cmp == 0; break;
        case Tok::Neq: c.b = cmp != 0; break;
        case Tok::Lss: c.b = cmp < 0; break;
        case Tok::Leq: c.b = cmp <= 0; break;
        case Tok::Gtr: c.b = cmp > 0; break;
        default: c.b = cmp >= 0; break;
      }
      return constant(c, types().basic(Kind::UntypedBool), n);
    }
    convert_untyped(x, nullptr);
    convert_untyped(y, nullptr);
    t = x.type;
    Eval a = value_eval(x), b = value_eval(y);
    Operand o;
    o.mode = Operand::Val;
    o.type = types().basic(Kind::UntypedBool);
    o.node = n;
    if (is_integer(t) && !is_unsigned(t)) {
      if (y.mode == Operand::Const && local_int_var(x, fn)) {
        std::int64_t k = const_to_value(y.c, t).i;
        int slot = x.var->slot;
        const VarInfo* v = x.var;
        switch (op) {
          case Tok::Eql: o.eval = cmp_local_const<std::equal_to<std::int64_t>>(slot, v, k); break;
          case Tok::Neq: o.eval = cmp_local_const<std::not_equal_to<std::int64_t>>(slot, v, k); break;
          case Tok::Lss: o.eval = cmp_local_const<std::less<std::int64_t>>(slot, v, k); break;
          case Tok::Leq: o.eval = cmp_local_const<std::less_equal<std::int64_t>>(slot, v, k); break;
          case Tok::Gtr: o.eval = cmp_local_const<std::greater<std::int64_t>>(slot, v, k); break;
          default: o.eval = cmp_local_const<std::greater_equal<std::int64_t>>(slot, v, k); break;
        }
        return o;
      }
      if (y.mode == Operand::Const) {
        std::int64_t k = const_to_value(y.c, t).i;
        switch (op) {
          case Tok::Eql: o.eval = [a, k](Frame& f) { return Value::of_bool(a(f).i == k); }; break;
          case Tok::Neq: o.eval = [a, k](Frame& f) { return Value::of_bool(a(f).i != k); }; break;
          case Tok::Lss: o.eval = [a, k](Frame& f) { return Value::of_bool(a(f).i < k); }; break;
          case Tok::Leq: o.eval = [a, k](Frame& f) { return Value::of_bool(a(f).i <= k); }; break;
          case Tok::Gtr: o.eval = [a, k](Frame& f) { return Value::of_bool(a(f).i > k); }; break;
          default: o.eval = [a, k](Frame& f) { return Value::of_bool(a(f).i >= k); }; break;
        }
        return o;
      }
      switch (op) {
        case Tok::Eql: o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i == b(f).i); }; break;
        case Tok::Neq: o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i != b(f).i); }; break;
        case Tok::Lss: o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i < b(f).i); }; break;
        case Tok::Leq: o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i <= b(f).i); }; break;
        case Tok::Gtr: o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i > b(f).i); }; break;
        default: o.eval = [a, b](Frame& f) { return Value::of_bool(a(f).i >= b(f).i); }; break;
      }
      return o;
    }
    if (is_unsigned(t)) {
      auto u = [](const Value& v) { return static_cast<std::uint64_t>(v.i); };
      switch (op) {
        case Tok::Eql: o.eval = cmp_eval(a, b, [u](const Value& p, const Value& q) { return u(p) == u(q); }); break;
        case Tok::Neq: o.eval = cmp_eval(a, b, [u](const Value& p, const Value& q) { return u(p) != u(q); }); break;
        case Tok::Lss: o.eval = cmp_eval(a, b, [u](const Value& p, const Value& q) { return u(p) < u(q); }); break;
        case Tok::Leq: o.eval = cmp_eval(a, b, [u](const Value& p, const Value& q) { return u(p) <= u(q); }); break;
        case Tok::Gtr: o.eval = cmp_eval(a, b, [u](const Value& p, const Value& q) { return u(p) > u(q); }); break;
        default: o.eval = cmp_eval(a, b, [u](const Value& p, const Value& q) { return u(p) >= u(q); }); break;
      }
      return o;
    }
    if (is_float(t)) {
      switch (op) {
        case Tok::Eql: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return p.f == q.f; }); break;
        case Tok::Neq: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return p.f != q.f; }); break;
        case Tok::Lss: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return p.f < q.f; }); break;
        case Tok::Leq: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return p.f <= q.f; }); break;
        case Tok::Gtr: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return p.f > q.f; }); break;
        default: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return p.f >= q.f; }); break;
      }
      return o;
    }
    if (is_string(t)) {
      switch (op) {
        case Tok::Eql:
          o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return str_of(p) == str_of(q); });
          break;
        case Tok::Neq:
          o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return str_of(p) != str_of(q); });
          break;
        case Tok::Lss:
          o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return str_of(p) < str_of(q); });
          break;
        case Tok::Leq:
          o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return str_of(p) <= str_of(q); });
          break;
        case Tok::Gtr:
          o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return str_of(p) > str_of(q); });
          break;
        default: o.eval = cmp_eval(a, b, [](const Value& p, const Value& q) { return str_of(p) >= str_of(q); }); break;
      }
      return o;
    }
    bool eq = op == Tok::Eql;
    int line = n->pos.line;
    o.eval = [a, b, t, eq, line](Frame& f) {
      Value p = a(f), q = b(f);
      if (ukind(t) == Kind::Interface && p.t && p.t == q.t && !comparable(p.t))
        runtime_panic(*f.th, line, "comparing uncomparable type " + type_string(p.t, true));
      return Value::of_bool(values_equal(t, p, q) == eq);
    };
    return o;
  }

  // arithmetic
  bool okop = false;
  switch (op) {
    case Tok::Add: okop = is_numeric(t) || is_string(t); break;
    case Tok::Sub:
    case Tok::Mul:
    case Tok::Quo: okop = is_numeric(t); break;
    case Tok::Rem:
    case Tok::And:
    case Tok::Or:
    case Tok::Xor:
    case Tok::AndNot: okop = is_integer(t); break;
    default: break;
  }
  if (!okop) {
    error(n->pos, "invalid operation: operator " + std::string(tok_text(op)) + " not defined on " + describe(x));
    return invalid();
  }
  if ((op == Tok::Quo || op == Tok::Rem) && y.mode == Operand::Const &&
      ((y.c.k == ConstVal::Int && y.c.i == 0) || (y.c.k == ConstVal::Float && y.c.f == 0)) && is_integer(t)) {
    error(n->b->pos, "invalid operation: division by zero");
    return invalid();
  }
  if (x.mode == Operand::Const && y.mode == Operand::Const) {
    ConstVal c = x.c;
    if (c.k == ConstVal::String) {
      c.s += y.c.s;
      return constant(c, t, n);
    }
    bool as_float = is_float(t) || x.c.k == ConstVal::Float || y.c.k == ConstVal::Float;
    if (as_float && !is_integer(t)) {
      double a = x.c.k == ConstVal::Float ? x.c.f : static_cast<double>(x.c.i);
      double b = y.c.k == ConstVal::Float ? y.c.f : static_cast<double>(y.c.i);
      if (op == Tok::Quo && b == 0) {
        error(n->b->pos, "invalid operation: division by zero");
        return invalid();
      }
      c.k = ConstVal::Float;
      switch (op) {
        case Tok::Add: c.f = a + b; break;
        case Tok::Sub: c.f = a - b; break;
        case Tok::Mul: c.f = a * b; break;
        default: c.f = a / b; break;
      }
    } else {
      __int128 a = x.c.k == ConstVal::Float ? static_cast<__int128>(x.c.f) : x.c.i;
      __int128 b = y.c.k == ConstVal::Float ? static_cast<__int128>(y.c.f) : y.c.i;
      c.k = ConstVal::Int;
      switch (op) {
        case Tok::Add: c.i = a + b; break;
        case Tok::Sub: c.i = a - b; break;
        case Tok::Mul: c.i = a * b; break;
        case Tok::Quo: c.i = a / b; break;
        case Tok::Rem: c.i = a % b; break;
        case Tok::And: c.i = a & b; break;
        case Tok::Or: c.i = a | b; break;
        case Tok::Xor: c.i = a ^ b; break;
        default: c.i = a & ~b; break;
      }
    }
    Operand o = constant(c, t, n);
    if (!is_untyped(t) && !const_representable(c, t, &o.c)) {
      error(n->pos, "constant " + const_string(c, t) + " overflows " + type_string(t));
      return invalid();
    }
    return o;
  }
  convert_untyped(x, nullptr);
  convert_untyped(y, nullptr);
  t = x.type;
  Eval a = value_eval(x), b = value_eval(y);
  Operand o;
  o.mode = Operand::Val;
  o.type = t;
  o.node = n;
  int line = n->pos.line;
  Kind k = ukind(t);
  if (is_string(t)) {
    o.eval = [a, b](Frame& f) {
      Value p = a(f), q = b(f);
      if (!q.r) return p;
      if (!p.r) return q;
      return make_string(str_of(p) + str_of(q));
    };
    return o;
  }
  if (is_float(t)) {
    bool f32 = k == Kind::Float32;
    auto fin = [f32](double v) { return Value::of_float(f32 ? static_cast<float>(v) : v); };
    switch (op) {
      case Tok::Add: o.eval = [a, b, fin](Frame& f) { return fin(a(f).f + b(f).f); }; break;
      case Tok::Sub: o.eval = [a, b, fin](Frame& f) { return fin(a(f).f - b(f).f); }; break;
      case Tok::Mul: o.eval = [a, b, fin](Frame& f) { return fin(a(f).f * b(f).f); }; break;
      default: o.eval = [a, b, fin](Frame& f) { return fin(a(f).f / b(f).f); }; break;
    }
    return o;
  }
  bool uns = is_unsigned(t);
  bool wrap = needs_wrap(k);
  if (y.mode == Operand::Const && !wrap && (op == Tok::Add || op == Tok::Sub)) {
    std::int64_t kv = const_to_value(y.c, t).i;
    if (op == Tok::Sub) kv = static_cast<std::int64_t>(0ull - static_cast<std::uint64_t>(kv));
    if (local_int_var(x, fn)) {
      int slot = x.var->slot;
      const VarInfo* v = x.var;
      o.eval = [slot, v, kv](Frame& f) {
        return Value::of_int(static_cast<std::int64_t>(static_cast<std::uint64_t>(local_ref(f, slot, v).i) +
                                                       static_cast<std::uint64_t>(kv)));
      };
      return o;
    }
    o.eval = [a, kv](Frame& f) {
      return Value::of_int(
          static_cast<std::int64_t>(static_cast<std::uint64_t>(a(f).i) + static_cast<std::uint64_t>(kv)));
    };
    return o;
  }
  switch (op) {
    case Tok::Add:
      o.eval = [a, b, k](Frame& f) {
        std::uint64_t r = static_cast<std::uint64_t>(a(f).i) + static_cast<std::uint64_t>(b(f).i);
        return Value::of_int(wrap_int(k, static_cast<std::int64_t>(r)));
      };
      break;
    case Tok::Sub:
      o.eval = [a, b, k](Frame& f) {
        std::uint64_t r = static_cast<std::uint64_t>(a(f).i) - static_cast<std::uint64_t>(b(f).i);
        return Value::of_int(wrap_int(k, static_cast<std::int64_t>(r)));
      };
      break;
    case Tok::Mul:
      o.eval = [a, b, k](Frame& f) {
        std::uint64_t r = static_cast<std::uint64_t>(a(f).i) * static_cast<std::uint64_t>(b(f).i);
        return Value::of_int(wrap_int(k, static_cast<std::int64_t>(r)));
      };
      break;
    case Tok::Quo:
    case Tok::Rem: {
      bool quo = op == Tok::Quo;
      o.eval = [a, b, k, uns, quo, line](Frame& f) {
        std::int64_t p = a(f).i, q = b(f).i;
        if (q == 0) runtime_panic(*f.th, line, "integer divide by zero");
        std::int64_t r;
        if (uns) {
          auto up = static_cast<std::uint64_t>(p), uq = static_cast<std::uint64_t>(q);
          r = static_cast<std::int64_t>(quo ? up / uq : up % uq);
        } else if (q == -1) {
          r = quo ? static_cast<std::int64_t>(0ull - static_cast<std::uint64_t>(p)) : 0;
        } else {
          r = quo ? p / q : p % q;
        }
        return Value::of_int(wrap_int(k, r));
      };
      break;
    }
    case Tok::And: o.eval = [a, b](Frame& f) { return Value::of_int(a(f).i & b(f).i); }; break;
    case Tok::Or: o.eval = [a, b](Frame& f) { return Value::of_int(a(f).i | b(f).i); }; break;
    case Tok::Xor: o.eval = [a, b, k](Frame& f) { return Value::of_int(wrap_int(k, a(f).i ^ b(f).i)); }; break;
    default: o.eval = [a, b](Frame& f) { return Value::of_int(a(f).i & ~b(f).i); }; break;
  }
  return o;
}

// --- selectors ------------------------------------------------------------------------------------------

namespace {
struct Step {
  int index;
  bool deref;
};
// Walks from a struct value (or a pointer to one) along embedded fields; returns the field's storage.
Value* walk(Value* cur, const std::vector<Step>& steps, Thread& th, int line) {
  for (const Step& s : steps) {
    if (s.deref) {
      if (!cur->r) runtime_panic(th, line, "invalid memory address or nil pointer dereference", true);
      cur = &deref(*cur);
    }
    cur = &cur->as<Cells>()->v[static_cast<std::size_t>(s.index)];
  }
  return cur;
}
}  // namespace

Operand Compiler::field_path(Operand x, const std::vector<int>& path, Node* n) {
  FieldLookup fl;
  fl.path = path;
  {
    const Type* t = x.type;
    for (int idx : path) {
      if (ukind(t) == Kind::Pointer) t = under(t)->elem;
      t = under(t)->fields[static_cast<std::size_t>(idx)].type;
    }
    fl.type = t;
  }
  std::vector<Step> steps;
  const Type* t = x.type;
  for (int idx : fl.path) {
    bool d = false;
    if (ukind(t) == Kind::Pointer) {
      d = true;
      t = under(t)->elem;
    }
    steps.push_back({idx, d});
    t = under(t)->fields[static_cast<std::size_t>(idx)].type;
  }
  bool through_ptr = false;
  for (auto& s : steps) through_ptr |= s.deref;
  Operand o;
  o.node = n;
  o.type = fl.type;
  int line = n->pos2.line;
  if (x.mode == Operand::Var || through_ptr) {
    o.mode = Operand::Var;
    if (x.mode == Operand::Var) {
      auto base = x.addr;
      o.addr = [base, steps, line](Frame& f) { return walk(base(f), steps, *f.th, line); };
    } else {
      Eval base = value_eval(rvalue(x));
      // the first step dereferences: the pointee outlives this expression
      o.addr = [base, steps, line](Frame& f) {
        Value p = base(f);
        Value* first = nullptr;
        if (!p.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
        first = &deref(p);
        std::vector<Step> rest = steps;
        rest[0].deref = false;
        return walk(first, rest, *f.th, line);
      };
    }
    auto addr = o.addr;
    o.eval = [addr](Frame& f) { return *addr(f); };
    // &x.f: the containing struct's cells and the field's index
    std::vector<Step> head(steps.begin(), steps.end() - 1);
    Step last = steps.back();
    if (x.mode == Operand::Var) {
      auto base = x.addr;
      o.ref = [base, head, last, line]() -> Eval {
        return [base, head, last, line](Frame& f) {
          Value* s = walk(base(f), head, *f.th, line);
          if (last.deref) {
            if (!s->r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
            s = &deref(*s);
          }
          return make_pointer(s->as<Cells>(), last.index);
        };
      };
    } else {
      Eval base = value_eval(rvalue(x));
      o.ref = [base, head, last, line, steps]() -> Eval {
        return [base, steps, line](Frame& f) {
          Value p = base(f);
          if (!p.r) runtime_panic(*f.th, line, "invalid memory address or nil pointer dereference", true);
          Value* s = &deref(p);
          std::vector<Step> rest(steps.begin(), steps.end() - 1);
          if (!rest.empty()) rest[0].deref = false;
          s = walk(s, rest, *f.th, line);
          if (steps.size() > 1 && steps.back().deref) s = &deref(*s);
          return make_pointer(s->as<Cells>(), steps.back().index);
        };
      };
    }
    return o;
  }
  o.mode = Operand::Val;
  Eval base = x.eval;
  const Type* ft = fl.type;
  o.eval = [base, steps, line, ft](Frame& f) {
    Value s = base(f);
    return copy_value(ft, *walk(&s, steps, *f.th, line));
  };
  return o;
}

Operand Compiler::selector(Node* n) {
  if (n->a->kind == NK::Ident) {
    Entity* e = lookup(n->a->text);
    if (e && e->k == Entity::Package) {
      e->used = true;
      imports[e->name].second = true;
      auto& members = packages[import_paths[e->name]];
      auto it = members.find(n->text);
      if (it == members.end()) {
        if (!n->text.empty() && std::islower(static_cast<unsigned char>(n->text[0])))
          error(n->pos2, "name " + n->text + " not exported by package " + e->name);
        else
          error(n->pos2, "undefined: " + e->name + "." + n->text);
        return invalid();
      }
      Entity* m = it->second;
      Operand o;
      o.node = n;
      switch (m->k) {
        case Entity::Const: return constant(m->cval, m->type, n);
        case Entity::TypeName:
          o.mode = Operand::TypeX;
          o.type = m->type;
          return o;
        case Entity::Func: {
          const FuncProto* p = m->func;
          o.mode = Operand::Val;
          o.type = m->type;
          o.name = e->name + "." + n->text;
          o.eval = [p](Frame&) {
            auto* fo = new FuncObj;
            fo->proto = p;
            return Value(fo);
          };
          return o;
        }
        case Entity::Var: {
          VarInfo* v = m->var;
          o.mode = Operand::Var;
          o.type = v->type;
          int k = v->slot;
          o.addr = [k](Frame& f) { return &f.th->globals->v[static_cast<std::size_t>(k)]; };
          o.ref = [k]() -> Eval { return [k](Frame& f) { return make_pointer(f.th->globals, k); }; };
          o.eval = [k](Frame& f) { return f.th->globals->v[static_cast<std::size_t>(k)]; };
          return o;
        }
        default: return invalid();
      }
    }
  }
  Operand x = expr(n->a);
  if (!x.ok()) return invalid();
  if (x.mode == Operand::TypeX) {
    error(n->pos, "method expressions (" + expr_text(n) + ") are not in Interleave's Go subset");
    return invalid();
  }
  if (x.mode == Operand::Package || x.mode == Operand::Builtin || x.mode == Operand::Nil ||
      x.mode == Operand::NoValue) {
    x = val(n->a);
    return invalid();
  }
  FieldLookup fl = find_field(x.type, n->text);
  if (!fl.path.empty() && !(ukind(x.type) == Kind::Pointer && ukind(under(x.type)->elem) == Kind::Pointer)) {
    if (fl.ambiguous) {
      error(n->pos2, "ambiguous selector " + expr_text(n));
      return invalid();
    }
    return field_path(x, fl.path, n);
  }
  MethodLookup ml = find_method(x.type, n->text);
  if (ml.method) {
    Operand o;
    o.mode = Operand::Val;
    o.type = ml.method->sig;
    o.node = n;
    o.eval = method_value(x, ml, n);
    if (!o.eval) return invalid();
    return o;
  }
  std::string tn = type_string(x.type);
  if (ukind(x.type) == Kind::Pointer && is_interface(under(x.type)->elem)) {
    error(n->pos2, expr_text(n) + " undefined (type " + tn + " is pointer to interface, not interface)");
    return invalid();
  }
  error(n->pos2, expr_text(n) + " undefined (type " + tn + " has no field or method " + n->text + ")");
  return invalid();
}

}  // namespace interleave::lang
