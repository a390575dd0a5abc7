// compiler.cpp — scopes, types, functions and the package level: the order Go checks a file in.
#include "lang/compiler.h"

#include <algorithm>

#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

const SourceSite* CompiledProgram::site(int line, const FuncProto* fn) const {
  auto key = std::make_pair(line, fn);
  auto it = site_index.find(key);
  if (it != site_index.end()) return it->second;
  const SourceSite* s = &sites.emplace_back(path.c_str(), fn ? fn->name.c_str() : "main", static_cast<unsigned>(line));
  site_index.emplace(key, s);
  return s;
}

Compiler::Compiler(CompiledProgram& o, std::string p, std::vector<Diagnostic>& errs)
    : out(o), errors(errs), path(std::move(p)) {
  out.path = path;
  install_universe();
}

void Compiler::error(Pos p, const std::string& msg) { errors.push_back(Diagnostic{path, p.line, p.col, msg}); }

FuncProto* Compiler::new_proto(std::string name) {
  out.protos.push_back(std::make_unique<FuncProto>());
  FuncProto* p = out.protos.back().get();
  p->name = std::move(name);
  return p;
}

Entity* Compiler::new_entity(Entity::K k, std::string name) {
  out.entities.push_back(std::make_unique<Entity>());
  Entity* e = out.entities.back().get();
  e->k = k;
  e->name = std::move(name);
  return e;
}

Scope* Compiler::open_scope() {
  out.scopes.push_back(std::make_unique<Scope>());
  Scope* s = out.scopes.back().get();
  s->parent = scope;
  s->func = fn;
  scope = s;
  return s;
}

void Compiler::report_unused(Scope* s) {
  std::vector<VarInfo*> unused;
  for (auto& [name, e] : s->names)
    if (e->k == Entity::Var && e->var && !e->var->global && !e->var->used && name != "_") unused.push_back(e->var);
  std::sort(unused.begin(), unused.end(), [](VarInfo* a, VarInfo* b) {
    return a->pos.line != b->pos.line ? a->pos.line < b->pos.line : a->pos.col < b->pos.col;
  });
  for (VarInfo* v : unused) error(v->pos, v->name + " declared but not used");
}

void Compiler::close_scope() {
  report_unused(scope);
  note_locals(scope);
  scope = scope->parent;
}

void Compiler::close_scope_quiet() {
  note_locals(scope);
  scope = scope->parent;
}

void Compiler::note_locals(Scope* s) {
  if (!fn || !fn->proto || s->func != fn) return;
  for (auto& [name, e] : s->names) {
    if (e->k != Entity::Var || !e->var || e->var->global || e->var->owner != fn || name == "_") continue;
    e->var->scope_end = std::max(last_line_, e->var->pos.line);
    fn->proto->locals.push_back(e->var);
  }
}

Entity* Compiler::lookup(const std::string& name) {
  for (Scope* s = scope; s; s = s->parent) {
    auto it = s->names.find(name);
    if (it != s->names.end()) return it->second;
  }
  return nullptr;
}

int Compiler::new_slot() { return fn->proto->nslots++; }

VarInfo* Compiler::new_var(const std::string& name, const Type* t, Pos pos) {
  out.vars.push_back(std::make_unique<VarInfo>());
  VarInfo* v = out.vars.back().get();
  v->name = name;
  v->type = t;
  v->pos = pos;
  v->owner = fn;
  v->slot = fn ? new_slot() : -1;
  return v;
}

Entity* Compiler::declare_var(Node* id, const Type* t) {
  auto it = scope->names.find(id->text);
  if (it != scope->names.end() && id->text != "_") {
    error(id->pos, id->text + " redeclared in this block");
    return it->second;
  }
  Entity* e = new_entity(Entity::Var, id->text);
  e->var = new_var(id->text, t, id->pos);
  e->pos = id->pos;
  if (id->text != "_") scope->names[id->text] = e;
  return e;
}

// --- types ----------------------------------------------------------------------------------------------

const Type* Compiler::resolve_type(Node* n) { return check_type_expr(n, true); }

