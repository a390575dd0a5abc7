// lib_fmt.cpp — fmt for the interpreter: the golib printing engine over interpreter values (an FmtHost),
// and Go's panic-value text.
#include "lang/lib_fmt.h"

#include <deque>

#include "lang/compiler.h"
#include "lang/lib/fmt.h"
#include "lang/lib/strconv.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"

namespace interleave::lang {

using golib::FmtArg;
using golib::FmtKind;

const std::string& CompiledProgram::type_name(const Type* t) const {
  auto it = type_names.find(t);
  if (it != type_names.end()) return it->second;
  return type_names.emplace(t, type_string(t, true)).first->second;
}

std::uint64_t fake_address(Thread& th, const Obj* o, std::int64_t index) {
  if (!o) return 0;
  auto& m = th.run->addresses;
  auto it = m.find(o);
  if (it == m.end() && th.run->inspecting) {  // the GUI looking: addresses of its own, the program's untouched
    auto& seen = th.run->inspect_addresses;
    auto s = seen.find(o);
    if (s == seen.end()) s = seen.emplace(o, 0xc000f00000ull + 0x30ull * seen.size()).first;
    return s->second + static_cast<std::uint64_t>(index) * 8;
  }
  if (it == m.end()) it = m.emplace(o, 0xc000010000ull + 0x30ull * m.size()).first;
  return it->second + static_cast<std::uint64_t>(index) * 8;
}

namespace {

bool has_method(const Type* t, const char* name) {
  MethodLookup ml = find_method(t, name);
  if (!ml.method || !ml.method->impl) return false;
  if (ml.method->ptr_recv && ukind(t) != Kind::Pointer && !ml.indirect) return false;
  const Type* sig = ml.method->sig;
  return sig->params.empty() && sig->results.size() == 1 && ukind(sig->results[0]) == Kind::String;
}

class Host final : public golib::FmtHost {
 public:
  explicit Host(Thread& th) : th_(th), prog_(th.run->program->compiled()) {}

  FmtArg arg(const Type* t, const Value& v) const {
    if (ukind(t) == Kind::Interface) {
      if (!v.t) return FmtArg::nil();
      t = v.t;
    }
    const Type* u = under(t);
    std::string_view tn = prog_.type_name(t);
    FmtArg a;
    switch (u->kind) {
      case Kind::Bool: a = FmtArg::of_bool(v.i != 0, tn); break;
      case Kind::Int:
      case Kind::Int8:
      case Kind::Int16:
      case Kind::Int32:
      case Kind::Int64: a = FmtArg::of_int(v.i, tn); break;
      case Kind::Uint:
      case Kind::Uint8:
      case Kind::Uint16:
      case Kind::Uint32:
      case Kind::Uint64:
      case Kind::Uintptr: a = FmtArg::of_uint(static_cast<std::uint64_t>(v.i), tn); break;
      case Kind::Float32: a = FmtArg::of_float32(static_cast<float>(v.f), tn); break;
      case Kind::Float64: a = FmtArg::of_float(v.f, tn); break;
      case Kind::String: a = FmtArg::of_string(keep_string(v), tn); break;
      case Kind::Slice:
        if (ukind(u->elem) == Kind::Uint8) {
          std::string bytes;
          if (v.r) {
            auto* so = v.as<SliceObj>();
            for (std::int64_t i = 0; i < so->len; ++i) bytes += static_cast<char>(so->at(i).i);
          }
          strings_.push_back(std::move(bytes));
          a = FmtArg::of_bytes(strings_.back(), tn, v.r == nullptr);
          break;
        }
        a = hosted(FmtKind::Slice, tn, t, v);
        a.is_nil = v.r == nullptr;
        if (v.r) a.u = fake_address(th_, v.as<SliceObj>()->cells(), v.as<SliceObj>()->off);
        break;
      case Kind::Array: a = hosted(FmtKind::Array, tn, t, v); break;
      case Kind::Struct: a = hosted(FmtKind::Struct, tn, t, v); break;
      case Kind::Map:
        a = hosted(FmtKind::Map, tn, t, v);
        a.is_nil = v.r == nullptr;
        a.u = fake_address(th_, v.r, 0);
        break;
      case Kind::Pointer:
        a = hosted(FmtKind::Pointer, tn, t, v);
        a.u = fake_address(th_, v.r, v.i);
        break;
      case Kind::Chan: a = FmtArg::of_address(FmtKind::Chan, fake_address(th_, v.r, 0), tn); break;
      case Kind::Func: a = FmtArg::of_address(FmtKind::Func, fake_address(th_, v.r, 0), tn); break;
      case Kind::Opaque: a = hosted(FmtKind::Struct, tn, t, v); break;
      default: a = FmtArg::nil(); break;
    }
    if (a.kind != FmtKind::Nil && !th_.run->inspecting) {
      a.has_error = has_method(t, "Error");
      a.has_string = has_method(t, "String");
      if (a.has_error || a.has_string) {
        if (!a.host) {
          FmtArg h = hosted(a.kind, tn, t, v);
          h.u = a.u;  // the whole payload union (bool, int, uint or float bits)
          h.str = a.str;
          h.is_nil = a.is_nil;
          h.float_bits = a.float_bits;
          h.has_error = a.has_error;
          h.has_string = a.has_string;
          a = h;
        }
      }
    }
    return a;
  }

