// check_stmt.cpp — checking and compiling statements (control flow returns a Ctl from each Exec).
#include <algorithm>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

namespace {
Exec nothing() {
  return [](Frame&) { return Ctl::Next; };
}
// After the body of a loop ran: whether to go on (Next), leave the loop (Break) or propagate.
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
}  // namespace

void preempt_check(Thread& th);  // lib_runtime.cpp: Go's preemption of long loops

Exec Compiler::block(const std::vector<Node*>& list, bool new_scope) {
  if (new_scope) open_scope();
  std::vector<Exec> xs;
  for (Node* s : list) {
    Exec e = stmt(s);
    if (e) xs.push_back(std::move(e));
  }
  if (new_scope) close_scope();
  if (xs.empty()) return nothing();
  if (xs.size() == 1) return xs[0];
  if (xs.size() == 2) {
    Exec a = xs[0], b = xs[1];
    return [a, b](Frame& f) {
      Ctl c = a(f);
      if (c != Ctl::Next) return c;
      return b(f);
    };
  }
  return [xs](Frame& f) {
    for (const auto& x : xs) {
      Ctl c = x(f);
      if (c != Ctl::Next) return c;
    }
    return Ctl::Next;
  };
}

std::function<void(Frame&, Value)> Compiler::store_to(Operand& o) {
  if (o.mode == Operand::MapIndex) return o.store;
  auto addr = o.addr;
  return [addr](Frame& f, Value v) { *addr(f) = std::move(v); };
}

Exec Compiler::stmt(Node* n) {
  last_line_ = std::max(last_line_, n->pos.line);
  switch (n->kind) {
    case NK::Empty: return nullptr;
    case NK::Block: return block(n->list);
    case NK::ExprStmt: {
      Node* x = n->a;
      while (x->kind == NK::Paren) x = x->a;
      Operand o = expr(n->a);
      if (!o.ok()) return nullptr;
      bool is_call = x->kind == NK::Call || (x->kind == NK::Unary && x->op == Tok::Arrow);
      if (x->kind == NK::Call && (o.mode == Operand::Const || o.mode == Operand::TypeX)) is_call = false;
      if (x->kind == NK::Call && x->a->kind == NK::Ident) {
        Entity* e = lookup(x->a->text);
        if (e && e->k == Entity::Builtin &&
            (e->name == "len" || e->name == "cap" || e->name == "append" || e->name == "make" || e->name == "new"))
          is_call = false;
      }
      if (!is_call) {
        error(n->a->pos, describe(o) + " is not used");
        return nullptr;
      }
      Eval e = o.eval;
      return [e](Frame& f) {
        e(f);
        return Ctl::Next;
      };
    }
    case NK::SendStmt: {
      Operand ch = val(n->a);
      if (!ch.ok()) return nullptr;
      if (ukind(ch.type) != Kind::Chan) {
        error(n->pos2, "invalid operation: cannot send to non-channel " + describe(ch));
        return nullptr;
      }
      if (under(ch.type)->dir == 2) {
        error(n->pos, "invalid operation: cannot send to receive-only channel " + describe(ch));
        return nullptr;
      }
      const Type* et = under(ch.type)->elem;
      Operand v = val(n->b, et);
      if (!v.ok() || !assignable(v, et, "send", n->b->pos)) return nullptr;
      Eval ce = value_eval(ch), ve = coerce(v, et);
      const SourceSite* s = site(n->pos.line);
      int line = n->pos.line;
      return [ce, ve, s, line](Frame& f) {
        Value c = ce(f);
        Value v = ve(f);
        f.th->set_line(line);
        chan_send(*f.th, c, std::move(v), s);
        return Ctl::Next;
      };
    }
    case NK::IncDec: return incdec(n);
    case NK::Assign: return n->op == Tok::Define ? define(n) : assign(n);
    case NK::GoStmt: return go_defer(n, true);
    case NK::DeferStmt: return go_defer(n, false);
    case NK::Return: return return_stmt(n);
    case NK::Branch: {
      const void* target = nullptr;
      if (!n->text.empty()) {
        for (auto it = label_targets.rbegin(); it != label_targets.rend(); ++it)
          if (it->first == n->text) target = it->second;
        if (!target) {
          error(n->pos2, "invalid " + std::string(n->op == Tok::Break ? "break" : "continue") + " label " + n->text);
          return nullptr;
        }
      }
      if (n->op == Tok::Break) {
        if (loop_depth == 0 && switch_depth == 0) {
          error(n->pos, "break is not in a loop, switch, or select");
          return nullptr;
        }
        return [target](Frame& f) {
          f.label = target;
          return Ctl::Break;
        };
      }
      if (n->op == Tok::Continue) {
        if (loop_depth == 0) {
          error(n->pos, "continue is not in a loop");
          return nullptr;
        }
        return [target](Frame& f) {
          f.label = target;
          return Ctl::Continue;
        };
      }
      if (n->op == Tok::Fallthrough) return [](Frame&) { return Ctl::Fallthrough; };
      error(n->pos, "goto is not in Interleave's Go subset");
      return nullptr;
    }
    case NK::If: {
      open_scope();
      Exec init = n->a ? stmt(n->a) : nullptr;
      Operand c = val(n->b);
      Eval ce;
      if (c.ok()) {
        if (!is_boolean(c.type)) {
          error(n->b->pos, "non-boolean condition in if statement");
        } else {
          ce = value_eval(c);
        }
      }
      Exec th = block(n->c->list);
      Exec el = n->d ? stmt(n->d) : nullptr;
      close_scope();
      if (!ce) return nullptr;
      if (!init && !el) return [ce, th](Frame& f) { return ce(f).i ? th(f) : Ctl::Next; };
      return [init, ce, th, el](Frame& f) {
        if (init) {
          Ctl x = init(f);
          if (x != Ctl::Next) return x;
        }
        if (ce(f).i) return th(f);
        return el ? el(f) : Ctl::Next;
      };
    }
    case NK::For: return for_stmt(n, nullptr);
    case NK::Range: return range_stmt(n, nullptr);
    case NK::Switch: return switch_stmt(n, nullptr);
    case NK::TypeSwitch: return type_switch(n, nullptr);
    case NK::Select: return select_stmt(n, nullptr);
    case NK::Labeled: {
      const void* me = n;
      label_targets.emplace_back(n->text, me);
      Exec e;
      switch (n->a->kind) {
        case NK::For: e = for_stmt(n->a, me); break;
        case NK::Range: e = range_stmt(n->a, me); break;
        case NK::Switch: e = switch_stmt(n->a, me); break;
        case NK::TypeSwitch: e = type_switch(n->a, me); break;
        case NK::Select: e = select_stmt(n->a, me); break;
        default: e = stmt(n->a); break;
      }
      label_targets.pop_back();
      return e;
    }
    case NK::DeclStmt: {
      Node* d = n->a;
      std::vector<Exec> xs;
      std::vector<Node*> last_values;
      Node* last_type = nullptr;
      for (Node* spec : d->list) {
        if (d->op == Tok::Var) {
          Exec e = var_decl(spec, false);
          if (e) xs.push_back(e);
        } else if (d->op == Tok::Const) {
          const_decl(spec, &last_values, &last_type);
        } else if (d->op == Tok::Type) {
          type_decl(spec);
        }
      }
      if (xs.empty()) return nullptr;
      return [xs](Frame& f) {
        for (auto& x : xs) x(f);
        return Ctl::Next;
      };
    }
    default: error(n->pos, "unexpected statement"); return nullptr;
  }
}

