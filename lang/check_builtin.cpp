// check_builtin.cpp — assignability, conversions and the built-in functions (len, append, make, ...).
#include <cmath>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
Operand invalid() { return Operand{}; }
}  // namespace

Eval Compiler::to_iface(Eval e, const Type* from, const Type* to) {
  if (is_interface(from) || !is_interface(to)) return e;
  return [e, from](Frame& f) {
    Value v = e(f);
    v.t = from;
    return v;
  };
}

Eval Compiler::coerce(Operand& o, const Type* target) {
  if (o.mode == Operand::Nil) return [](Frame&) { return Value(); };
  Eval e = value_eval(o);
  if (is_interface(target) && !is_interface(o.type)) return to_iface(e, o.type, target);
  return e;
}

bool Compiler::assignable(Operand& o, const Type* t, const std::string& context, Pos pos) {
  if (!o.ok() || !t) return false;
  if (o.mode == Operand::NoValue) {
    error(pos, expr_text(o.node) + " (no value) used as value");
    return false;
  }
  if (o.mode == Operand::Nil) {
    Kind k = ukind(t);
    if (k == Kind::Pointer || k == Kind::Slice || k == Kind::Map || k == Kind::Chan || k == Kind::Func ||
        k == Kind::Interface)
      return true;
    error(pos, "cannot use nil as " + type_string(t) + " value in " + context);
    return false;
  }
  if (is_untyped(o.type)) {
    if (is_interface(t)) {
      if (!under(t)->methods.empty()) {
        convert_untyped(o, nullptr);
        goto typed;
      }
      convert_untyped(o, nullptr);
      return true;
    }
    if (o.mode == Operand::Const) {
      ConstVal r;
      bool kind_ok = (o.c.k == ConstVal::Bool && is_boolean(t)) || (o.c.k == ConstVal::String && is_string(t)) ||
                     ((o.c.k == ConstVal::Int || o.c.k == ConstVal::Float) && is_numeric(t));
      if (!kind_ok) {
        error(pos, "cannot use " + describe(o) + " as " + type_string(t) + " value in " + context);
        return false;
      }
      if (!const_representable(o.c, t, &r)) {
        if (o.c.k == ConstVal::Float && is_integer(t) && o.c.f != std::floor(o.c.f))
          error(pos, "cannot use " + describe(o) + " as " + type_string(t) + " value in " + context + " (truncated)");
        else
          error(pos, "cannot use " + describe(o) + " as " + type_string(t) + " value in " + context + " (overflows)");
        return false;
      }
      o.c = r;
      o.type = t;
      return true;
    }
    if (o.type->kind == Kind::UntypedBool && is_boolean(t)) {
      o.type = t;
      return true;
    }
    convert_untyped(o, t);
    return o.ok();
  }
typed:
  const Type* v = o.type;
  if (v == t) return true;
  const Type* vu = under(v);
  const Type* tu = under(t);
  if (vu == tu && (!v->is_named() || !t->is_named()) && vu->kind != Kind::Interface) return true;
  if (vu == tu && vu->kind == Kind::Interface && (!v->is_named() || !t->is_named())) return true;
  if (tu->kind == Kind::Interface) {
    std::string missing;
    bool ptr_only = false, wrong = false;
    if (implements(v, t, &missing, &ptr_only, &wrong)) return true;
    std::string why;
    if (ptr_only)
      why = "(" + missing + " method has pointer receiver)";
    else if (wrong)
      why = "(wrong type for method " + missing + ")";
    else
      why = "(missing " + missing + " method)";
    error(pos, "cannot use " + describe(o) + " as type " + type_string(t) + " in " + context + ":\n\t" +
                   type_string(v) + " does not implement " + type_string(t) + " " + why);
    return false;
  }
  if (vu->kind == Kind::Chan && tu->kind == Kind::Chan && vu->dir == 0 && vu->elem == tu->elem &&
      (!v->is_named() || !t->is_named()))
    return true;
  error(pos, "cannot use " + describe(o) + " as " + type_string(t) + " value in " + context);
  return false;
}

