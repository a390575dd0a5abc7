// lib_runtime.cpp — channels and select on the runtime's primitives, slices, maps, method dispatch,
// output writes and goroutine start.
#include "lang/lib_runtime.h"

#include "lang/compiler.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"
#include "runtime/select.h"

namespace interleave::lang {

// --- channels -------------------------------------------------------------------------------------------

Value make_chan(Thread& th, const Type* chan_type, std::int64_t cap, int line, const std::string& name) {
  if (cap < 0) runtime_panic(th, line, "makechan: size out of range");
  auto* c = new ChanObj(static_cast<std::size_t>(cap), under(chan_type)->elem,
                        name.empty() ? "chan " + std::to_string(line) : name);
  return Value(c);
}

Value chan_recv(Thread& th, const Value& ch, const SourceSite* site, bool* ok) {
  watch_point(th);
  if (!ch.r) {
    Channel<Value> nil;
    auto r = nil.recv_ok(site->location());
    *ok = r.second;
    return r.first;
  }
  auto* c = ch.as<ChanObj>();
  Value keep = ch;
  auto r = c->ch.recv_ok(site->location());
  *ok = r.second;
  if (!r.second) return zero_value(c->elem);
  return std::move(r.first);
}

void chan_send(Thread& th, const Value& ch, Value v, const SourceSite* site) {
  watch_point(th);
  if (!ch.r) {
    Channel<Value> nil;
    nil.send(std::move(v), site->location());
    return;
  }
  auto* c = ch.as<ChanObj>();
  if (c->ch.base()->closed()) plain_panic(th, static_cast<int>(site->line), "send on closed channel");
  Value keep = ch;
  c->ch.send(std::move(v), site->location());
}

void chan_close(Thread& th, const Value& ch, const SourceSite* site) {
  if (!ch.r) plain_panic(th, static_cast<int>(site->line), "close of nil channel");
  auto* c = ch.as<ChanObj>();
  if (c->ch.base()->closed()) plain_panic(th, static_cast<int>(site->line), "close of closed channel");
  c->ch.close(site->location());
}

int run_select(Thread& th, const std::vector<SelectArm>& arms, std::vector<Value>& chans, std::vector<Value>& sends,
               Value* received, bool* ok, const SourceSite* site) {
  watch_point(th);
  std::vector<SelectCase> cases;
  std::vector<int> index;  // case -> arm
  std::vector<Value> recv_slots(arms.size());
  std::vector<char> oks(arms.size(), 0);
  int default_arm = -1;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    if (arms[i].is_default) {
      default_arm = static_cast<int>(i);
      continue;
    }
    ChanBase* b = chans[i].r ? chans[i].as<ChanObj>()->ch.base() : nullptr;
    if (arms[i].is_send) {
      if (b && b->closed()) {
        // Go panics only if this case is chosen; a closed channel is always ready to send (to panic)
      }
      cases.push_back(SelectCase{b, true, false, &sends[i], nullptr});
    } else {
      cases.push_back(SelectCase{b, false, false, &recv_slots[i], reinterpret_cast<bool*>(&oks[i])});
    }
    index.push_back(static_cast<int>(i));
  }
  // a send on a closed channel that would be chosen panics: check ready closed sends first
  if (default_arm >= 0) cases.push_back(default_case());
  int k = select(std::span<const SelectCase>(cases.data(), cases.size()), site->location());
  if (k < 0) return default_arm;
  int arm = index[static_cast<std::size_t>(k)];
  if (arms[static_cast<std::size_t>(arm)].is_send) return arm;
  *ok = oks[static_cast<std::size_t>(arm)] != 0;
  if (!*ok) {
    *received = zero_value(chans[static_cast<std::size_t>(arm)].as<ChanObj>()->elem);
  } else {
    *received = std::move(recv_slots[static_cast<std::size_t>(arm)]);
  }
  (void)th;
  return arm;
}

// --- slices ---------------------------------------------------------------------------------------------

Value make_slice_of(std::vector<Value> elems) {
  auto* c = new Cells(0);
  std::int64_t n = static_cast<std::int64_t>(elems.size());
  c->v = std::move(elems);
  auto* s = new SliceObj;
  s->arr = Value(c);
  s->len = s->cap = n;
  return Value(s);
}

Value make_slice(const Type* elem, std::int64_t len, std::int64_t cap) {
  auto* c = new Cells(static_cast<std::size_t>(cap));
  Kind ek = ukind(elem);
  if (ek == Kind::Struct || ek == Kind::Array || ek == Kind::Opaque)
    for (auto& x : c->v) x = zero_value(elem);
  auto* s = new SliceObj;
  s->arr = Value(c);
  s->len = len;
  s->cap = cap;
  return Value(s);
}