Exec Compiler::incdec(Node* n) {
  Operand x = expr(n->a);
  if (!x.ok()) return nullptr;
  if (x.mode != Operand::Var && x.mode != Operand::MapIndex) {
    error(n->a->pos, "cannot assign to " + describe(x));
    return nullptr;
  }
  if (!is_numeric(x.type)) {
    error(n->pos, "invalid operation: " + expr_text(n->a) + std::string(tok_text(n->op)) + " (non-numeric type " +
                      type_string(x.type) + ")");
    return nullptr;
  }
  if (x.var) x.var->used = x.var->used;  // x++ is not a use
  std::int64_t d = n->op == Tok::Inc ? 1 : -1;
  Kind k = ukind(x.type);
  bool fl = is_float(x.type);
  if (x.mode == Operand::Var) {
    auto addr = x.addr;
    if (fl)
      return [addr, d](Frame& f) {
        Value* p = addr(f);
        p->f += static_cast<double>(d);
        return Ctl::Next;
      };
    return [addr, d, k](Frame& f) {
      Value* p = addr(f);
      p->i = wrap_int(k, static_cast<std::int64_t>(static_cast<std::uint64_t>(p->i) + static_cast<std::uint64_t>(d)));
      return Ctl::Next;
    };
  }
  Eval get = x.eval;
  auto put = x.store;
  return [get, put, d, k, fl](Frame& f) {
    Value v = get(f);
    if (fl)
      v.f += static_cast<double>(d);
    else
      v.i = wrap_int(k, v.i + d);
    put(f, v);
    return Ctl::Next;
  };
}

}  // namespace interleave::lang