const Type* Compiler::check_type_expr(Node* n, bool report) {
  if (!n) return nullptr;
  switch (n->kind) {
    case NK::Ident: {
      Entity* e = lookup(n->text);
      if (!e) {
        if (report) error(n->pos, "undefined: " + n->text);
        return nullptr;
      }
      e->used = true;
      if (e->k != Entity::TypeName) {
        if (report) error(n->pos, n->text + " is not a type");
        return nullptr;
      }
      if (e->decl && e->state == 0) check_global_entity(e);
      return e->type;
    }
    case NK::Selector: {
      if (n->a->kind == NK::Ident) {
        Entity* e = lookup(n->a->text);
        if (e && e->k == Entity::Package) {
          imports[e->name].second = true;
          auto& members = packages[import_paths[e->name]];
          auto it = members.find(n->text);
          if (it == members.end()) {
            if (report) error(n->pos2, "undefined: " + e->name + "." + n->text);
            return nullptr;
          }
          if (it->second->k != Entity::TypeName) {
            if (report) error(n->pos, e->name + "." + n->text + " is not a type");
            return nullptr;
          }
          return it->second->type;
        }
      }
      if (report) error(n->pos, expr_text(n) + " is not a type");
      return nullptr;
    }
    case NK::Paren: return check_type_expr(n->a, report);
    case NK::Star: {
      const Type* e = check_type_expr(n->a, report);
      return e ? types().pointer(e) : nullptr;
    }
    case NK::ArrayType: {
      const Type* elem = check_type_expr(n->b, report);
      if (!elem) return nullptr;
      if (!n->a) return types().slice(elem);
      if (n->a->kind == NK::Ellipsis) {
        error(n->a->pos, "invalid use of [...] array (outside a composite literal)");
        return nullptr;
      }
      Operand len = expr(n->a);
      if (!len.ok()) return nullptr;
      if (len.mode != Operand::Const) {
        error(n->a->pos, "array length " + expr_text(n->a) + " (" + describe(len).substr(expr_text(n->a).size() + 2) +
                             " must be constant");
        return nullptr;
      }
      ConstVal r;
      if (!const_representable(len.c, types().basic(Kind::Int), &r) || r.i < 0) {
        error(n->a->pos, "invalid array length " + expr_text(n->a));
        return nullptr;
      }
      if (r.i > (1 << 24)) {
        error(n->a->pos, "array length " + expr_text(n->a) + " is too large for Interleave");
        return nullptr;
      }
      return types().array(elem, static_cast<std::int64_t>(r.i));
    }
    case NK::MapType: {
      const Type* k = check_type_expr(n->a, report);
      const Type* v = check_type_expr(n->b, report);
      if (!k || !v) return nullptr;
      if (k->under && !comparable(k)) {
        error(n->a->pos, "invalid map key type " + type_string(k));
        return nullptr;
      }
      return types().map(k, v);
    }
    case NK::ChanType: {
      const Type* e = check_type_expr(n->a, report);
      return e ? types().chan(e, n->dir) : nullptr;
    }
    case NK::FuncType: return func_type(n);
    case NK::StructType: {
      std::vector<Field> fields;
      std::set<std::string> seen;
      for (Node* f : n->list) {
        const Type* t = check_type_expr(f->a, report);
        if (!t) return nullptr;
        if (f->flag) {
          const Type* base = t->kind == Kind::Pointer ? t->elem : t;
          std::string name = base->kind == Kind::Named ? base->name : type_string(base);
          if (!seen.insert(name).second) error(f->pos, name + " redeclared");
          fields.push_back(Field{name, t, true});
        } else {
          for (Node* id : f->names) {
            if (!seen.insert(id->text).second && id->text != "_") error(id->pos, id->text + " redeclared");
            fields.push_back(Field{id->text, t, false});
          }
        }
      }
      return types().structure(std::move(fields));
    }
    case NK::InterfaceType: {
      std::vector<Method> ms;
      for (Node* f : n->list) {
        if (f->flag) {
          const Type* t = check_type_expr(f->a, report);
          if (!t) return nullptr;
          if (!is_interface(t)) {
            error(f->pos, "cannot use " + type_string(t) + " as interface in interface embedding");
            return nullptr;
          }
          for (const Method& m : under(t)->methods) ms.push_back(m);
          continue;
        }
        const Type* sig = func_type(f->a);
        if (!sig) return nullptr;
        Method m;
        m.name = f->names[0]->text;
        m.sig = sig;
        ms.push_back(m);
      }
      return types().interface(std::move(ms));
    }
    case NK::Ellipsis: {
      const Type* e = check_type_expr(n->a, report);
      return e ? types().slice(e) : nullptr;
    }
    default:
      if (report) error(n->pos, expr_text(n) + " is not a type");
      return nullptr;
  }
}

