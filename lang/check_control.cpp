// check_control.cpp — for (three-clause and range), switch, type switch and select.
#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

void preempt_check(Thread& th);

namespace {
inline bool loop_ctl(Ctl c, Frame& f, const void* me, Ctl* out) {
  if (c == Ctl::Next) return true;
  if (c == Ctl::Break) {
    if (!f.label || f.label == me) {
      f.label = nullptr;
      *out = Ctl::Next;
    } else {
      *out = c;
    }
    return false;
  }
  if (c == Ctl::Continue) {
    if (!f.label || f.label == me) {
      f.label = nullptr;
      return true;
    }
    *out = c;
    return false;
  }
  *out = c;
  return false;
}
// A switch or select body: a break without label (or with its label) ends it.
inline Ctl switch_ctl(Ctl c, Frame& f, const void* me) {
  if (c == Ctl::Break && (!f.label || f.label == me)) {
    f.label = nullptr;
    return Ctl::Next;
  }
  return c;
}
struct LoopScope {
  Compiler& c;
  explicit LoopScope(Compiler& x) : c(x) { ++c.loop_depth; }
  ~LoopScope() { --c.loop_depth; }
};
struct SwitchScope {
  Compiler& c;
  explicit SwitchScope(Compiler& x) : c(x) { ++c.switch_depth; }
  ~SwitchScope() { --c.switch_depth; }
};
}  // namespace

Exec Compiler::for_stmt(Node* n, const void* label) {
  const void* me = label ? label : n;
  open_scope();
  Exec init = n->a ? stmt(n->a) : nullptr;
  // Go 1.22: variables declared by the init statement are per iteration
  std::vector<VarInfo*> loop_vars;
  if (n->a && n->a->kind == NK::Assign && n->a->op == Tok::Define)
    for (auto& [name, e] : scope->names)
      if (e->k == Entity::Var) loop_vars.push_back(e->var);
  Eval cond;
  if (n->b) {
    Operand c = val(n->b);
    if (c.ok()) {
      if (!is_boolean(c.type))
        error(n->b->pos, "non-boolean condition in for statement");
      else
        cond = value_eval(c);
    }
  }
  Exec post = n->c ? stmt(n->c) : nullptr;
  Exec body;
  {
    LoopScope ls(*this);
    body = block(n->d->list);
  }
  close_scope();
  if (n->b && !cond) return nullptr;
  auto fresh = [loop_vars](Frame& f) {
    for (VarInfo* v : loop_vars)
      if (v->boxed) f.s[v->slot] = new_box(v->type ? copy_value(v->type, f.s[v->slot].as<Cells>()->v[0]) : Value());
  };
  return [init, cond, post, body, me, fresh](Frame& f) {
    if (init) init(f);
    std::uint32_t n = 0;
    while (true) {
      if (cond && !cond(f).i) break;
      Ctl out;
      if (!loop_ctl(body(f), f, me, &out)) return out;
      fresh(f);
      if (post) post(f);
      if ((++n & 0x3FF) == 0) preempt_check(*f.th);
    }
    return Ctl::Next;
  };
}

