// types.cpp — building, interning, spelling and comparing Go types.
#include "lang/types.h"

#include <algorithm>

namespace interleave::lang {

bool is_integer(const Type* t) {
  Kind k = ukind(t);
  return (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune;
}
bool is_unsigned(const Type* t) {
  Kind k = ukind(t);
  return k >= Kind::Uint && k <= Kind::Uintptr;
}
bool is_float(const Type* t) {
  Kind k = ukind(t);
  return k == Kind::Float32 || k == Kind::Float64 || k == Kind::UntypedFloat;
}
bool is_numeric(const Type* t) { return is_integer(t) || is_float(t); }
bool is_string(const Type* t) { return ukind(t) == Kind::String || ukind(t) == Kind::UntypedString; }
bool is_boolean(const Type* t) { return ukind(t) == Kind::Bool || ukind(t) == Kind::UntypedBool; }
bool is_untyped(const Type* t) {
  Kind k = t ? t->kind : Kind::Invalid;
  return k >= Kind::UntypedBool && k <= Kind::UntypedNil;
}
bool is_interface(const Type* t) { return ukind(t) == Kind::Interface; }
bool is_const_type(const Type* t) {
  Kind k = ukind(t);
  return (k >= Kind::Bool && k <= Kind::String) || (k >= Kind::UntypedBool && k <= Kind::UntypedString);
}
bool comparable(const Type* t) {
  const Type* u = under(t);
  switch (u->kind) {
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func: return false;
    case Kind::Struct:
      for (auto& f : u->fields)
        if (!comparable(f.type)) return false;
      return true;
    case Kind::Array: return comparable(u->elem);
    default: return true;
  }
}
int int_bits(const Type* t) {
  switch (ukind(t)) {
    case Kind::Int8:
    case Kind::Uint8: return 8;
    case Kind::Int16:
    case Kind::Uint16: return 16;
    case Kind::Int32:
    case Kind::Uint32: return 32;
    default: return 64;
  }
}

static const char* basic_name(Kind k) {
  switch (k) {
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Int8: return "int8";
    case Kind::Int16: return "int16";
    case Kind::Int32: return "int32";
    case Kind::Int64: return "int64";
    case Kind::Uint: return "uint";
    case Kind::Uint8: return "uint8";
    case Kind::Uint16: return "uint16";
    case Kind::Uint32: return "uint32";
    case Kind::Uint64: return "uint64";
    case Kind::Uintptr: return "uintptr";
    case Kind::Float32: return "float32";
    case Kind::Float64: return "float64";
    case Kind::String: return "string";
    case Kind::UntypedBool: return "untyped bool";
    case Kind::UntypedInt: return "untyped int";
    case Kind::UntypedRune: return "untyped rune";
    case Kind::UntypedFloat: return "untyped float";
    case Kind::UntypedString: return "untyped string";
    case Kind::UntypedNil: return "untyped nil";
    default: return "invalid type";
  }
}

static void tuple_string(std::string& s, const std::vector<const Type*>& ts, bool variadic, bool q) {
  for (std::size_t i = 0; i < ts.size(); ++i) {
    if (i) s += ", ";
    if (variadic && i + 1 == ts.size()) {
      s += "..." + type_string(ts[i]->elem, q);
    } else {
      s += type_string(ts[i], q);
    }
  }
}

std::string type_string(const Type* t, bool q) {
  if (!t) return "invalid type";
  switch (t->kind) {
    case Kind::Named:
      if (t->pkg.empty()) return t->name;
      if (!q && t->pkg == "main") return t->name;
      return t->pkg + "." + t->name;
    case Kind::Array: return "[" + std::to_string(t->len) + "]" + type_string(t->elem, q);
    case Kind::Slice: return "[]" + type_string(t->elem, q);
    case Kind::Pointer: return "*" + type_string(t->elem, q);
    case Kind::Map: return "map[" + type_string(t->key, q) + "]" + type_string(t->elem, q);
    case Kind::Chan: {
      std::string e = type_string(t->elem, q);
      if (t->dir == 1) return "chan<- " + e;
      if (t->dir == 2) return "<-chan " + e;
      if (t->elem->kind == Kind::Chan && t->elem->dir == 2) return "chan (" + e + ")";
      return "chan " + e;
    }
    case Kind::Func: {
      std::string s = "func(";
      tuple_string(s, t->params, t->variadic, q);
      s += ")";
      if (t->results.size() == 1) {
        s += " " + type_string(t->results[0], q);
      } else if (t->results.size() > 1) {
        s += " (";
        tuple_string(s, t->results, false, q);
        s += ")";
      }
      return s;
    }
    case Kind::Tuple: {
      std::string s = "(";
      tuple_string(s, t->results, false, q);
      return s + ")";
    }
    case Kind::Struct: {
      std::string s = q ? "struct { " : "struct{";
      for (std::size_t i = 0; i < t->fields.size(); ++i) {
        if (i) s += "; ";
        if (t->fields[i].embedded)
          s += type_string(t->fields[i].type, q);
        else
          s += t->fields[i].name + " " + type_string(t->fields[i].type, q);
      }
      if (q && t->fields.empty()) return "struct {}";
      return s + (q ? " }" : "}");
    }
    case Kind::Interface: {
      if (t->methods.empty()) return q ? "interface {}" : "interface{}";
      std::string s = q ? "interface { " : "interface{";
      for (std::size_t i = 0; i < t->methods.size(); ++i) {
        if (i) s += "; ";
        s += t->methods[i].name + type_string(t->methods[i].sig, q).substr(4);
      }
      return s + (q ? " }" : "}");
    }
    case Kind::Opaque: return t->name;
    default: return basic_name(t->kind);
  }
}

TypeTable::TypeTable() {
  for (int k = 0; k <= static_cast<int>(Kind::UntypedNil); ++k) {
    Type& t = store_.emplace_back();
    t.kind = static_cast<Kind>(k);
    t.under = &t;
    basics_[k] = &t;
  }
  any_ = interface({});
  Type* err = named("", "error");
  Method m;
  m.name = "Error";
  m.sig = func({}, {basic(Kind::String)}, false);
  err->under = interface({m});
  error_ = err;
}

const Type* TypeTable::intern(Type t) {
  // The key is the qualified spelling plus the identity of named component types (their addresses).
  std::string key = std::to_string(static_cast<int>(t.kind)) + ":" + type_string(&t, true);
  auto add_ptr = [&](const Type* c) {
    if (c) key += "|" + std::to_string(reinterpret_cast<std::uintptr_t>(c));
  };
  add_ptr(t.elem);
  add_ptr(t.key);
  for (auto* p : t.params) add_ptr(p);
  for (auto* r : t.results) add_ptr(r);
  for (auto& f : t.fields) add_ptr(f.type), key += f.embedded ? "e" : "";
  for (auto& m : t.methods) add_ptr(m.sig);
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  Type& stored = store_.emplace_back(std::move(t));
  stored.under = &stored;
  by_key_.emplace(key, &stored);
  return &stored;
}

const Type* TypeTable::slice(const Type* elem) {
  Type t;
  t.kind = Kind::Slice;
  t.elem = elem;
  return intern(std::move(t));
}
const Type* TypeTable::array(const Type* elem, std::int64_t len) {
  Type t;
  t.kind = Kind::Array;
  t.elem = elem;
  t.len = len;
  return intern(std::move(t));
}
const Type* TypeTable::pointer(const Type* elem) {
  Type t;
  t.kind = Kind::Pointer;
  t.elem = elem;
  return intern(std::move(t));
}
const Type* TypeTable::map(const Type* key, const Type* val) {
  Type t;
  t.kind = Kind::Map;
  t.key = key;
  t.elem = val;
  return intern(std::move(t));
}
const Type* TypeTable::chan(const Type* elem, int dir) {
  Type t;
  t.kind = Kind::Chan;
  t.elem = elem;
  t.dir = dir;
  return intern(std::move(t));
}
const Type* TypeTable::func(std::vector<const Type*> params, std::vector<const Type*> results, bool variadic) {
  Type t;
  t.kind = Kind::Func;
  t.params = std::move(params);
  t.results = std::move(results);
  t.variadic = variadic;
  return intern(std::move(t));
}
const Type* TypeTable::tuple(std::vector<const Type*> results) {
  Type t;
  t.kind = Kind::Tuple;
  t.results = std::move(results);
  return intern(std::move(t));
}
const Type* TypeTable::structure(std::vector<Field> fields) {
  Type t;
  t.kind = Kind::Struct;
  t.fields = std::move(fields);
  return intern(std::move(t));
}
const Type* TypeTable::interface(std::vector<Method> methods) {
  std::sort(methods.begin(), methods.end(), [](const Method& a, const Method& b) { return a.name < b.name; });
  Type t;
  t.kind = Kind::Interface;
  t.methods = std::move(methods);
  return intern(std::move(t));
}
const Type* TypeTable::opaque(std::string name, int tag) {
  Type& t = store_.emplace_back();
  t.kind = Kind::Opaque;
  t.name = std::move(name);
  t.opaque_tag = tag;
  t.under = &t;
  return &t;
}
Type* TypeTable::named(std::string pkg, std::string name) {
  Type& t = store_.emplace_back();
  t.kind = Kind::Named;
  t.pkg = std::move(pkg);
  t.name = std::move(name);
  t.under = nullptr;
  return &t;
}

bool identical(const Type* a, const Type* b) { return a == b; }

MethodLookup find_method(const Type* t, const std::string& name) {
  MethodLookup r;
  if (!t) return r;
  bool indirect = false;
  if (t->kind == Kind::Pointer && t->elem->kind == Kind::Named) {
    t = t->elem;
    indirect = true;
  }
  if (t->kind == Kind::Interface || (t->kind == Kind::Named && t->under->kind == Kind::Interface)) {
    for (auto& m : t->under->methods)
      if (m.name == name) {
        r.method = &m;
        r.recv = t;
        return r;
      }
    return r;
  }
  // breadth-first over embedded fields
  struct Item {
    const Type* t;
    std::vector<int> path;
    bool indirect;
  };
  std::vector<Item> level{{t, {}, indirect}};
  for (int depth = 0; depth < 8 && !level.empty(); ++depth) {
    std::vector<Item> next;
    for (auto& it : level) {
      if (it.t->kind == Kind::Named) {
        for (auto& m : it.t->methods)
          if (m.name == name) {
            r.method = &m;
            r.path = it.path;
            r.recv = it.t;
            r.indirect = it.indirect;
            return r;
          }
      }
      const Type* u = it.t->under;
      if (u->kind == Kind::Interface && depth > 0) {
        for (auto& m : u->methods)
          if (m.name == name) {
            r.method = &m;
            r.path = it.path;
            r.recv = it.t;
            r.indirect = it.indirect;
            return r;
          }
      }
      if (u->kind == Kind::Struct) {
        for (std::size_t i = 0; i < u->fields.size(); ++i) {
          if (!u->fields[i].embedded) continue;
          const Type* ft = u->fields[i].type;
          bool ind = it.indirect;
          if (ft->kind == Kind::Pointer) {
            ft = ft->elem;
            ind = true;
          }
          auto p = it.path;
          p.push_back(static_cast<int>(i));
          next.push_back({ft, p, ind});
        }
      }
    }
    level = std::move(next);
  }
  return r;
}

FieldLookup find_field(const Type* t, const std::string& name) {
  FieldLookup r;
  bool first_deref = false;
  if (t->under->kind == Kind::Pointer) {
    t = t->under->elem;
    first_deref = true;
  }
  struct Item {
    const Type* t;
    std::vector<int> path;
    std::vector<bool> deref;
  };
  std::vector<Item> level{{t, {}, {}}};
  for (int depth = 0; depth < 8 && !level.empty(); ++depth) {
    std::vector<Item> next;
    int found = 0;
    for (auto& it : level) {
      const Type* u = it.t->under;
      if (u->kind != Kind::Struct) continue;
      for (std::size_t i = 0; i < u->fields.size(); ++i) {
        const Field& f = u->fields[i];
        if (f.name == name) {
          if (found++ == 0) {
            r.path = it.path;
            r.path.push_back(static_cast<int>(i));
            r.deref = it.deref;
            r.deref.push_back(false);
            r.type = f.type;
          }
        }
        if (f.embedded) {
          const Type* ft = f.type;
          auto p = it.path;
          p.push_back(static_cast<int>(i));
          auto d = it.deref;
          d.push_back(false);
          if (ft->kind == Kind::Pointer) {
            ft = ft->elem;
            d.push_back(true);
          } else {
            d.push_back(false);
          }
          // deref vector is aligned with path: deref[k] applies after step k-1; keep it simple
          d.pop_back();
          next.push_back({ft, p, d});
        }
      }
    }
    if (found) {
      r.ambiguous = found > 1;
      if (!r.deref.empty()) r.deref[0] = first_deref;
      return r;
    }
    level = std::move(next);
  }
  r.path.clear();
  return r;
}

bool implements(const Type* t, const Type* iface, std::string* missing, bool* ptr_only, bool* wrong_type) {
  const Type* iu = iface->under;
  for (auto& m : iu->methods) {
    MethodLookup l = find_method(t, m.name);
    if (!l.method) {
      if (missing) *missing = m.name;
      if (ptr_only && t->kind == Kind::Named) *ptr_only = false;
      return false;
    }
    if (l.method->sig != m.sig) {
      if (missing) *missing = m.name;
      if (wrong_type) *wrong_type = true;
      return false;
    }
    // pointer-receiver methods are not in T's method set
    bool is_ptr = t->kind == Kind::Pointer;
    if (l.method->ptr_recv && !is_ptr && !l.indirect && t->under->kind != Kind::Interface) {
      if (missing) *missing = m.name;
      if (ptr_only) *ptr_only = true;
      return false;
    }
  }
  return true;
}

}  // namespace interleave::lang