const Type* Compiler::func_type(Node* ft, std::vector<Node*>* pnames, std::vector<Node*>* rnames) {
  std::vector<const Type*> ps, rs;
  bool variadic = false;
  for (std::size_t i = 0; i < ft->list.size(); ++i) {
    Node* f = ft->list[i];
    if (f->a->kind == NK::Ellipsis) {
      if (i + 1 != ft->list.size() || f->names.size() > 1) {
        error(f->a->pos, "can only use ... with final parameter in list");
        return nullptr;
      }
      variadic = true;
    }
    const Type* t = resolve_type(f->a);
    if (!t) return nullptr;
    if (f->names.empty()) {
      ps.push_back(t);
      if (pnames) pnames->push_back(nullptr);
    }
    for (Node* id : f->names) {
      ps.push_back(t);
      if (pnames) pnames->push_back(id);
    }
  }
  for (Node* f : ft->list2) {
    const Type* t = resolve_type(f->a);
    if (!t) return nullptr;
    if (f->names.empty()) {
      rs.push_back(t);
      if (rnames) rnames->push_back(nullptr);
    }
    for (Node* id : f->names) {
      rs.push_back(t);
      if (rnames) rnames->push_back(id);
    }
  }
  return types().func(std::move(ps), std::move(rs), variadic);
}

// --- functions ------------------------------------------------------------------------------------------

FuncProto* Compiler::compile_func(Node* ftype, Node* body, Node* recv, const std::string& name, Pos pos,
                                  FuncProto* into) {
  FuncProto* p = into ? into : new_proto(name);
  p->name = name;
  p->line = pos.line;
  out.ast.nodes.size();
  auto* ctx = new FuncCtx;                            // owned below
  static std::vector<std::unique_ptr<FuncCtx>> keep;  // FuncCtx are referenced by VarInfo::owner
  keep.emplace_back(ctx);
  ctx->proto = p;
  ctx->parent = fn;
  ctx->name = name;
  FuncCtx* saved_fn = fn;
  Scope* saved_scope = scope;
  int saved_loop = loop_depth, saved_switch = switch_depth;
  auto saved_labels = label_targets;
  label_targets.clear();
  loop_depth = switch_depth = 0;
  fn = ctx;
  open_scope();
  std::vector<Node*> pnames, rnames;
  // the receiver is parameter 0
  const Type* recv_t = nullptr;
  VarInfo* recv_var = nullptr;
  if (recv) {
    recv_t = resolve_type(recv->a);
    Node* rid = recv->names.empty() ? nullptr : recv->names[0];
    if (rid && rid->text != "_") {
      Entity* e = declare_var(rid, recv_t);
      e->var->used = true;
      recv_var = e->var;
    } else {
      new_slot();
    }
  }
  const Type* sig = func_type(ftype, &pnames, &rnames);
  if (!sig) {
    close_scope_quiet();
    fn = saved_fn;
    scope = saved_scope;
    loop_depth = saved_loop;
    switch_depth = saved_switch;
    label_targets = saved_labels;
    return nullptr;
  }
  p->type = sig;
  ctx->sig = sig;
  std::vector<VarInfo*> params;
  for (std::size_t i = 0; i < pnames.size(); ++i) {
    Node* id = pnames[i];
    const Type* t = sig->params[i];
    if (sig->variadic && i + 1 == pnames.size()) t = sig->params[i];
    if (id && id->text != "_") {
      Entity* e = declare_var(id, t);
      e->var->used = true;  // parameters need not be used
      params.push_back(e->var);
    } else {
      params.push_back(new_var("_", t, pos));
    }
  }
  p->nparams = static_cast<int>(params.size()) + (recv ? 1 : 0);
  for (std::size_t i = 0; i < rnames.size(); ++i) {
    Node* id = rnames[i];
    VarInfo* v;
    if (id && id->text != "_") {
      Entity* e = declare_var(id, sig->results[i]);
      e->var->used = true;
      v = e->var;
      ctx->named_results = true;
    } else {
      v = new_var("_", sig->results[i], pos);
      if (id) ctx->named_results = true;
    }
    ctx->results.push_back(v);
  }
  Exec code;
  if (body) {
    code = block(body->list, false);
    if (!sig->results.empty() && !terminates(body)) error(body->pos2, "missing return");
    last_line_ = std::max(last_line_, body->pos2.line);  // parameters live to the closing brace
  }
  close_scope();
  p->captured = std::vector<const VarInfo*>(ctx->captured.begin(), ctx->captured.end());
  fn = saved_fn;
  scope = saved_scope;
  loop_depth = saved_loop;
  switch_depth = saved_switch;
  label_targets = saved_labels;
  p->body = code ? code : Exec([](Frame&) { return Ctl::Next; });
  for (VarInfo* v : ctx->results) {
    p->result_slots.push_back(v->slot);
    p->result_boxed.push_back(v->boxed);
  }
  // receiver and parameters that escaped into closures are boxed on entry
  int first = recv ? 1 : 0;
  if (recv_var && recv_var->boxed) p->boxed_params.push_back(0);
  for (std::size_t i = 0; i < params.size(); ++i)
    if (params[i]->boxed) p->boxed_params.push_back(first + static_cast<int>(i));
  p->result_types = sig->results;
  return p;
}