  std::size_t length(const FmtArg& a) const override {
    const Type* u = under(type_of(a));
    const Value& v = value_of(a);
    switch (u->kind) {
      case Kind::Slice: return static_cast<std::size_t>(slice_len(v));
      case Kind::Array: return static_cast<std::size_t>(u->len);
      case Kind::Struct: return u->fields.size();
      case Kind::Map: {
        if (!v.r) return 0;
        map_entries_.clear();
        for (auto& e : v.as<MapObj>()->entries)
          if (e.live) map_entries_.push_back(&e);
        return map_entries_.size();
      }
      default: return 0;
    }
  }
  FmtArg element(const FmtArg& a, std::size_t i) const override {
    const Type* u = under(type_of(a));
    const Value& v = value_of(a);
    switch (u->kind) {
      case Kind::Slice: return arg(u->elem, v.as<SliceObj>()->at(static_cast<std::int64_t>(i)));
      case Kind::Array: return arg(u->elem, v.as<Cells>()->v[i]);
      case Kind::Struct: {
        const Field& f = u->fields[i];
        FmtArg r = arg(f.type, v.as<Cells>()->v[i]);
        bool exported = !f.name.empty() && std::isupper(static_cast<unsigned char>(f.name[0]));
        if (!exported) {
          r.has_error = r.has_string = false;
        }
        return r;
      }
      default: return FmtArg::nil();
    }
  }
  std::string_view field_name(const FmtArg& a, std::size_t i) const override {
    return under(type_of(a))->fields[i].name;
  }
  FmtArg map_key(const FmtArg& a, std::size_t i) const override {
    if (map_entries_.empty()) length(a);
    return arg(under(type_of(a))->key, map_entries_[i]->key);
  }
  FmtArg map_value(const FmtArg& a, std::size_t i) const override {
    if (map_entries_.empty()) length(a);
    return arg(under(type_of(a))->elem, map_entries_[i]->val);
  }
  FmtArg pointee(const FmtArg& a) const override {
    const Type* t = type_of(a);
    const Value& v = value_of(a);
    return arg(under(t)->elem, deref(v));
  }
  golib::FmtMethodResult call_method(const FmtArg& a, golib::FmtMethod m) const override {
    golib::FmtMethodResult r;
    Value v = value_of(a);
    v.t = type_of(a);
    Value out;
    try {
      if (lang::call_method(th_, v, m == golib::FmtMethod::Error ? "Error" : "String", &out)) r.text = str_of(out);
    } catch (GoPanic& p) {
      r.panicked = true;
      r.panic_value = arg(p.type ? p.type : prog_.types.empty_interface(), p.v);
    }
    return r;
  }

  std::string_view keep_string(const Value& v) const {
    if (!v.r) return {};
    held_.push_back(v);
    return v.as<StrObj>()->s;
  }

 private:
  FmtArg hosted(FmtKind k, std::string_view tn, const Type* t, const Value& v) const {
    held_.push_back(v);
    return FmtArg::of_host(k, tn, this, &held_.back(), reinterpret_cast<std::uint64_t>(t));
  }
  static const Type* type_of(const FmtArg& a) { return reinterpret_cast<const Type*>(a.ref2); }
  static const Value& value_of(const FmtArg& a) { return *static_cast<const Value*>(a.ref); }