Exec Compiler::range_stmt(Node* n, const void* label) {
  const void* me = label ? label : n;
  Operand x = val(n->c);
  if (!x.ok()) return nullptr;
  const Type* u = under(x.type);
  if (u->kind == Kind::Pointer && ukind(u->elem) == Kind::Array) u = under(u->elem);
  const Type* kt = nullptr;
  const Type* vt = nullptr;
  enum { RInt, RSlice, RArray, RString, RMap, RChan } what;
  switch (u->kind) {
    case Kind::Int:
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64:
    case Kind::Uint:
    case Kind::Uint8:
    case Kind::Uint16:
    case Kind::Uint32:
    case Kind::Uint64:
    case Kind::UntypedInt:
    case Kind::UntypedRune:
      what = RInt;
      convert_untyped(x, nullptr);
      kt = x.type;
      break;
    case Kind::Slice: what = RSlice, kt = types().basic(Kind::Int), vt = u->elem; break;
    case Kind::Array: what = RArray, kt = types().basic(Kind::Int), vt = u->elem; break;
    case Kind::String:
    case Kind::UntypedString:
      what = RString, kt = types().basic(Kind::Int), vt = types().rune_type();
      convert_untyped(x, nullptr);
      break;
    case Kind::Map: what = RMap, kt = u->key, vt = u->elem; break;
    case Kind::Chan:
      what = RChan, kt = u->elem;
      if (u->dir == 1) {
        error(n->c->pos,
              "invalid operation: range " + expr_text(n->c) + " receive from send-only channel " + type_string(x.type));
        return nullptr;
      }
      break;
    default: error(n->c->pos, "cannot range over " + describe(x)); return nullptr;
  }
  if (n->b && (what == RChan || what == RInt)) {
    error(n->b->pos, "range over " + describe(x) + " permits only one iteration variable");
    return nullptr;
  }
  open_scope();
  std::function<void(Frame&, Value)> sk, sv;
  auto target = [&](Node* id, const Type* t) -> std::function<void(Frame&, Value)> {
    if (!id) return nullptr;
    if (n->op == Tok::Define) {
      if (id->kind != NK::Ident) {
        error(id->pos, "non-name " + expr_text(id) + " on left side of :=");
        return nullptr;
      }
      if (id->text == "_") return nullptr;
      Entity* e = declare_var(id, t);
      VarInfo* v = e->var;
      int k = v->slot;
      return [k, v](Frame& f, Value val) {
        if (v->boxed)
          f.s[k] = new_box(std::move(val));
        else
          f.s[k] = std::move(val);
      };
    }
    if (id->kind == NK::Ident && id->text == "_") return nullptr;
    Operand o = expr(id);
    if (!o.ok()) return nullptr;
    Operand tmp;
    tmp.mode = Operand::Val;
    tmp.type = t;
    tmp.node = n->c;
    if (!assignable(tmp, o.type, "range", id->pos)) return nullptr;
    return store_to(o);
  };
  sk = target(n->a, kt);
  sv = target(n->b, vt);
  Exec body;
  {
    LoopScope ls(*this);
    body = block(n->d->list);
  }
  close_scope();
  Eval xe = value_eval(x);
  int line = n->pos.line;
  const SourceSite* site_ = site(line);
  const Type* xt = x.type;
  switch (what) {
    case RInt:
      return [xe, sk, body, me](Frame& f) {
        std::int64_t lim = xe(f).i;
        for (std::int64_t i = 0; i < lim; ++i) {
          if (sk) sk(f, Value::of_int(i));
          Ctl out;
          if (!loop_ctl(body(f), f, me, &out)) return out;
          if ((i & 0x3FF) == 0x3FF) preempt_check(*f.th);
        }
        return Ctl::Next;
      };
    case RSlice:
      return [xe, sk, sv, body, me, vt](Frame& f) {
        Value s = xe(f);
        if (!s.r) return Ctl::Next;
        auto* so = s.as<SliceObj>();
        std::int64_t len = so->len;
        for (std::int64_t i = 0; i < len; ++i) {
          if (sk) sk(f, Value::of_int(i));
          if (sv) sv(f, copy_value(vt, so->at(i)));
          Ctl out;
          if (!loop_ctl(body(f), f, me, &out)) return out;
          if ((i & 0x3FF) == 0x3FF) preempt_check(*f.th);
        }
        return Ctl::Next;
      };
    case RArray:
      return [xe, sk, sv, body, me, vt, xt](Frame& f) {
        Value a = xe(f);
        if (ukind(xt) == Kind::Pointer) a = deref(a);
        a = copy_value(ukind(xt) == Kind::Pointer ? under(xt)->elem : xt, a);
        auto& cells = a.as<Cells>()->v;
        for (std::size_t i = 0; i < cells.size(); ++i) {
          if (sk) sk(f, Value::of_int(static_cast<std::int64_t>(i)));
          if (sv) sv(f, copy_value(vt, cells[i]));
          Ctl out;
          if (!loop_ctl(body(f), f, me, &out)) return out;
        }
        return Ctl::Next;
      };
    case RString:
      return [xe, sk, sv, body, me](Frame& f) {
        Value s = xe(f);
        const std::string& str = str_of(s);
        std::size_t i = 0;
        while (i < str.size()) {
          std::size_t at = i;
          std::uint32_t c = utf8_decode(str, i);
          if (sk) sk(f, Value::of_int(static_cast<std::int64_t>(at)));
          if (sv) sv(f, Value::of_int(c));
          Ctl out;
          if (!loop_ctl(body(f), f, me, &out)) return out;
        }
        return Ctl::Next;
      };
    case RMap:
      return [xe, sk, sv, body, me, vt](Frame& f) {
        Value m = xe(f);
        if (!m.r) return Ctl::Next;
        auto* mo = m.as<MapObj>();
        std::size_t n0 = mo->entries.size();
        if (n0 == 0) return Ctl::Next;
        std::size_t start = map_iter_start(*f.th, n0);
        for (std::size_t k = 0; k < n0; ++k) {
          std::size_t i = (start + k) % n0;
          if (i >= mo->entries.size() || !mo->entries[i].live) continue;
          Value key = mo->entries[i].key;
          if (sk) sk(f, key);
          if (sv) sv(f, copy_value(vt, mo->entries[i].val));
          Ctl out;
          if (!loop_ctl(body(f), f, me, &out)) return out;
        }
        return Ctl::Next;
      };
    case RChan:
      return [xe, sk, body, me, site_, line](Frame& f) {
        Value c = xe(f);
        while (true) {
          bool ok;
          f.th->set_line(line);
          Value v = chan_recv(*f.th, c, site_, &ok);
          if (!ok) break;
          if (sk) sk(f, std::move(v));
          Ctl out;
          if (!loop_ctl(body(f), f, me, &out)) return out;
        }
        return Ctl::Next;
      };
  }
  return nullptr;
}

