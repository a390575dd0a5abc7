// check_package.cpp — the package level: imports, declarations in any order, methods, init order.
#include <algorithm>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"

namespace interleave::lang {

void Compiler::compile_file(Node* file) {
  if (file->text != "main") {
    error(file->pos, "package " + file->text + " is not a main package (Interleave runs package main)");
    return;
  }
  open_scope();  // the package scope
  package = scope;
  collect(file);
  // 1. types
  for (auto& [name, e] : package->names)
    if (e->k == Entity::TypeName && e->state == 0) check_global_entity(e);
  // 2. methods: receivers and signatures, attached to their types before any body is checked
  struct Pending {
    Node* decl;
    FuncProto* proto;
  };
  std::vector<std::pair<Node*, Type*>> method_types;
  for (Node* d : methods_decls) {
    Node* rt = d->b->a;
    bool ptr = false;
    if (rt->kind == NK::Star) {
      ptr = true;
      rt = rt->a;
    }
    if (rt->kind != NK::Ident) {
      error(rt->pos, "invalid receiver type " + expr_text(rt));
      continue;
    }
    Entity* te = lookup(rt->text);
    if (!te) {
      error(rt->pos, "undefined: " + rt->text);
      continue;
    }
    if (te->k != Entity::TypeName || !te->decl || !te->type || te->type->kind != Kind::Named) {
      error(rt->pos, "cannot define new methods on non-local type " + rt->text);
      continue;
    }
    Type* t = const_cast<Type*>(te->type);
    if (ukind(t) == Kind::Pointer || ukind(t) == Kind::Interface) {
      error(rt->pos, "invalid receiver type " + rt->text + " (pointer or interface type)");
      continue;
    }
    const Type* sig = func_type(d->a);
    if (!sig) continue;
    bool dup = false;
    for (auto& m : t->methods)
      if (m.name == d->text) dup = true;
    if (dup) {
      error(d->pos2, "method " + t->name + "." + d->text + " already declared");
      continue;
    }
    if (ukind(t) == Kind::Struct) {
      for (auto& f : under(t)->fields)
        if (f.name == d->text) {
          error(d->pos2, "field and method with the same name " + d->text);
          dup = true;
        }
      if (dup) continue;
    }
    Method m;
    m.name = d->text;
    m.sig = sig;
    m.ptr_recv = ptr;
    t->methods.push_back(m);
    method_types.emplace_back(d, t);
  }
  // 3. function signatures
  for (auto& [name, e] : package->names) {
    if (e->k != Entity::Func || !e->decl) continue;
    const Type* sig = func_type(e->decl->a);
    e->type = sig;
  }
  // 4. constants
  for (auto& [name, e] : package->names)
    if (e->k == Entity::Const && e->state == 0) check_global_entity(e);
  // 5. package variables, with an init function context for their initialisers
  FuncCtx* init_ctx = global_init_ctx();
  FuncProto* init_proto = init_ctx->proto;
  {
    std::vector<Entity*> vars;
    for (auto& [name, e] : package->names)
      if (e->k == Entity::Var && e->decl) vars.push_back(e);
    std::sort(vars.begin(), vars.end(), [](Entity* a, Entity* b) {
      return a->pos.line != b->pos.line ? a->pos.line < b->pos.line : a->pos.col < b->pos.col;
    });
    FuncCtx* saved = fn;
    fn = init_ctx;
    for (Entity* e : vars)
      if (e->state == 0) check_global_entity(e);
    fn = saved;
  }
  // 6. bodies: functions, then methods
  std::vector<Entity*> funcs;
  for (auto& [name, e] : package->names)
    if (e->k == Entity::Func && e->decl) funcs.push_back(e);
  std::sort(funcs.begin(), funcs.end(), [](Entity* a, Entity* b) { return a->pos.line < b->pos.line; });
  for (Entity* e : funcs) {
    Node* d = e->decl;
    if (!d->c) {
      error(d->pos2, "missing function body");
      continue;
    }
    compile_func(d->a, d->c, nullptr, "main." + d->text, d->pos, const_cast<FuncProto*>(e->func));
  }
  for (auto& [d, p] : later_inits) {
    compile_func(d->a, d->c, nullptr, p->name, d->pos, p);
  }
  for (auto& [d, t] : method_types) {
    Method* m = nullptr;
    for (auto& mm : t->methods)
      if (mm.name == d->text) m = &mm;
    std::string pname = m->ptr_recv ? "main.(*" + t->name + ")." + d->text : "main." + t->name + "." + d->text;
    FuncProto* p = compile_func(d->a, d->c, d->b, pname, d->pos);
    m->impl = p;
  }
  for (auto& [d, t] : method_types) {
    for (auto& mm : t->methods)
      if (mm.name == d->text && !mm.impl) {
        // a failed compile: keep a callable stub so the table is complete
        mm.impl = new_proto("main." + t->name + "." + d->text);
      }
  }
  {
    std::vector<Exec> code = out.init_code;
    init_proto->body = [code](Frame& f) {
      for (auto& c : code) c(f);
      return Ctl::Next;
    };
  }
  out.init_proto = init_proto;
  // main and init
  Entity* m = package->names.count("main") ? package->names["main"] : nullptr;
  if (!m || m->k != Entity::Func) {
    error(Pos{0, 0}, "function main is undeclared in the main package");
  } else {
    if (m->type && (!m->type->params.empty() || !m->type->results.empty()))
      error(m->decl->pos2, "func main must have no arguments and no return values");
    out.main = m->func;
  }
  // imports not used
  for (auto& [name, info] : imports)
    if (!info.second) error(info.first, "imported and not used: \"" + import_paths[name] + "\"");
  out.package_names = package->names;
  close_scope_quiet();
}

void Compiler::collect(Node* file) {
  for (Node* d : file->list) {
    if (d->kind == NK::GenDecl && d->op == Tok::Import) {
      for (Node* spec : d->list) {
        std::string pathname = spec->text;
        std::string local = pathname.substr(pathname.rfind('/') + 1);
        if (spec->b) local = spec->b->text;
        if (local == "_" || local == ".") {
          error(spec->pos, "blank and dot imports are not in Interleave's Go subset");
          continue;
        }
        if (!install_package(pathname, local, spec->pos)) continue;
        if (package->names.count(local)) {
          error(spec->pos, local + " redeclared in this block");
          continue;
        }
        Entity* e = new_entity(Entity::Package, local);
        e->pos = spec->pos;
        package->names[local] = e;
        imports[local] = {spec->pos, false};
        import_paths[local] = pathname;
      }
      continue;
    }
    auto declare = [&](Node* id, Entity::K k, Node* decl) -> Entity* {
      if (id->text == "_") {
        Entity* e = new_entity(k, "_");
        e->decl = decl;
        e->pos = id->pos;
        return e;
      }
      if (package->names.count(id->text)) {
        error(id->pos, id->text + " redeclared in this block");
        return nullptr;
      }
      Entity* e = new_entity(k, id->text);
      e->decl = decl;
      e->pos = id->pos;
      package->names[id->text] = e;
      return e;
    };
    if (d->kind == NK::FuncDecl) {
      if (d->b) {
        methods_decls.push_back(d);
        continue;
      }
      if (d->text == "init") {
        if (!d->a->list.empty() || !d->a->list2.empty())
          error(d->pos2, "func init must have no arguments and no return values");
        FuncProto* p = compile_func_later(d);
        out.inits.push_back(p);
        continue;
      }
      Node id(NK::Ident, d->pos2);
      id.text = d->text;
      Entity* e = declare(&id, Entity::Func, d);
      if (!e) continue;
      e->func = new_proto("main." + d->text);
      continue;
    }
    if (d->kind != NK::GenDecl) continue;
    Node* last_type = nullptr;
    std::vector<Node*> last_values;
    for (Node* spec : d->list) {
      if (d->op == Tok::Type) {
        Node id(NK::Ident, spec->pos);
        id.text = spec->text;
        Entity* e = declare(&id, Entity::TypeName, spec);
        if (e && !spec->flag) {
          e->type = types().named("main", spec->text);
        }
      } else if (d->op == Tok::Const) {
        if (spec->list.empty()) {
          if (last_values.empty()) {
            error(spec->pos, "missing init expr for const declaration");
            continue;
          }
          spec->list = last_values;
          if (!spec->a) spec->a = last_type;
        } else {
          last_values = spec->list;
          last_type = spec->a;
        }
        for (std::size_t i = 0; i < spec->names.size() && i < spec->list.size(); ++i) {
          auto ov = overrides.find(spec->names[i]->text);
          if (ov != overrides.end()) {
            spec->list[i] = ov->second;
            if (!spec->a) spec->list[i]->pos = spec->names[i]->pos;
          }
        }
        for (std::size_t i = 0; i < spec->names.size(); ++i) {
          Entity* e = declare(spec->names[i], Entity::Const, spec);
          if (e) e->state = 0, e->cval.k = ConstVal::None, e->type = nullptr, e->pos = spec->names[i]->pos;
          if (e) var_of_spec[spec] = e;
        }
      } else if (d->op == Tok::Var) {
        for (std::size_t i = 0; i < spec->names.size(); ++i) {
          auto ov = overrides.find(spec->names[i]->text);
          if (ov == overrides.end()) continue;
          if (spec->list.size() == spec->names.size()) {
            spec->list[i] = ov->second;
          } else if (spec->list.empty() && spec->names.size() == 1) {
            spec->list.push_back(ov->second);
          }
        }
        for (Node* id : spec->names) {
          Entity* e = declare(id, Entity::Var, spec);
          if (!e) continue;
          e->var = new_var(id->text, nullptr, id->pos);
          e->var->global = true;
          e->var->used = true;
          e->var->slot = out.nglobals++;
          var_of_spec[spec] = e;
        }
      }
    }
  }
}

FuncProto* Compiler::compile_func_later(Node* d) {
  FuncProto* p = new_proto("main.init." + std::to_string(out.inits.size()));
  later_inits.emplace_back(d, p);
  return p;
}

FuncCtx* Compiler::global_init_ctx() {
  if (init_ctx_) return init_ctx_;
  static std::vector<std::unique_ptr<FuncCtx>> keep;
  init_ctx_ = keep.emplace_back(std::make_unique<FuncCtx>()).get();
  init_ctx_->proto = new_proto("main.init");
  init_ctx_->name = "main.init";
  init_ctx_->sig = types().func({}, {}, false);
  return init_ctx_;
}

void Compiler::check_global_entity(Entity* e) {
  if (e->state == 2 || e->state == 3) return;
  if (e->state == 1) {
    if (e->k == Entity::TypeName) return;  // a recursive type through a pointer, slice, ...
    error(e->pos, "initialization cycle or invalid recursive reference to " + e->name);
    e->state = 3;
    return;
  }
  e->state = 1;
  Scope* saved_scope = scope;
  FuncCtx* saved_fn = fn;
  scope = package;
  Node* spec = e->decl;
  switch (e->k) {
    case Entity::TypeName: {
      const Type* u = resolve_type(spec->a);
      if (!u) {
        // an invalid declaration: give the type an invalid underlying type, so nothing reads a null
        if (!spec->flag && e->type) const_cast<Type*>(e->type)->under = types().basic(Kind::Invalid);
        e->state = 3;
        break;
      }
      if (spec->flag) {
        e->type = u;  // an alias
      } else {
        Type* t = const_cast<Type*>(e->type);
        if (!u->under) {
          error(spec->pos, "invalid recursive type " + spec->text);
          t->under = types().basic(Kind::Invalid);
          e->state = 3;
          break;
        }
        t->under = u->under;
      }
      e->state = 2;
      break;
    }
    case Entity::Const: {
      // evaluate the whole spec (iota is the spec's index)
      iota_stack.push_back(spec->iota);
      const Type* t = spec->a ? resolve_type(spec->a) : nullptr;
      for (std::size_t i = 0; i < spec->names.size(); ++i) {
        if (spec->names[i]->text != e->name && e->name != "_") continue;
        if (i >= spec->list.size()) {
          error(spec->names[i]->pos, "missing init expr for const declaration");
          e->state = 3;
          break;
        }
        Operand v = expr(spec->list[i], t);
        if (!v.ok()) {
          e->state = 3;
          break;
        }
        if (v.mode != Operand::Const) {
          error(spec->list[i]->pos, describe(v) + " is not constant");
          e->state = 3;
          break;
        }
        if (t) {
          if (!is_const_type(t)) {
            error(spec->a->pos, "invalid constant type " + type_string(t));
            e->state = 3;
            break;
          }
          if (!assignable(v, t, "constant declaration", spec->list[i]->pos)) {
            e->state = 3;
            break;
          }
        }
        e->cval = v.c;
        e->type = v.type;
        e->state = 2;
        break;
      }
      iota_stack.pop_back();
      if (e->state == 1) e->state = 3;
      break;
    }
    case Entity::Var: {
      Entity* saved_global = current_global;
      current_global = e;
      fn = global_init_ctx();
      Exec init = var_decl(spec, true);
      current_global = saved_global;
      // every name of the spec is now declared
      for (Node* id : spec->names) {
        auto it = package->names.find(id->text);
        if (it != package->names.end()) it->second->state = 2;
      }
      e->state = 2;
      if (init) out.init_code.push_back(init);
      for (Node* id : spec->names) {
        auto it = package->names.find(id->text);
        if (it != package->names.end() && it->second->var)
          out.global_types.emplace_back(it->second->var->slot, it->second->var->type);
      }
      break;
    }
    default: e->state = 2; break;
  }
  scope = saved_scope;
  fn = saved_fn;
}

}  // namespace interleave::lang