// --- termination (the spec's "terminating statements") -------------------------------------------------

static bool has_break(Node* n, const std::string& label, bool nested) {
  if (!n) return false;
  switch (n->kind) {
    case NK::Branch:
      if (n->op != Tok::Break) return false;
      if (n->text.empty()) return !nested;
      return n->text == label;
    case NK::Block:
      for (Node* s : n->list)
        if (has_break(s, label, nested)) return true;
      return false;
    case NK::If: return has_break(n->c, label, nested) || has_break(n->d, label, nested);
    case NK::Labeled: return has_break(n->a, label, nested);
    case NK::CaseClause:
    case NK::CommClause:
      for (Node* s : n->list2)
        if (has_break(s, label, nested)) return true;
      return false;
    case NK::For:
    case NK::Range: return has_break(n->d, label, true);
    case NK::Switch:
    case NK::TypeSwitch:
    case NK::Select:
      for (Node* c : n->list)
        if (has_break(c, label, true)) return true;
      return false;
    default: return false;
  }
}

bool Compiler::terminates(Node* n) {
  if (!n) return false;
  switch (n->kind) {
    case NK::Return: return true;
    case NK::Branch: return n->op == Tok::Goto;
    case NK::ExprStmt: {
      Node* c = n->a;
      if (c->kind != NK::Call || c->a->kind != NK::Ident) return false;
      if (c->a->text == "panic") {
        Entity* e = lookup("panic");
        return e && e->k == Entity::Builtin;
      }
      return false;
    }
    case NK::Block: return !n->list.empty() && terminates(n->list.back());
    case NK::If: return n->d && terminates(n->c) && terminates(n->d);
    case NK::Labeled: {
      Node* s = n->a;
      if (s->kind == NK::For) return !s->b && !has_break(s->d, n->text, false);
      if (s->kind == NK::Switch || s->kind == NK::TypeSwitch || s->kind == NK::Select) {
        for (Node* c : s->list)
          if (has_break(c, n->text, false)) return false;
      }
      return terminates(s);
    }
    case NK::For: return !n->b && !has_break(n->d, "", false);
    case NK::Switch:
    case NK::TypeSwitch:
    case NK::Select: {
      bool has_default = n->kind == NK::Select;
      for (Node* c : n->list) {
        if (c->flag) has_default = true;
        if (has_break(c, "", false)) return false;
        if (c->list2.empty()) return false;
        Node* last = c->list2.back();
        bool ft = last->kind == NK::Branch && last->op == Tok::Fallthrough;
        if (!ft && !terminates(last)) return false;
      }
      return has_default;
    }
    default: return false;
  }
}

}  // namespace interleave::lang