Exec Compiler::switch_stmt(Node* n, const void* label) {
  const void* me = label ? label : n;
  open_scope();
  Exec init = n->a ? stmt(n->a) : nullptr;
  Operand tag;
  bool has_tag = n->b != nullptr;
  if (has_tag) {
    tag = val(n->b);
    convert_untyped(tag, nullptr);
  } else {
    ConstVal t;
    t.k = ConstVal::Bool;
    t.b = true;
    tag = constant(t, types().basic(Kind::Bool), n);
  }
  struct Clause {
    std::vector<Eval> conds;  // each yields bool (tag == expr)
    Exec body;
    bool fallthrough = false;
  };
  std::vector<Clause> clauses;
  int default_index = -1;
  Eval te = tag.ok() ? value_eval(tag) : nullptr;
  const Type* tt = tag.type;
  SwitchScope ss(*this);
  for (std::size_t ci = 0; ci < n->list.size(); ++ci) {
    Node* cc = n->list[ci];
    Clause cl;
    if (cc->flag) {
      if (default_index >= 0) error(cc->pos, "multiple defaults in switch");
      default_index = static_cast<int>(clauses.size());
    }
    for (Node* e : cc->list) {
      Operand v = val(e, tag.ok() ? tt : nullptr);
      if (!v.ok() || !tag.ok()) continue;
      if (!has_tag) {
        if (!is_boolean(v.type)) {
          error(e->pos,
                "invalid case " + expr_text(e) + " in switch (mismatched types " + type_string(v.type) + " and bool)");
          continue;
        }
        cl.conds.push_back(value_eval(v));
        continue;
      }
      // compare like ==
      Node* eq = out.ast.make(NK::Binary, e->pos);
      eq->op = Tok::Eql;
      eq->a = n->b;
      eq->b = e;
      Operand vv = v;
      if (is_untyped(vv.type)) convert_untyped(vv, tt);
      if (!vv.ok()) continue;
      if (vv.type != tt && !(is_interface(tt) && implements(vv.type, tt)) && !(is_interface(vv.type))) {
        error(e->pos, "invalid case " + expr_text(e) + " in switch on " + expr_text(n->b) + " (mismatched types " +
                          type_string(vv.type) + " and " + type_string(tt) + ")");
        continue;
      }
      Eval ve = is_interface(tt) ? coerce(vv, tt) : value_eval(vv);
      const Type* ct = is_interface(vv.type) ? vv.type : tt;
      cl.conds.push_back([ve, ct](Frame& f) {
        Value* tagv = f.th->switch_tag;
        Value v = ve(f);
        return Value::of_bool(values_equal(ct, *tagv, v));
      });
    }
    open_scope();
    cl.body = block(cc->list2, false);
    close_scope();
    if (!cc->list2.empty()) {
      Node* last = cc->list2.back();
      if (last->kind == NK::Branch && last->op == Tok::Fallthrough) {
        if (ci + 1 == n->list.size()) error(last->pos, "cannot fallthrough final case in switch");
        cl.fallthrough = true;
      }
    }
    for (Node* s : cc->list2)
      if (s != (cc->list2.empty() ? nullptr : cc->list2.back()) && s->kind == NK::Branch && s->op == Tok::Fallthrough)
        error(s->pos, "fallthrough statement out of place");
    clauses.push_back(std::move(cl));
  }
  close_scope();
  if (!te) return nullptr;
  bool tagged = has_tag;
  return [init, te, clauses, default_index, me, tagged](Frame& f) {
    if (init) init(f);
    Value tagv = tagged ? te(f) : Value::of_bool(true);
    Value* saved = f.th->switch_tag;
    f.th->switch_tag = &tagv;
    int chosen = -1;
    for (std::size_t i = 0; i < clauses.size() && chosen < 0; ++i) {
      for (auto& c : clauses[i].conds) {
        f.th->switch_tag = &tagv;
        if (c(f).i) {
          chosen = static_cast<int>(i);
          break;
        }
      }
    }
    f.th->switch_tag = saved;
    if (chosen < 0) chosen = default_index;
    if (chosen < 0) return Ctl::Next;
    for (std::size_t i = static_cast<std::size_t>(chosen); i < clauses.size(); ++i) {
      Ctl c = clauses[i].body(f);
      if (c == Ctl::Fallthrough) continue;
      return switch_ctl(c, f, me);
    }
    return Ctl::Next;
  };
}