  Thread& th_;
  const CompiledProgram& prog_;
  mutable std::deque<Value> held_;
  mutable std::deque<std::string> strings_;
  mutable std::vector<const MapObj::Entry*> map_entries_;
};

std::vector<FmtArg> args_of(Host& h, const Value& slice) {
  std::vector<FmtArg> out;
  if (!slice.r) return out;
  auto* so = slice.as<SliceObj>();
  for (std::int64_t i = 0; i < so->len; ++i) {
    const Value& v = so->at(i);
    out.push_back(h.arg(v.t ? v.t : nullptr, v));
  }
  return out;
}

}  // namespace

std::string fmt_errorf(Thread& th, const Value& args, const std::string& format, int* wrapped) {
  Host h(th);
  std::vector<FmtArg> as;
  if (args.r) {
    auto* so = args.as<SliceObj>();
    for (std::int64_t i = 0; i < so->len; ++i) {
      const Value& v = so->at(i);
      as.push_back(v.t ? h.arg(v.t, v) : FmtArg::nil());
    }
  }
  golib::ErrorfText r = golib::errorf(format, as);
  *wrapped = r.wrapped;
  return r.text;
}

std::string fmt_sprint(Thread& th, const Value& args, FmtMode mode, const std::string& format) {
  Host h(th);
  std::vector<FmtArg> as;
  if (args.r) {
    auto* so = args.as<SliceObj>();
    for (std::int64_t i = 0; i < so->len; ++i) {
      const Value& v = so->at(i);
      as.push_back(v.t ? h.arg(v.t, v) : FmtArg::nil());
    }
  }
  std::string out;
  switch (mode) {
    case FmtMode::Print: golib::append_print(out, as); break;
    case FmtMode::Println: golib::append_println(out, as); break;
    case FmtMode::Printf: golib::append_printf(out, format, as); break;
    case FmtMode::Errorf: out = golib::errorf(format, as).text; break;
  }
  return out;
}

std::string fmt_value(Thread& th, const Type* t, const Value& v) {
  Host h(th);
  FmtArg a = h.arg(t, v);
  std::string out;
  golib::append_print(out, std::span<const FmtArg>(&a, 1));
  return out;
}

std::string panic_value_text(Thread& th, const Value& v, const Type* t) {
  if (!t) return "nil";
  Value out;
  Value iv = v;
  iv.t = t;
  try {
    if (has_method(t, "Error") && call_method(th, iv, "Error", &out)) return str_of(out);
    if (has_method(t, "String") && call_method(th, iv, "String", &out)) return str_of(out);
  } catch (GoPanic&) {
  }
  const Type* u = under(t);
  std::string tn = type_string(t, true);
  std::string val;
  switch (u->kind) {
    case Kind::Bool: val = v.i ? "true" : "false"; break;
    case Kind::Int:
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64: val = std::to_string(v.i); break;
    case Kind::Uint:
    case Kind::Uint8:
    case Kind::Uint16:
    case Kind::Uint32:
    case Kind::Uint64:
    case Kind::Uintptr: val = std::to_string(static_cast<std::uint64_t>(v.i)); break;
    case Kind::Float32:
    case Kind::Float64: val = golib::format_float(v.f, 'e', -1, 64); break;
    case Kind::String:
      if (t->kind != Kind::Named) return str_of(v);
      return tn + "(\"" + str_of(v) + "\")";
    default: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "(%s) %#llx", tn.c_str(),
                    static_cast<unsigned long long>(fake_address(th, v.r, v.i)));
      return buf;
    }
  }
  if (t->kind == Kind::Named) return tn + "(" + val + ")";
  return val;
}

std::string builtin_print_text(const Type* t, const Value& v) {
  switch (ukind(t)) {
    case Kind::Bool: return v.i ? "true" : "false";
    case Kind::Int:
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64: return std::to_string(v.i);
    case Kind::Uint:
    case Kind::Uint8:
    case Kind::Uint16:
    case Kind::Uint32:
    case Kind::Uint64:
    case Kind::Uintptr: return std::to_string(static_cast<std::uint64_t>(v.i));
    case Kind::Float32:
    case Kind::Float64: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%+e", v.f);
      return buf;
    }
    case Kind::String: return str_of(v);
    case Kind::Interface: return v.t ? "(" + type_string(v.t, true) + ") 0xc000010000" : "(0x0,0x0)";
    default: return v.r ? "0xc000010000" : "0x0";
  }
}

}  // namespace interleave::lang
