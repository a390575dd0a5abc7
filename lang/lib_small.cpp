// lib_small.cpp — the small library packages: strings, strconv, math, sort, sync/atomic, math/rand.
#include <algorithm>
#include <cmath>

#include "lang/lib/rand.h"
#include "lang/lib/strconv.h"
#include "lang/lib_pkg.h"
#include "runtime/policy.h"

namespace interleave::lang::libdetail {

// --- small packages -------------------------------------------------------------------------------------

static golib::GoRand& run_rand(Thread& th) {
  if (Scheduler* s = Scheduler::current()) s->access(kRandLocation, true);  // one generator, shared by all
  if (!th.run->rand) th.run->rand = std::make_shared<golib::GoRand>(1);
  return *th.run->rand;
}

void install_rand(Pkg& p) {
  const Type* I = p.T().basic(Kind::Int);
  const Type* I64 = p.T().basic(Kind::Int64);
  const Type* F = p.T().basic(Kind::Float64);
  p.func(
      "Seed", p.fn({I64}, {}), +[](Thread& th, Value* s) { run_rand(th).seed(s[0].i); });
  p.func(
      "Intn", p.fn({I}, {I}), +[](Thread& th, Value* s) {
        if (s[0].i <= 0) plain_panic(th, caller_line(th), "invalid argument to Intn");
        s[1] = Value::of_int(run_rand(th).intn(s[0].i));
      });
  p.func(
      "Int63n", p.fn({I64}, {I64}), +[](Thread& th, Value* s) {
        if (s[0].i <= 0) plain_panic(th, caller_line(th), "invalid argument to Int63n");
        s[1] = Value::of_int(run_rand(th).int63n(s[0].i));
      });
  p.func(
      "Int", p.fn({}, {I}), +[](Thread& th, Value* s) { s[0] = Value::of_int(run_rand(th).int_()); });
  p.func(
      "Int63", p.fn({}, {I64}), +[](Thread& th, Value* s) { s[0] = Value::of_int(run_rand(th).int63()); });
  p.func(
      "Float64", p.fn({}, {F}), +[](Thread& th, Value* s) { s[0] = Value::of_float(run_rand(th).float64()); });
  p.func(
      "Perm", p.fn({I}, {p.T().slice(I)}), +[](Thread& th, Value* s) {
        if (s[0].i < 0) runtime_panic(th, caller_line(th), "makeslice: len out of range");
        std::vector<Value> vs;
        for (auto v : run_rand(th).perm(s[0].i)) vs.push_back(Value::of_int(v));
        s[1] = make_slice_of(std::move(vs));
      });
}

void install_strings(Pkg& p) {
  const Type* S = p.T().basic(Kind::String);
  const Type* I = p.T().basic(Kind::Int);
  const Type* B = p.T().basic(Kind::Bool);
  const Type* SS = p.T().slice(S);
  p.func(
      "Repeat", p.fn({S, I}, {S}), +[](Thread& th, Value* s) {
        if (s[1].i < 0) plain_panic(th, caller_line(th), "strings: negative Repeat count");
        std::string r;
        for (std::int64_t i = 0; i < s[1].i; ++i) r += str_of(s[0]);
        s[2] = make_string(std::move(r));
      });
  p.func(
      "ToUpper", p.fn({S}, {S}), +[](Thread&, Value* s) {
        std::string r = str_of(s[0]);
        for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        s[1] = make_string(std::move(r));
      });
  p.func(
      "ToLower", p.fn({S}, {S}), +[](Thread&, Value* s) {
        std::string r = str_of(s[0]);
        for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        s[1] = make_string(std::move(r));
      });
  p.func(
      "Contains", p.fn({S, S}, {B}),
      +[](Thread&, Value* s) { s[2] = Value::of_bool(str_of(s[0]).find(str_of(s[1])) != std::string::npos); });
  p.func(
      "HasPrefix", p.fn({S, S}, {B}),
      +[](Thread&, Value* s) { s[2] = Value::of_bool(str_of(s[0]).rfind(str_of(s[1]), 0) == 0); });
  p.func(
      "HasSuffix", p.fn({S, S}, {B}), +[](Thread&, Value* s) {
        const std::string &a = str_of(s[0]), &b = str_of(s[1]);
        s[2] = Value::of_bool(a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0);
      });
  p.func(
      "Index", p.fn({S, S}, {I}), +[](Thread&, Value* s) {
        auto k = str_of(s[0]).find(str_of(s[1]));
        s[2] = Value::of_int(k == std::string::npos ? -1 : static_cast<std::int64_t>(k));
      });
  p.func(
      "Join", p.fn({SS, S}, {S}), +[](Thread&, Value* s) {
        auto parts = strings_of(s[0]);
        std::string r;
        for (std::size_t i = 0; i < parts.size(); ++i) r += (i ? str_of(s[1]) : "") + parts[i];
        s[2] = make_string(std::move(r));
      });
  p.func(
      "Split", p.fn({S, S}, {SS}), +[](Thread&, Value* s) {
        std::string a = str_of(s[0]), sep = str_of(s[1]);
        std::vector<std::string> out;
        if (sep.empty()) {
          std::size_t i = 0;
          while (i < a.size()) {
            std::size_t j = i;
            utf8_decode(a, j);
            out.push_back(a.substr(i, j - i));
            i = j;
          }
        } else {
          std::size_t i = 0;
          while (true) {
            auto k = a.find(sep, i);
            if (k == std::string::npos) {
              out.push_back(a.substr(i));
              break;
            }
            out.push_back(a.substr(i, k - i));
            i = k + sep.size();
          }
        }
        s[2] = slice_of_strings(out);
      });
  p.func(
      "Fields", p.fn({S}, {SS}), +[](Thread&, Value* s) {
        std::vector<std::string> out;
        std::string cur;
        for (char c : str_of(s[0])) {
          if (std::isspace(static_cast<unsigned char>(c))) {
            if (!cur.empty()) out.push_back(cur), cur.clear();
          } else {
            cur += c;
          }
        }
        if (!cur.empty()) out.push_back(cur);
        s[1] = slice_of_strings(out);
      });
  p.func(
      "TrimSpace", p.fn({S}, {S}), +[](Thread&, Value* s) {
        std::string a = str_of(s[0]);
        std::size_t b = 0, e = a.size();
        while (b < e && std::isspace(static_cast<unsigned char>(a[b]))) ++b;
        while (e > b && std::isspace(static_cast<unsigned char>(a[e - 1]))) --e;
        s[1] = make_string(a.substr(b, e - b));
      });
}

void install_strconv(Pkg& p) {
  const Type* S = p.T().basic(Kind::String);
  const Type* I = p.T().basic(Kind::Int);
  const Type* I64 = p.T().basic(Kind::Int64);
  const Type* E = p.T().error_type();
  p.func(
      "Itoa", p.fn({I}, {S}), +[](Thread&, Value* s) { s[1] = make_string(golib::itoa(s[0].i)); });
  p.func(
      "FormatInt", p.fn({I64, I}, {S}),
      +[](Thread&, Value* s) { s[2] = make_string(golib::format_int(s[0].i, static_cast<int>(s[1].i))); });
  p.func(
      "Quote", p.fn({S}, {S}), +[](Thread&, Value* s) { s[1] = make_string(golib::quote(str_of(s[0]))); });
  p.func(
      "Atoi", p.fn({S}, {I, E}), +[](Thread&, Value* s) {
        auto r = golib::atoi(str_of(s[0]));
        s[1] = Value::of_int(r.value);
        if (!r.ok()) s[2] = make_error_value(r.err->error());
      });
}

void install_math(Pkg& p) {
  const Type* F = p.T().basic(Kind::Float64);
  p.float_const("Pi", M_PI);
  p.float_const("E", M_E);
  p.float_const("Sqrt2", M_SQRT2);
  p.int_const("MaxInt", p.T().basic(Kind::UntypedInt), INT64_MAX);
  p.int_const("MinInt", p.T().basic(Kind::UntypedInt), INT64_MIN);
  p.int_const("MaxInt64", p.T().basic(Kind::UntypedInt), INT64_MAX);
  p.int_const("MinInt64", p.T().basic(Kind::UntypedInt), INT64_MIN);
  p.int_const("MaxInt32", p.T().basic(Kind::UntypedInt), INT32_MAX);
  p.int_const("MinInt32", p.T().basic(Kind::UntypedInt), INT32_MIN);
  p.func(
      "Sqrt", p.fn({F}, {F}), +[](Thread&, Value* s) { s[1] = Value::of_float(std::sqrt(s[0].f)); });
  p.func(
      "Pow", p.fn({F, F}, {F}), +[](Thread&, Value* s) { s[2] = Value::of_float(std::pow(s[0].f, s[1].f)); });
  p.func(
      "Abs", p.fn({F}, {F}), +[](Thread&, Value* s) { s[1] = Value::of_float(std::fabs(s[0].f)); });
  p.func(
      "Floor", p.fn({F}, {F}), +[](Thread&, Value* s) { s[1] = Value::of_float(std::floor(s[0].f)); });
  p.func(
      "Ceil", p.fn({F}, {F}), +[](Thread&, Value* s) { s[1] = Value::of_float(std::ceil(s[0].f)); });
  p.func(
      "Max", p.fn({F, F}, {F}), +[](Thread&, Value* s) { s[2] = Value::of_float(std::fmax(s[0].f, s[1].f)); });
  p.func(
      "Min", p.fn({F, F}, {F}), +[](Thread&, Value* s) { s[2] = Value::of_float(std::fmin(s[0].f, s[1].f)); });
}

// sort: Go 1.19 sorts with pdqsort (not stable); equal elements may end in another order than Go's.
void install_sort(Pkg& p) {
  TypeTable& T = p.T();
  const Type* I = T.basic(Kind::Int);
  const Type* B = T.basic(Kind::Bool);
  auto sort_slice = [](Value& s, auto less) {
    if (!s.r) return;
    auto* so = s.as<SliceObj>();
    std::vector<Value> tmp;
    for (std::int64_t i = 0; i < so->len; ++i) tmp.push_back(so->at(i));
    std::stable_sort(tmp.begin(), tmp.end(), less);
    for (std::int64_t i = 0; i < so->len; ++i) so->at(i) = tmp[static_cast<std::size_t>(i)];
  };
  (void)sort_slice;
  p.func(
      "Ints", p.fn({T.slice(I)}, {}), +[](Thread&, Value* s) {
        if (!s[0].r) return;
        auto* so = s[0].as<SliceObj>();
        std::vector<std::int64_t> v;
        for (std::int64_t i = 0; i < so->len; ++i) v.push_back(so->at(i).i);
        std::sort(v.begin(), v.end());
        for (std::int64_t i = 0; i < so->len; ++i) so->at(i) = Value::of_int(v[static_cast<std::size_t>(i)]);
      });
  p.func(
      "Float64s", p.fn({T.slice(T.basic(Kind::Float64))}, {}), +[](Thread&, Value* s) {
        if (!s[0].r) return;
        auto* so = s[0].as<SliceObj>();
        std::vector<double> v;
        for (std::int64_t i = 0; i < so->len; ++i) v.push_back(so->at(i).f);
        std::sort(v.begin(), v.end());
        for (std::int64_t i = 0; i < so->len; ++i) so->at(i) = Value::of_float(v[static_cast<std::size_t>(i)]);
      });
  p.func(
      "Strings", p.fn({T.slice(T.basic(Kind::String))}, {}), +[](Thread&, Value* s) {
        if (!s[0].r) return;
        auto* so = s[0].as<SliceObj>();
        std::vector<Value> v;
        for (std::int64_t i = 0; i < so->len; ++i) v.push_back(so->at(i));
        std::stable_sort(v.begin(), v.end(), [](const Value& a, const Value& b) { return str_of(a) < str_of(b); });
        for (std::int64_t i = 0; i < so->len; ++i) so->at(i) = v[static_cast<std::size_t>(i)];
      });
  p.func(
      "Slice", p.fn({T.empty_interface(), p.fn({I, I}, {B})}, {}), +[](Thread& th, Value* s) {
        if (!s[0].r || ukind(s[0].t) != Kind::Slice) return;
        auto* so = s[0].as<SliceObj>();
        // insertion sort through the user's less(i, j), swapping in place as Go's sort does
        for (std::int64_t i = 1; i < so->len; ++i) {
          for (std::int64_t j = i; j > 0; --j) {
            auto r = call_value(th, s[1], {Value::of_int(j), Value::of_int(j - 1)});
            if (r.empty() || !r[0].i) break;
            std::swap(so->at(j), so->at(j - 1));
          }
        }
      });
}

// sync/atomic: every operation is a scheduling point (the policy may switch after it), recorded as an access
// to the variable (kAccessNote: its cells' serial and index) so that exploration knows which ones commute.
static void atomic_point(Thread& th, const Value& ptr, bool write) {
  Scheduler& s = sched();
  s.access(static_cast<std::int64_t>(ptr.as<Cells>()->serial << 24 | static_cast<std::uint64_t>(ptr.i)), write);
  interleave::Choice c{DecisionKind::Preempt, 2, s.self()};
  if (s.decide(c) == 1) s.yield(caller_site(th)->location());
}

void install_atomic(Pkg& p) {
  TypeTable& T = p.T();
  for (Kind k : {Kind::Int32, Kind::Int64, Kind::Uint32, Kind::Uint64}) {
    const Type* t = T.basic(k);
    const Type* pt = T.pointer(t);
    std::string sfx = k == Kind::Int32 ? "Int32" : k == Kind::Int64 ? "Int64" : k == Kind::Uint32 ? "Uint32" : "Uint64";
    NativeFn add, load, store, cas, swap;
    switch (k) {
      case Kind::Int32:
        add = +[](Thread& th, Value* s) {
          Value& v = deref(s[0]);
          v.i = static_cast<std::int32_t>(v.i + s[1].i);
          s[2] = Value::of_int(v.i);
          atomic_point(th, s[0], true);
        };
        break;
      case Kind::Uint32:
        add = +[](Thread& th, Value* s) {
          Value& v = deref(s[0]);
          v.i = static_cast<std::uint32_t>(v.i + s[1].i);
          s[2] = Value::of_int(v.i);
          atomic_point(th, s[0], true);
        };
        break;
      default:
        add = +[](Thread& th, Value* s) {
          Value& v = deref(s[0]);
          v.i = static_cast<std::int64_t>(static_cast<std::uint64_t>(v.i) + static_cast<std::uint64_t>(s[1].i));
          s[2] = Value::of_int(v.i);
          atomic_point(th, s[0], true);
        };
        break;
    }
    load = +[](Thread& th, Value* s) {
      if (!s[0].r) runtime_panic(th, caller_line(th), "invalid memory address or nil pointer dereference", true);
      s[1] = Value::of_int(deref(s[0]).i);
      atomic_point(th, s[0], false);
    };
    store = +[](Thread& th, Value* s) {
      deref(s[0]).i = s[1].i;
      atomic_point(th, s[0], true);
    };
    swap = +[](Thread& th, Value* s) {
      Value& v = deref(s[0]);
      s[2] = Value::of_int(v.i);
      v.i = s[1].i;
      atomic_point(th, s[0], true);
    };
    cas = +[](Thread& th, Value* s) {
      Value& v = deref(s[0]);
      bool ok = v.i == s[1].i;
      if (ok) v.i = s[2].i;
      s[3] = Value::of_bool(ok);
      atomic_point(th, s[0], ok);  // a failed compare-and-swap only read
    };
    p.func("Add" + sfx, p.fn({pt, t}, {t}), add);
    p.func("Load" + sfx, p.fn({pt}, {t}), load);
    p.func("Store" + sfx, p.fn({pt, t}, {}), store);
    p.func("Swap" + sfx, p.fn({pt, t}, {t}), swap);
    p.func("CompareAndSwap" + sfx, p.fn({pt, t, t}, {T.basic(Kind::Bool)}), cas);
    // The typed value (atomic.Int64...): its methods are the same operations on the value itself, so the
    // named type's underlying type is the integer (Go's is a struct; nothing in the subset can tell).
    Type* named = T.named("sync/atomic", sfx);
    named->under = t;
    p.type(sfx, named);
    p.method(named, "Add", p.fn({t}, {t}), add, true);
    p.method(named, "Load", p.fn({}, {t}), load, true);
    p.method(named, "Store", p.fn({t}, {}), store, true);
    p.method(named, "Swap", p.fn({t}, {t}), swap, true);
    p.method(named, "CompareAndSwap", p.fn({t, t}, {T.basic(Kind::Bool)}), cas, true);
    if (k == Kind::Int32) {
      // atomic.Bool: the same operations on 0 and 1.
      const Type* B = T.basic(Kind::Bool);
      Type* b = T.named("sync/atomic", "Bool");
      b->under = B;
      p.type("Bool", b);
      p.method(b, "Load", p.fn({}, {B}), load, true);
      p.method(b, "Store", p.fn({B}, {}), store, true);
      p.method(b, "Swap", p.fn({B}, {B}), swap, true);
      p.method(b, "CompareAndSwap", p.fn({B, B}, {B}), cas, true);
    }
  }
}

}  // namespace interleave::lang::libdetail