Exec Compiler::type_switch(Node* n, const void* label) {
  const void* me = label ? label : n;
  open_scope();
  Exec init = n->a ? stmt(n->a) : nullptr;
  Operand x = val(n->b);
  if (x.ok() && !is_interface(x.type)) {
    error(n->b->pos, describe(x) + " is not an interface");
    x = Operand{};
  }
  struct Clause {
    std::vector<const Type*> types;  // null entry: case nil
    Exec body;
    int slot = -1;
    VarInfo* var = nullptr;
    bool single = false;
  };
  std::vector<Clause> clauses;
  int default_index = -1;
  std::vector<VarInfo*> bound_vars;
  SwitchScope ss(*this);
  for (Node* cc : n->list) {
    Clause cl;
    if (cc->flag) default_index = static_cast<int>(clauses.size());
    for (Node* t : cc->list) {
      if (t->kind == NK::Ident && t->text == "nil") {
        cl.types.push_back(nullptr);
        continue;
      }
      const Type* ty = resolve_type(t);
      if (!ty) continue;
      if (x.ok() && !is_interface(ty)) {
        std::string missing;
        if (!implements(ty, x.type, &missing))
          error(t->pos, "impossible type switch case: " + expr_text(n->b) + " (" +
                            describe(x).substr(expr_text(n->b).size() + 2) + " cannot have dynamic type " +
                            type_string(ty) + " (missing " + missing + " method)");
      }
      cl.types.push_back(ty);
    }
    open_scope();
    if (!n->text.empty()) {
      const Type* vt = (cl.types.size() == 1 && cl.types[0]) ? cl.types[0] : x.type;
      cl.single = cl.types.size() == 1 && cl.types[0] && !is_interface(cl.types[0]);
      Node id(NK::Ident, n->pos2);
      id.text = n->text;
      Node* idp = out.ast.make(NK::Ident, n->pos2);
      idp->text = n->text;
      Entity* e = declare_var(idp, vt);
      cl.var = e->var;
      cl.slot = e->var->slot;
      bound_vars.push_back(e->var);
      e->var->used = false;
    }
    cl.body = block(cc->list2, false);
    if (cl.var) {
      // Go reports "x declared but not used" only if no clause uses it
      cl.var->used = cl.var->used;
    }
    close_scope_quiet();
    clauses.push_back(std::move(cl));
  }
  if (!n->text.empty()) {
    bool any = false;
    for (VarInfo* v : bound_vars) any |= v->used;
    if (!any) error(n->pos2, n->text + " declared but not used");
  }
  close_scope();
  if (!x.ok()) return nullptr;
  Eval xe = value_eval(x);
  return [init, xe, clauses, default_index, me](Frame& f) {
    if (init) init(f);
    Value v = xe(f);
    int chosen = -1;
    for (std::size_t i = 0; i < clauses.size() && chosen < 0; ++i) {
      for (const Type* t : clauses[i].types) {
        bool m = t == nullptr ? v.t == nullptr : (v.t && (is_interface(t) ? implements(v.t, t) : v.t == t));
        if (m) {
          chosen = static_cast<int>(i);
          break;
        }
      }
    }
    if (chosen < 0) chosen = default_index;
    if (chosen < 0) return Ctl::Next;
    const auto& cl = clauses[static_cast<std::size_t>(chosen)];
    if (cl.var) {
      Value bound = v;
      if (cl.single) bound.t = nullptr;
      if (cl.var->boxed)
        f.s[cl.slot] = new_box(std::move(bound));
      else
        f.s[cl.slot] = std::move(bound);
    }
    return switch_ctl(cl.body(f), f, me);
  };
}