namespace interleave::lang {

Exec Compiler::const_decl(Node* spec, std::vector<Node*>* last_values, Node** last_type) {
  if (spec->list.empty()) {
    if (last_values->empty()) {
      error(spec->pos, "missing init expr for const declaration");
      return nullptr;
    }
    spec->list = *last_values;
    if (!spec->a) spec->a = *last_type;
  } else {
    *last_values = spec->list;
    *last_type = spec->a;
  }
  iota_stack.push_back(spec->iota);
  const Type* t = spec->a ? resolve_type(spec->a) : nullptr;
  std::vector<std::pair<Node*, Operand>> vals;
  for (std::size_t i = 0; i < spec->names.size(); ++i) {
    if (i >= spec->list.size()) {
      error(spec->names[i]->pos, "missing init expr for const declaration");
      break;
    }
    Operand v = expr(spec->list[i], t);
    if (!v.ok()) continue;
    if (v.mode != Operand::Const) {
      error(spec->list[i]->pos, describe(v) + " is not constant");
      continue;
    }
    if (t && !assignable(v, t, "constant declaration", spec->list[i]->pos)) continue;
    vals.emplace_back(spec->names[i], v);
  }
  if (spec->list.size() > spec->names.size()) error(spec->list[spec->names.size()]->pos, "extra init expr");
  iota_stack.pop_back();
  for (auto& [id, v] : vals) {
    if (id->text == "_") continue;
    if (scope->names.count(id->text)) {
      error(id->pos, id->text + " redeclared in this block");
      continue;
    }
    Entity* e = new_entity(Entity::Const, id->text);
    e->cval = v.c;
    e->type = v.type;
    e->state = 2;
    e->pos = id->pos;
    e->used = true;
    scope->names[id->text] = e;
  }
  return nullptr;
}

void Compiler::type_decl(Node* spec) {
  if (scope->names.count(spec->text)) {
    error(spec->pos, spec->text + " redeclared in this block");
    return;
  }
  Entity* e = new_entity(Entity::TypeName, spec->text);
  e->pos = spec->pos;
  e->state = 2;
  if (spec->flag) {
    e->type = resolve_type(spec->a);
    scope->names[spec->text] = e;
    return;
  }
  Type* t = types().named("main", spec->text);
  e->type = t;
  scope->names[spec->text] = e;
  const Type* u = resolve_type(spec->a);
  if (!u || !u->under) {
    e->type = nullptr;
    return;
  }
  t->under = u->under;
}

}  // namespace interleave::lang