Value slice_append(const Value& s, const Value* vs, std::size_t n) {
  SliceObj* so = s.r ? s.as<SliceObj>() : nullptr;
  std::int64_t len = so ? so->len : 0, cap = so ? so->cap : 0;
  std::int64_t need = len + static_cast<std::int64_t>(n);
  auto* r = new SliceObj;
  if (so && need <= cap) {
    r->arr = so->arr;
    r->off = so->off;
    r->len = need;
    r->cap = cap;
    for (std::size_t i = 0; i < n; ++i) r->at(len + static_cast<std::int64_t>(i)) = vs[i];
    return Value(r);
  }
  // Go's growth: double small slices, then grow by about 1.25x
  std::int64_t ncap = cap == 0 ? need : cap;
  while (ncap < need) ncap = ncap < 256 ? ncap * 2 : ncap + (ncap + 3 * 256) / 4;
  if (ncap < need) ncap = need;
  auto* c = new Cells(static_cast<std::size_t>(ncap));
  for (std::int64_t i = 0; i < len; ++i) c->v[static_cast<std::size_t>(i)] = so->at(i);
  for (std::size_t i = 0; i < n; ++i) c->v[static_cast<std::size_t>(len) + i] = vs[i];
  r->arr = Value(c);
  r->len = need;
  r->cap = ncap;
  return Value(r);
}

std::int64_t slice_len(const Value& s) { return s.r ? s.as<SliceObj>()->len : 0; }

// --- maps -----------------------------------------------------------------------------------------------

Value make_map() { return Value(new MapObj); }

Value map_get(const Type* mt, const Value& m, const Value& key, bool* found) {
  *found = false;
  if (!m.r) return Value();
  auto* mo = m.as<MapObj>();
  auto it = mo->index.find(map_key(mt->key, key));
  if (it == mo->index.end()) return Value();
  *found = true;
  return mo->entries[it->second].val;
}

void map_set(Thread& th, const Type* mt, const Value& m, const Value& key, Value v, int line) {
  if (!m.r) plain_panic(th, line, "assignment to entry in nil map");
  if (is_interface(mt->key) && key.t && !comparable(key.t))
    runtime_panic(th, line, "hash of unhashable type " + type_string(key.t, true));
  auto* mo = m.as<MapObj>();
  std::string k = map_key(mt->key, key);
  auto it = mo->index.find(k);
  if (it != mo->index.end()) {
    mo->entries[it->second].val = std::move(v);
    return;
  }
  mo->index.emplace(std::move(k), mo->entries.size());
  mo->entries.push_back(MapObj::Entry{key, std::move(v), true});
  ++mo->live;
}

void map_delete(const Type* mt, const Value& m, const Value& key) {
  if (!m.r) return;
  auto* mo = m.as<MapObj>();
  auto it = mo->index.find(map_key(mt->key, key));
  if (it == mo->index.end()) return;
  auto& e = mo->entries[it->second];
  e.live = false;
  e.key = Value();
  e.val = Value();
  mo->index.erase(it);
  --mo->live;
  // compact when mostly dead
  if (mo->entries.size() > 32 && mo->live * 4 < mo->entries.size()) {
    std::vector<MapObj::Entry> keep;
    for (auto& x : mo->entries)
      if (x.live) keep.push_back(std::move(x));
    mo->entries = std::move(keep);
    for (std::size_t i = 0; i < mo->entries.size(); ++i) mo->index[map_key(mt->key, mo->entries[i].key)] = i;
  }
}

std::size_t map_iter_start(Thread& th, std::size_t n) {
  if (Scheduler* s = Scheduler::current()) s->access(kRandLocation, true);  // the run's one generator
  return static_cast<std::size_t>(th.run->rng.below(n));
}

// --- interface method dispatch --------------------------------------------------------------------------

Value iface_receiver(const Value& v, const std::string& name, IfaceCache& cache, const FuncProto** proto) {
  auto it = cache.find(v.t);
  if (it == cache.end()) {
    MethodLookup ml = find_method(v.t, name);
    IfaceEntry e;
    e.proto = ml.method ? ml.method->impl : nullptr;
    e.path = ml.path;
    e.ptr_recv = ml.method && ml.method->ptr_recv;
    e.recv_type = ml.recv;
    it = cache.emplace(v.t, e).first;
  }
  const IfaceEntry& e = it->second;
  *proto = e.proto;
  Value r = v;
  r.t = nullptr;
  const Type* t = v.t;
  // follow embedded fields
  for (int idx : e.path) {
    Value* cur = &r;
    if (ukind(t) == Kind::Pointer) {
      cur = &deref(r);
      t = under(t)->elem;
    }
    const Field& f = under(t)->fields[static_cast<std::size_t>(idx)];
    if (!e.ptr_recv || f.type->kind == Kind::Pointer || &idx != &e.path.back()) {
      Value next = cur->as<Cells>()->v[static_cast<std::size_t>(idx)];
      r = next;
    } else {
      r = make_pointer(cur->as<Cells>(), idx);
      t = nullptr;
      return r;
    }
    t = f.type;
  }
  if (e.ptr_recv) return r;  // a pointer already (method sets guarantee it)
  if (t && ukind(t) == Kind::Pointer && t->kind != Kind::Named) return copy_value(under(t)->elem, deref(r));
  return r;
}