// --- conversions ----------------------------------------------------------------------------------------

Operand Compiler::conversion(Node* n, const Type* t) {
  if (n->list.size() != 1) {
    if (n->list.empty())
      error(n->pos2, "missing argument in conversion to " + type_string(t));
    else
      error(n->list[1]->pos, "too many arguments in conversion to " + type_string(t));
    return invalid();
  }
  Operand x = val(n->list[0], t);
  if (!x.ok()) return invalid();
  Operand o;
  o.mode = Operand::Val;
  o.type = t;
  o.node = n;
  if (x.mode == Operand::Nil) {
    Kind k = ukind(t);
    if (k == Kind::Pointer || k == Kind::Slice || k == Kind::Map || k == Kind::Chan || k == Kind::Func ||
        k == Kind::Interface) {
      o.eval = [](Frame&) { return Value(); };
      return o;
    }
    error(n->list[0]->pos, "cannot convert nil to type " + type_string(t));
    return invalid();
  }
  // constants stay constant
  if (x.mode == Operand::Const && is_const_type(t)) {
    ConstVal r;
    if (is_string(t) && is_integer(x.type)) {
      std::string s;
      __int128 cp = x.c.i;
      std::uint32_t c =
          (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) ? 0xFFFD : static_cast<std::uint32_t>(cp);
      s = utf8_encode(c);
      ConstVal sc;
      sc.k = ConstVal::String;
      sc.s = s;
      return constant(sc, t, n);
    }
    bool numeric_ok = is_numeric(t) && (x.c.k == ConstVal::Int || x.c.k == ConstVal::Float);
    if ((numeric_ok || (is_string(t) && x.c.k == ConstVal::String) || (is_boolean(t) && x.c.k == ConstVal::Bool))) {
      ConstVal src = x.c;
      if (is_integer(t) && src.k == ConstVal::Float && src.f != std::floor(src.f)) {
        error(n->list[0]->pos, "cannot convert " + describe(x) + " to type " + type_string(t) + " (truncated)");
        return invalid();
      }
      if (!const_representable(src, t, &r)) {
        error(n->list[0]->pos, "cannot convert " + describe(x) + " to type " + type_string(t) + " (overflows)");
        return invalid();
      }
      return constant(r, t, n);
    }
  }
  convert_untyped(
      x, is_interface(t) ? nullptr : (is_untyped(x.type) && x.c.k == ConstVal::Int && is_float(t) ? t : nullptr));
  const Type* from = x.type;
  const Type* fu = under(from);
  const Type* tu = under(t);
  Eval e = value_eval(x);
  Kind fk = fu->kind, tk = tu->kind;
  if (tk == Kind::Interface) {
    Operand tmp = x;
    if (!assignable(tmp, t, "conversion", n->list[0]->pos)) return invalid();
    o.eval = to_iface(e, from, t);
    return o;
  }
  if (fu == tu || (fk == Kind::Pointer && tk == Kind::Pointer && under(fu->elem) == under(tu->elem))) {
    o.eval = e;
    return o;
  }
  if (is_numeric(from) && is_numeric(t)) {
    bool fi = is_integer(from), ti = is_integer(t);
    bool fu64 = is_unsigned(from) && int_bits(from) == 64;
    if (fi && ti) {
      o.eval = [e, tk](Frame& f) { return Value::of_int(wrap_int(tk, e(f).i)); };
    } else if (fi && !ti) {
      bool f32 = tk == Kind::Float32;
      o.eval = [e, fu64, f32](Frame& f) {
        std::int64_t v = e(f).i;
        double d = fu64 ? static_cast<double>(static_cast<std::uint64_t>(v)) : static_cast<double>(v);
        return Value::of_float(f32 ? static_cast<float>(d) : d);
      };
    } else if (!fi && ti) {
      bool tu64 = is_unsigned(t);
      o.eval = [e, tk, tu64](Frame& f) {
        double d = e(f).f;
        std::int64_t v;
        if (std::isnan(d))
          v = INT64_MIN;
        else if (tu64 && d >= 9.2233720368547758e18)
          v = static_cast<std::int64_t>(static_cast<std::uint64_t>(d));
        else if (d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
          v = INT64_MIN;
        else
          v = static_cast<std::int64_t>(d);
        return Value::of_int(wrap_int(tk, v));
      };
    } else {
      bool f32 = tk == Kind::Float32;
      o.eval = [e, f32](Frame& f) { return Value::of_float(f32 ? static_cast<float>(e(f).f) : e(f).f); };
    }
    return o;
  }
  if (tk == Kind::String && is_integer(from)) {
    o.eval = [e](Frame& f) {
      std::int64_t v = e(f).i;
      std::uint32_t c = (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) ? 0xFFFD : static_cast<std::uint32_t>(v);
      return make_string(utf8_encode(c));
    };
    return o;
  }
  if (tk == Kind::String && fk == Kind::Slice && (ukind(fu->elem) == Kind::Uint8 || ukind(fu->elem) == Kind::Int32)) {
    bool bytes = ukind(fu->elem) == Kind::Uint8;
    o.eval = [e, bytes](Frame& f) {
      Value s = e(f);
      std::string out;
      if (s.r) {
        auto* so = s.as<SliceObj>();
        for (std::int64_t i = 0; i < so->len; ++i) {
          if (bytes)
            out += static_cast<char>(so->at(i).i);
          else
            out += utf8_encode(static_cast<std::uint32_t>(so->at(i).i));
        }
      }
      return make_string(std::move(out));
    };
    return o;
  }
  if (fk == Kind::String && tk == Kind::Slice && (ukind(tu->elem) == Kind::Uint8 || ukind(tu->elem) == Kind::Int32)) {
    bool bytes = ukind(tu->elem) == Kind::Uint8;
    o.eval = [e, bytes](Frame& f) {
      const std::string& s = str_of(e(f));
      std::vector<Value> vs;
      if (bytes) {
        for (unsigned char c : s) vs.push_back(Value::of_int(c));
      } else {
        std::size_t i = 0;
        while (i < s.size()) vs.push_back(Value::of_int(utf8_decode(s, i)));
      }
      return make_slice_of(std::move(vs));
    };
    return o;
  }
  error(n->list[0]->pos, "cannot convert " + describe(x) + " to type " + type_string(t));
  return invalid();
}

// --- built-in functions ---------------------------------------------------------------------------------

Operand Compiler::builtin_call(Node* n, const std::string& name) {
  auto& args = n->list;
  int line = n->pos.line;
  Operand o;
  o.node = n;
  o.mode = Operand::Val;
  o.is_call = true;
  auto want_args = [&](std::size_t lo, std::size_t hi) {
    if (args.size() < lo) {
      error(n->pos2.line ? Pos{n->pos2.line, n->pos2.col} : n->pos, "not enough arguments for " + expr_text(n) +
                                                                        " (expected " + std::to_string(lo) +
                                                                        ", found " + std::to_string(args.size()) + ")");
      return false;
    }
    if (args.size() > hi) {
      error(args[hi]->pos, "too many arguments for " + expr_text(n) + " (expected " + std::to_string(hi) + ", found " +
                               std::to_string(args.size()) + ")");
      return false;
    }
    return true;
  };
  if (name == "len" || name == "cap") {
    if (!want_args(1, 1)) return invalid();
    Operand x = val(args[0]);
    if (!x.ok()) return invalid();
    const Type* u = under(x.type);
    if (u->kind == Kind::Pointer && ukind(u->elem) == Kind::Array) u = under(u->elem);
    o.type = types().basic(Kind::Int);
    bool is_len = name == "len";
    if (x.mode == Operand::Const && is_string(x.type) && is_len) {
      ConstVal c;
      c.k = ConstVal::Int;
      c.i = static_cast<__int128>(x.c.s.size());
      return constant(c, types().basic(Kind::Int), n);
    }
    Eval e = value_eval(x);
    switch (u->kind) {
      case Kind::String:
      case Kind::UntypedString:
        if (!is_len) break;
        o.eval = [e](Frame& f) { return Value::of_int(static_cast<std::int64_t>(str_of(e(f)).size())); };
        return o;
      case Kind::Array: {
        ConstVal c;
        c.k = ConstVal::Int;
        c.i = u->len;
        return constant(c, types().basic(Kind::Int), n);
      }
      case Kind::Slice:
        if (is_len)
          o.eval = [e](Frame& f) { return Value::of_int(slice_len(e(f))); };
        else
          o.eval = [e](Frame& f) {
            Value s = e(f);
            return Value::of_int(s.r ? s.as<SliceObj>()->cap : 0);
          };
        return o;
      case Kind::Map:
        if (!is_len) break;
        o.eval = [e](Frame& f) {
          Value m = e(f);
          return Value::of_int(m.r ? static_cast<std::int64_t>(m.as<MapObj>()->live) : 0);
        };
        return o;
      case Kind::Chan:
        o.eval = [e, is_len](Frame& f) {
          Value c = e(f);
          if (!c.r) return Value::of_int(0);
          auto* co = c.as<ChanObj>();
          if (co->timer) return Value::of_int(0);  // Go 1.23: a timer's channel is unbuffered (len, cap 0)
          return Value::of_int(static_cast<std::int64_t>(is_len ? co->ch.len() : co->ch.cap()));
        };
        return o;
      default: break;
    }
    error(args[0]->pos, "invalid argument: " + describe(x) + " for " + name);
    return invalid();
  }
  if (name == "append") {
    if (args.empty()) {
      error(n->pos, "not enough arguments for append() (expected 1, found 0)");
      return invalid();
    }
    Operand s = val(args[0]);
    if (!s.ok()) return invalid();
    if (s.mode == Operand::Nil) {
      error(args[0]->pos, "first argument to append must be a typed slice; found untyped nil");
      return invalid();
    }
    if (ukind(s.type) != Kind::Slice) {
      error(args[0]->pos, "invalid argument: " + describe(s) + " (first argument to append must be a slice)");
      return invalid();
    }
    const Type* elem = under(s.type)->elem;
    o.type = s.type;
    Eval se = value_eval(s);
    if (n->flag) {
      if (args.size() != 2) {
        error(n->pos, "can only use ... with final argument in list");
        return invalid();
      }
      Operand rest = val(args[1]);
      if (!rest.ok()) return invalid();
      Eval re = value_eval(rest);
      if (is_string(rest.type) && ukind(elem) == Kind::Uint8) {
        o.eval = [se, re](Frame& f) {
          Value sv = se(f);
          const std::string& str = str_of(re(f));
          std::vector<Value> vs;
          for (unsigned char c : str) vs.push_back(Value::of_int(c));
          return slice_append(sv, vs.data(), vs.size());
        };
        return o;
      }
      if (!assignable(rest, s.type, "append", args[1]->pos)) return invalid();
      o.eval = [se, re](Frame& f) {
        Value sv = se(f);
        Value rv = re(f);
        if (!rv.r) return sv;
        auto* ro = rv.as<SliceObj>();
        std::vector<Value> vs;
        for (std::int64_t i = 0; i < ro->len; ++i) vs.push_back(ro->at(i));
        return slice_append(sv, vs.data(), vs.size());
      };
      return o;
    }
    std::vector<Eval> es;
    for (std::size_t i = 1; i < args.size(); ++i) {
      Operand a = val(args[i], elem);
      if (!a.ok() || !assignable(a, elem, "argument to append", args[i]->pos)) return invalid();
      es.push_back(coerce(a, elem));
    }
    o.eval = [se, es](Frame& f) {
      Value sv = se(f);
      if (es.size() == 1) {
        Value v = es[0](f);
        return slice_append(sv, &v, 1);
      }
      std::vector<Value> vs;
      for (auto& e : es) vs.push_back(e(f));
      return slice_append(sv, vs.data(), vs.size());
    };
    return o;
  }
  if (name == "make") {
    if (args.empty()) {
      error(n->pos, "not enough arguments for make() (expected 1, found 0)");
      return invalid();
    }
    const Type* t = resolve_type(args[0]);
    if (!t) return invalid();
    Kind k = ukind(t);
    std::size_t lo = k == Kind::Slice ? 2 : 1, hi = k == Kind::Slice ? 3 : 2;
    if (k != Kind::Slice && k != Kind::Map && k != Kind::Chan) {
      error(args[0]->pos,
            "invalid argument: cannot make " + expr_text(args[0]) + "; type must be slice, map, or channel");
      return invalid();
    }
    if (args.size() < lo || args.size() > hi) {
      error(n->pos, "invalid operation: " + expr_text(n) + " expects " + std::to_string(lo) + " or " +
                        std::to_string(hi) + " arguments; found " + std::to_string(args.size()));
      return invalid();
    }
    std::vector<Eval> sizes;
    for (std::size_t i = 1; i < args.size(); ++i) {
      Operand a = val(args[i]);
      if (!a.ok()) return invalid();
      if (a.mode == Operand::Const) {
        ConstVal r;
        if (!const_representable(a.c, types().basic(Kind::Int), &r)) {
          error(args[i]->pos, "cannot convert " + describe(a) + " to type int");
          return invalid();
        }
        if (r.i < 0) {
          error(args[i]->pos, "invalid argument: index " + describe(a) + " must not be negative");
          return invalid();
        }
        a.c = r;
        a.type = types().basic(Kind::Int);
      } else if (!is_integer(a.type)) {
        error(args[i]->pos, "cannot convert " + describe(a) + " to type int");
        return invalid();
      }
      sizes.push_back(value_eval(a));
    }
    o.type = t;
    if (k == Kind::Map) {
      o.eval = [](Frame&) { return make_map(); };
    } else if (k == Kind::Chan) {
      Eval c = sizes.empty() ? Eval() : sizes[0];
      std::string name = name_of(n);
      o.eval = [c, t, line, name](Frame& f) { return make_chan(*f.th, t, c ? c(f).i : 0, line, name); };
    } else {
      Eval l = sizes[0];
      Eval c = sizes.size() > 1 ? sizes[1] : Eval();
      const Type* elem = under(t)->elem;
      o.eval = [l, c, elem, line](Frame& f) {
        std::int64_t len = l(f).i;
        std::int64_t cap = c ? c(f).i : len;
        if (len < 0) runtime_panic(*f.th, line, "makeslice: len out of range");
        if (cap < len) runtime_panic(*f.th, line, "makeslice: cap out of range");
        if (cap > (1 << 26)) runtime_panic(*f.th, line, "makeslice: len out of range");
        return make_slice(elem, len, cap);
      };
    }
    return o;
  }
  if (name == "new") {
    if (!want_args(1, 1)) return invalid();
    const Type* t = resolve_type(args[0]);
    if (!t) return invalid();
    o.type = types().pointer(t);
    o.eval = [t](Frame&) { return make_pointer(static_cast<Cells*>(new_box(zero_value(t)).r), 0); };
    // new_box's Value releases its reference at the end of the full expression; hold one explicitly
    o.eval = [t](Frame&) {
      auto* c = new Cells(1);
      c->v[0] = zero_value(t);
      return make_pointer(c, 0);
    };
    return o;
  }
  if (name == "delete") {
    if (!want_args(2, 2)) return invalid();
    Operand m = val(args[0]);
    if (!m.ok()) return invalid();
    if (ukind(m.type) != Kind::Map) {
      error(args[0]->pos, "invalid argument: " + describe(m) + " is not a map");
      return invalid();
    }
    Operand k = val(args[1], under(m.type)->key);
    if (!k.ok() || !assignable(k, under(m.type)->key, "argument to delete", args[1]->pos)) return invalid();
    Eval me = value_eval(m), ke = coerce(k, under(m.type)->key);
    const Type* mt = under(m.type);
    o.mode = Operand::NoValue;
    o.eval = [me, ke, mt](Frame& f) {
      Value mv = me(f);
      map_delete(mt, mv, ke(f));
      return Value();
    };
    return o;
  }
  if (name == "close") {
    if (!want_args(1, 1)) return invalid();
    Operand c = val(args[0]);
    if (!c.ok()) return invalid();
    if (ukind(c.type) != Kind::Chan) {
      error(args[0]->pos, "invalid operation: non-chan argument " + describe(c) + " to close");
      return invalid();
    }
    if (under(c.type)->dir == 2) {
      error(args[0]->pos, "invalid operation: cannot close receive-only channel " + describe(c));
      return invalid();
    }
    Eval ce = value_eval(c);
    const SourceSite* s = site(line);
    o.mode = Operand::NoValue;
    o.eval = [ce, s, line](Frame& f) {
      f.th->set_line(line);
      chan_close(*f.th, ce(f), s);
      return Value();
    };
    return o;
  }
  if (name == "panic") {
    if (!want_args(1, 1)) return invalid();
    Operand v = val(args[0], types().empty_interface());
    if (!v.ok()) return invalid();
    const Type* any = types().empty_interface();
    if (!assignable(v, any, "argument to panic", args[0]->pos)) return invalid();
    Eval e = coerce(v, any);
    o.mode = Operand::NoValue;
    o.eval = [e, line](Frame& f) -> Value {
      Value v = e(f);
      const Type* t = v.t;
      if (!t) runtime_panic(*f.th, line, "panic called with nil argument (use runtime.PanicNilError)");
      throw_panic(*f.th, line, v, t);
    };
    return o;
  }
  if (name == "recover") {
    if (!want_args(0, 0)) return invalid();
    o.type = types().empty_interface();
    o.eval = [](Frame& f) { return do_recover(*f.th); };
    return o;
  }
  if (name == "copy") {
    if (!want_args(2, 2)) return invalid();
    Operand d = val(args[0]);
    Operand s = val(args[1]);
    if (!d.ok() || !s.ok()) return invalid();
    if (ukind(d.type) != Kind::Slice) {
      error(n->pos, "invalid argument: copy expects slice arguments; found " + describe(d) + " and " + describe(s));
      return invalid();
    }
    Eval de = value_eval(d), se = value_eval(s);
    bool from_string = is_string(s.type);
    o.type = types().basic(Kind::Int);
    o.eval = [de, se, from_string](Frame& f) {
      Value dv = de(f), sv = se(f);
      if (!dv.r) return Value::of_int(0);
      auto* dso = dv.as<SliceObj>();
      std::vector<Value> tmp;
      if (from_string) {
        for (unsigned char c : str_of(sv)) tmp.push_back(Value::of_int(c));
      } else if (sv.r) {
        auto* sso = sv.as<SliceObj>();
        for (std::int64_t i = 0; i < sso->len; ++i) tmp.push_back(sso->at(i));
      }
      std::int64_t n2 = std::min<std::int64_t>(dso->len, static_cast<std::int64_t>(tmp.size()));
      for (std::int64_t i = 0; i < n2; ++i) dso->at(i) = tmp[static_cast<std::size_t>(i)];
      return Value::of_int(n2);
    };
    return o;
  }
  if (name == "print" || name == "println") {
    std::vector<Eval> es;
    std::vector<const Type*> ts;
    for (Node* a : args) {
      Operand v = val(a);
      if (!v.ok()) return invalid();
      convert_untyped(v, nullptr);
      es.push_back(value_eval(v));
      ts.push_back(v.type);
    }
    bool ln = name == "println";
    o.mode = Operand::NoValue;
    o.eval = [es, ts, ln, line](Frame& f) {
      std::string out;
      for (std::size_t i = 0; i < es.size(); ++i) {
        if (ln && i) out += ' ';
        out += builtin_print_text(ts[i], es[i](f));
      }
      if (ln) out += '\n';
      write_output(*f.th, true, out, line);
      return Value();
    };
    return o;
  }
  error(n->pos, name + " is not in Interleave's Go subset");
  return invalid();
}

}  // namespace interleave::lang
