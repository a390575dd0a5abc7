// interp.cpp — calls, defer/panic/recover, Go's traceback text, and value semantics (copy, zero, ==).
#include "lang/interp.h"

#include <cstring>

#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/errors.h"
#include "runtime/scheduler.h"

namespace interleave::lang {

int Thread::go_id() const { return id <= 1 ? static_cast<int>(id) : static_cast<int>(id) + 15; }

namespace {
struct StackGuard {
  Thread& th;
  std::size_t depth;
  bool keep = false;  // torn down (ForcedUnwind): the stack stays for the goroutine dump
  ~StackGuard() {
    if (!keep) th.stack.resize(depth);
  }
};
}  // namespace

[[noreturn]] static void stack_overflow(Thread& th) {
  GoFatal f;
  f.message = "stack overflow";
  f.trace = go_traceback(th);
  throw f;
}

void invoke(Thread& th, const FuncProto* p, const FuncObj* fo, Value* slots) {
  if (p->native) {
    p->native(th, slots);
    return;
  }
  char probe;
  if (&probe < th.stack_limit) [[unlikely]]
    stack_overflow(th);
  for (int k : p->boxed_params) slots[k] = new_box(std::move(slots[k]));
  for (std::size_t r = 0; r < p->result_slots.size(); ++r) {
    Value& slot = slots[p->result_slots[r]];
    Kind k = ukind(p->result_types[r]);
    if (!p->result_boxed[r] && k != Kind::Struct && k != Kind::Array && k != Kind::Opaque) {
      slot = Value();  // a number, string, pointer...: the zero Value (no call, no allocation)
      continue;
    }
    Value z = zero_value(p->result_types[r]);
    slot = p->result_boxed[r] ? new_box(std::move(z)) : std::move(z);
  }
  std::size_t depth = th.stack.size();
  th.stack.push_back(FrameRec{p, p->line, slots, fo});
  Frame f{slots, fo, &th};
  if (!p->has_defer) {
    try {
      p->body(f);
    } catch (const ForcedUnwind&) {
      throw;  // the run is being torn down: keep the stack for Go's goroutine dump
    } catch (...) {
      th.stack.resize(depth);
      throw;
    }
    th.stack.resize(depth);
    return;
  }
  StackGuard guard{th, depth};
  try {
    std::vector<std::pair<Value, std::vector<Value>>> defers;
    f.defers = &defers;
    std::unique_ptr<GoPanic> panic;
    try {
      p->body(f);
    } catch (GoPanic& gp) {
      panic = std::make_unique<GoPanic>(std::move(gp));
    }
    while (!defers.empty()) {
      auto d = std::move(defers.back());
      defers.pop_back();
      std::size_t saved_depth = th.recover_depth;
      if (panic) th.panics.push_back(panic.get());
      th.recover_depth = th.stack.size() + 1;
      try {
        call_value(th, d.first, std::move(d.second));
      } catch (GoPanic& gp2) {
        if (panic) {
          th.panics.pop_back();
          gp2.message = panic->message + (panic->recovered ? " [recovered]" : "") + "\n\tpanic: " + gp2.message;
        }
        th.recover_depth = saved_depth;
        panic = std::make_unique<GoPanic>(std::move(gp2));
        continue;
      }
      th.recover_depth = saved_depth;
      if (panic) {
        th.panics.pop_back();
        if (panic->recovered) panic.reset();
      }
    }
    if (panic) throw std::move(*panic);
  } catch (const ForcedUnwind&) {
    guard.keep = true;
    throw;
  }
}

std::vector<Value> call_value(Thread& th, const Value& fn, std::vector<Value> args) {
  auto* fo = fn.as<FuncObj>();
  if (fo->native_closure) {
    args.resize(args.size() + 2);
    fo->native_closure(th, args.data());
    return {args[0]};
  }
  const FuncProto* p = fo->proto;
  std::vector<Value> slots(static_cast<std::size_t>(std::max(p->nslots, 1) + 1));
  std::size_t off = fo->bound ? 1 : 0;
  if (off) slots[0] = fo->recv;
  for (std::size_t i = 0; i < args.size() && i + off < slots.size(); ++i) slots[i + off] = std::move(args[i]);
  invoke(th, p, fo, slots.data());
  std::vector<Value> out;
  for (std::size_t k = 0; k < p->result_slots.size(); ++k) {
    Value& v = slots[static_cast<std::size_t>(p->result_slots[k])];
    out.push_back(p->result_boxed[k] ? v.as<Cells>()->v[0] : v);
  }
  return out;
}

std::string go_traceback(const Thread& th) {
  std::string s;
  const std::string& path = th.run->program->path();
  for (std::size_t i = th.stack.size(); i-- > 0;) {
    const FrameRec& fr = th.stack[i];
    bool args = fr.proto->nparams > 0;
    s += fr.proto->name + (args ? "(...)" : "()") + "\n";
    s += "\t" + path + ":" + std::to_string(fr.line) + " +0x1d\n";
  }
  if (th.id > 1 && !th.created_by.empty()) {
    s += "created by " + th.created_by + "\n";
    s += "\t" + path + ":" + std::to_string(th.created_line) + " +0x1d\n";
  }
  return s;
}

// Go's printpanicval: how a panic's value appears after "panic: ".
std::string panic_value_text(Thread& th, const Value& v, const Type* t);

void throw_panic(Thread& th, int line, Value v, const Type* type) {
  th.set_line(line);
  GoPanic p;
  p.v = v;
  p.type = type;
  p.v.t = type;
  p.message = panic_value_text(th, p.v, type);
  p.trace = go_traceback(th);
  throw p;
}

void runtime_panic(Thread& th, int line, const std::string& msg, bool sigsegv) {
  th.set_line(line);
  GoPanic p;
  p.v = make_runtime_error("runtime error: " + msg);
  p.type = p.v.t;
  p.message = "runtime error: " + msg;
  p.sigsegv = sigsegv;
  p.trace = go_traceback(th);
  throw p;
}

void plain_panic(Thread& th, int line, const std::string& msg) {
  th.set_line(line);
  GoPanic p;
  p.v = make_plain_error(msg);
  p.type = p.v.t;
  p.message = msg;
  p.trace = go_traceback(th);
  throw p;
}

void plain_panic_error(Thread& th, int line, const std::string& msg) { plain_panic(th, line, msg); }

Value do_recover(Thread& th) {
  if (th.panics.empty() || th.stack.size() != th.recover_depth) return Value();
  GoPanic* p = th.panics.back();
  if (p->recovered) return Value();
  p->recovered = true;
  return p->v;
}

// --- value semantics ------------------------------------------------------------------------------------

Value copy_value(const Type* t, const Value& v) {
  const Type* u = under(t);
  if (!u || (u->kind != Kind::Struct && u->kind != Kind::Array) || !v.r) return v;
  const auto& src = v.as<Cells>()->v;
  auto* c = new Cells(src.size());
  if (u->kind == Kind::Struct) {
    for (std::size_t i = 0; i < src.size(); ++i) c->v[i] = copy_value(u->fields[i].type, src[i]);
  } else {
    for (std::size_t i = 0; i < src.size(); ++i) c->v[i] = copy_value(u->elem, src[i]);
  }
  Value r(c);
  r.t = v.t;
  return r;
}

Value zero_value(const Type* t) {
  if (!t) return Value();
  const Type* u = under(t);
  switch (u->kind) {
    case Kind::Struct: {
      auto* c = new Cells(u->fields.size());
      for (std::size_t i = 0; i < u->fields.size(); ++i) c->v[i] = zero_value(u->fields[i].type);
      return Value(c);
    }
    case Kind::Array: {
      auto* c = new Cells(static_cast<std::size_t>(u->len));
      Kind ek = ukind(u->elem);
      if (ek == Kind::Struct || ek == Kind::Array || ek == Kind::Opaque)
        for (auto& x : c->v) x = zero_value(u->elem);
      return Value(c);
    }
    case Kind::Opaque: return make_opaque(u->opaque_tag);
    default: return Value();
  }
}

Value zero_value_named(const Type* t, const std::string& name) {
  if (!t || name.empty()) return zero_value(t);
  const Type* u = under(t);
  switch (u->kind) {
    case Kind::Struct: {
      auto* c = new Cells(u->fields.size());
      for (std::size_t i = 0; i < u->fields.size(); ++i)
        c->v[i] = zero_value_named(u->fields[i].type, name + "." + u->fields[i].name);
      return Value(c);
    }
    case Kind::Array: {
      auto* c = new Cells(static_cast<std::size_t>(u->len));
      Kind ek = ukind(u->elem);
      if (ek == Kind::Struct || ek == Kind::Array || ek == Kind::Opaque)
        for (std::size_t i = 0; i < c->v.size(); ++i)
          c->v[i] = zero_value_named(u->elem, name + "[" + std::to_string(i) + "]");
      return Value(c);
    }
    case Kind::Opaque: return make_opaque(u->opaque_tag, name);
    default: return Value();
  }
}

bool holds_sync_values(const Type* t) {
  const Type* u = t ? under(t) : nullptr;
  if (!u) return false;
  switch (u->kind) {
    case Kind::Opaque: return true;
    case Kind::Array: return holds_sync_values(u->elem);
    case Kind::Struct:
      for (const auto& f : u->fields)
        if (holds_sync_values(f.type)) return true;
      return false;
    default: return false;
  }
}

static void key_append(std::string& out, const Type* t, const Value& v) {
  const Type* u = under(t);
  switch (u->kind) {
    case Kind::String: {
      const std::string& s = str_of(v);
      out += 's';
      out += std::to_string(s.size());
      out += ':';
      out += s;
      return;
    }
    case Kind::Float32:
    case Kind::Float64: {
      double d = v.f == 0 ? 0.0 : v.f;  // +0 == -0
      char b[sizeof d];
      std::memcpy(b, &d, sizeof d);
      out.append(b, sizeof b);
      return;
    }
    case Kind::Struct:
      for (std::size_t i = 0; i < u->fields.size(); ++i) key_append(out, u->fields[i].type, v.as<Cells>()->v[i]);
      return;
    case Kind::Array:
      for (std::size_t i = 0; i < static_cast<std::size_t>(u->len); ++i) key_append(out, u->elem, v.as<Cells>()->v[i]);
      return;
    case Kind::Interface: {
      char b[sizeof(void*)];
      std::memcpy(b, &v.t, sizeof b);
      out.append(b, sizeof b);
      if (v.t) key_append(out, v.t, v);
      return;
    }
    case Kind::Pointer:
    case Kind::Chan:
    case Kind::Map:
    case Kind::Func: {
      char b[sizeof(void*) + 8];
      std::memcpy(b, &v.r, sizeof(void*));
      std::memcpy(b + sizeof(void*), &v.i, 8);
      out.append(b, sizeof b);
      return;
    }
    default: {
      char b[8];
      std::memcpy(b, &v.i, 8);
      out.append(b, 8);
      return;
    }
  }
}

std::string map_key(const Type* t, const Value& v) {
  std::string k;
  key_append(k, t, v);
  return k;
}

bool values_equal(const Type* t, const Value& a, const Value& b) {
  const Type* u = under(t);
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString: return str_of(a) == str_of(b);
    case Kind::Float32:
    case Kind::Float64:
    case Kind::UntypedFloat: return a.f == b.f;
    case Kind::Struct:
      for (std::size_t i = 0; i < u->fields.size(); ++i)
        if (!values_equal(u->fields[i].type, a.as<Cells>()->v[i], b.as<Cells>()->v[i])) return false;
      return true;
    case Kind::Array:
      for (std::size_t i = 0; i < static_cast<std::size_t>(u->len); ++i)
        if (!values_equal(u->elem, a.as<Cells>()->v[i], b.as<Cells>()->v[i])) return false;
      return true;
    case Kind::Interface:
      if (a.t != b.t) return false;
      if (!a.t) return true;
      return values_equal(a.t, a, b);
    case Kind::Pointer: return a.r == b.r && (a.r == nullptr || a.i == b.i);
    case Kind::Chan:
    case Kind::Map:
    case Kind::Func: return a.r == b.r;
    case Kind::Opaque: return a.r == b.r;
    default: return a.i == b.i;
  }
}

}  // namespace interleave::lang