Value bind_iface_method(const Value& v, const std::string& name) {
  IfaceCache cache;
  const FuncProto* p;
  Value r = iface_receiver(v, name, cache, &p);
  auto* fo = new FuncObj;
  fo->proto = p;
  fo->recv = std::move(r);
  fo->bound = true;
  return Value(fo);
}

bool call_method(Thread& th, const Value& v, const std::string& name, Value* result) {
  if (!v.t) return false;
  MethodLookup ml = find_method(v.t, name);
  if (!ml.method || !ml.method->impl) return false;
  if (ml.method->ptr_recv && v.t->kind != Kind::Pointer && !ml.indirect) return false;
  if (!ml.method->sig->params.empty() || ml.method->sig->results.size() != 1) return false;
  IfaceCache cache;
  const FuncProto* p;
  Value r = iface_receiver(v, name, cache, &p);
  std::vector<Value> slots(static_cast<std::size_t>(std::max(p->nslots, 2)));
  slots[0] = std::move(r);
  invoke(th, p, nullptr, slots.data());
  *result = slots[static_cast<std::size_t>(p->result_slots[0])];
  if (p->result_boxed[0]) *result = result->as<Cells>()->v[0];
  return true;
}

// --- output and goroutines ------------------------------------------------------------------------------

void write_output(Thread& th, bool to_stderr, const std::string& text, int line) {
  RunState& run = *th.run;
  Scheduler* s = Scheduler::current();
  OutputWrite w;
  w.time = s ? s->now() : 0;
  w.g = th.id;
  w.to_stderr = to_stderr;
  w.text = text;
  run.writes.push_back(std::move(w));
  th.set_line(line);
  watch_point(th);
  if (s) s->access(kOutputLocation, true);
  // a write is a scheduling point: the policy may switch to another goroutine here
  if (s && s->running()) {
    Choice c{DecisionKind::Preempt, 2, s->self()};
    if (s->decide(c) == 1)
      s->yield(th.run->program->compiled().site(line, th.stack.empty() ? nullptr : th.stack.back().proto)->location());
  }
}

void preempt_check(Thread& th) {
  // Go preempts a goroutine that runs for long; here every 16k loop iterations is a chance to switch
  Scheduler* s = Scheduler::current();
  if (!s || !s->running()) return;
  ++th.run->preempt_ticks;
  if (auto* gp = dynamic_cast<GoPolicy*>(&s->policy())) gp->note_yield(s->self());
  int line = th.stack.empty() ? 0 : th.stack.back().line;
  s->yield(th.run->program->compiled().site(line, th.stack.empty() ? nullptr : th.stack.back().proto)->location());
}

void run_goroutine_body(Thread& th, const Value& fn, std::vector<Value> args);  // go_program.cpp

void start_goroutine(Thread& th, const FuncProto* p, Value fn, std::vector<Value> args, int line) {
  RunState* run = th.run;
  std::string creator = th.stack.empty() ? "main.main" : th.stack.back().proto->name;
  const SourceSite* site = run->program->compiled().site(line, th.stack.empty() ? nullptr : th.stack.back().proto);
  Scheduler* s = Scheduler::current();
  struct Start {
    RunState* run;
    Value fn;
    std::vector<Value> args;
    std::string creator;
    int line;
  };
  auto st = std::make_shared<Start>(Start{run, std::move(fn), std::move(args), creator, line});
  s->go(
      p->name,
      [st]() {
        Thread t;
        t.run = st->run;
        t.created_by = st->creator;
        t.created_line = st->line;
        run_goroutine_body(t, st->fn, std::move(st->args));
      },
      site->location());
}

}  // namespace interleave::lang

#include "lang/lib/utf8.h"

namespace interleave::lang {

std::string utf8_encode(std::uint32_t c) {
  std::string s;
  golib::encode_rune(s, static_cast<golib::Rune>(c));
  return s;
}

std::uint32_t utf8_decode(const std::string& s, std::size_t& i) {
  auto d = golib::decode_rune(std::string_view(s).substr(i));
  i += static_cast<std::size_t>(d.size);
  return static_cast<std::uint32_t>(d.rune);
}

}  // namespace interleave::lang