Exec Compiler::select_stmt(Node* n, const void* label) {
  const void* me = label ? label : n;
  struct Case {
    SelectArm arm;
    Eval ch;
    Eval send;
    std::function<void(Frame&, Value)> store_v, store_ok;
    Exec body;
  };
  std::vector<Case> cases;
  SwitchScope ss(*this);
  for (Node* cc : n->list) {
    Case c;
    open_scope();
    if (cc->flag) {
      c.arm.is_default = true;
    } else {
      Node* s = cc->a;
      Node* recv = nullptr;
      if (s->kind == NK::SendStmt) {
        c.arm.is_send = true;
        Operand ch = val(s->a);
        if (ch.ok()) {
          if (ukind(ch.type) != Kind::Chan || under(ch.type)->dir == 2) {
            error(s->pos2, "invalid operation: cannot send to " +
                               std::string(ukind(ch.type) == Kind::Chan ? "receive-only channel " : "non-channel ") +
                               describe(ch));
          } else {
            const Type* et = under(ch.type)->elem;
            Operand v = val(s->b, et);
            if (v.ok() && assignable(v, et, "send", s->b->pos)) {
              c.ch = value_eval(ch);
              c.send = coerce(v, et);
            }
          }
        }
      } else if (s->kind == NK::ExprStmt) {
        recv = s->a;
      } else if (s->kind == NK::Assign && s->list2.size() == 1) {
        recv = s->list2[0];
      } else {
        error(s->pos, "select case must be receive, send or assign recv");
      }
      if (recv) {
        while (recv->kind == NK::Paren) recv = recv->a;
        if (recv->kind != NK::Unary || recv->op != Tok::Arrow) {
          error(recv->pos, "select case must be receive, send or assign recv");
        } else {
          Operand ch = val(recv->a);
          if (ch.ok()) {
            if (ukind(ch.type) != Kind::Chan) {
              error(recv->pos, "invalid operation: cannot receive from non-channel " + describe(ch));
            } else if (under(ch.type)->dir == 1) {
              error(recv->pos, "invalid operation: cannot receive from send-only channel " + describe(ch));
            } else {
              c.ch = value_eval(ch);
              const Type* et = under(ch.type)->elem;
              if (s->kind == NK::Assign) {
                if (s->list.size() > 2)
                  error(s->pos, "assignment mismatch: " + std::to_string(s->list.size()) + " variables but 1 value");
                if (s->op == Tok::Define) {
                  for (std::size_t i = 0; i < s->list.size(); ++i) {
                    Node* id = s->list[i];
                    if (id->kind != NK::Ident || id->text == "_") continue;
                    Entity* e = declare_var(id, i == 0 ? et : types().basic(Kind::Bool));
                    VarInfo* v = e->var;
                    int k = v->slot;
                    auto st = [k, v](Frame& f, Value val) {
                      if (v->boxed)
                        f.s[k] = new_box(std::move(val));
                      else
                        f.s[k] = std::move(val);
                    };
                    (i == 0 ? c.store_v : c.store_ok) = st;
                  }
                } else {
                  for (std::size_t i = 0; i < s->list.size(); ++i) {
                    Node* l = s->list[i];
                    if (l->kind == NK::Ident && l->text == "_") continue;
                    Operand o = expr(l);
                    if (!o.ok()) continue;
                    (i == 0 ? c.store_v : c.store_ok) = store_to(o);
                  }
                }
              }
            }
          }
        }
      }
    }
    c.body = block(cc->list2, false);
    close_scope();
    cases.push_back(std::move(c));
  }
  int line = n->pos.line;
  const SourceSite* s = site(line);
  std::vector<SelectArm> arms;
  for (auto& c : cases) arms.push_back(c.arm);
  return [cases, arms, s, line, me](Frame& f) {
    std::vector<Value> chans(cases.size()), sends(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (cases[i].arm.is_default) continue;
      if (cases[i].ch) chans[i] = cases[i].ch(f);
      if (cases[i].send) sends[i] = cases[i].send(f);
    }
    Value got;
    bool ok = false;
    f.th->set_line(line);
    int k = run_select(*f.th, arms, chans, sends, &got, &ok, s);
    if (k < 0) return Ctl::Next;
    const Case& c = cases[static_cast<std::size_t>(k)];
    if (c.store_v) c.store_v(f, std::move(got));
    if (c.store_ok) c.store_ok(f, Value::of_bool(ok));
    return switch_ctl(c.body(f), f, me);
  };
}

}  // namespace interleave::lang
