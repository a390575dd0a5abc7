// value.h — the interpreter's values: one 24-byte Value for every Go value, and the heap objects behind.
//
//   ints, bools, floats      the union (i / f); nothing on the heap
//   string                   r: a StrObj (null is "")
//   struct, array            r: Cells with one Value per field / element (value semantics: copied when
//                            assigned, see copy_value)
//   pointer                  r: the Cells holding the pointee, i: its index (a variable escapes into a
//                            one-cell box); null r is nil
//   slice                    r: a SliceObj (backing Cells, offset, len, cap); null is nil
//   map, chan, func          r: a MapObj / ChanObj / FuncObj; null is nil
//   interface                t: the dynamic type (null: nil interface), the rest holds the dynamic value
//
// Heap objects are reference counted (single-threaded: every goroutine runs on one OS thread). Cycles
// leak until the run ends; a teaching program's heap is small.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace interleave::lang {

struct Type;

struct Obj {
  std::uint32_t rc = 0;
  virtual ~Obj() = default;
};

struct Value {
  union {
    std::int64_t i;
    double f;
  };
  Obj* r = nullptr;
  const Type* t = nullptr;  // interfaces only: the dynamic type

  Value() : i(0) {}
  static Value of_int(std::int64_t v) {
    Value x;
    x.i = v;
    return x;
  }
  static Value of_float(double v) {
    Value x;
    x.f = v;
    return x;
  }
  static Value of_bool(bool v) { return of_int(v ? 1 : 0); }
  explicit Value(Obj* o) : i(0), r(o) {
    if (r) ++r->rc;
  }
  Value(const Value& o) : i(o.i), r(o.r), t(o.t) {
    if (r) ++r->rc;
  }
  Value(Value&& o) noexcept : i(o.i), r(o.r), t(o.t) { o.r = nullptr; }
  Value& operator=(const Value& o) {
    if (o.r) ++o.r->rc;
    release();
    i = o.i;
    r = o.r;
    t = o.t;
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      release();
      i = o.i;
      r = o.r;
      t = o.t;
      o.r = nullptr;
    }
    return *this;
  }
  ~Value() { release(); }
  void release() {
    if (r && --r->rc == 0) delete r;
    r = nullptr;
  }
  template <class T>
  T* as() const {
    return static_cast<T*>(r);
  }
};

struct StrObj final : Obj {
  std::string s;
  explicit StrObj(std::string v) : s(std::move(v)) {}
};

// Cells made so far by this thread's current run (GoRun resets it): a Cells' serial names it the same way in
// every run that made the same cells in the same order, as its address does not (the explorer's atomics).
inline thread_local std::uint64_t cells_made = 0;

struct Cells final : Obj {
  std::vector<Value> v;
  std::uint64_t serial = ++cells_made;
  explicit Cells(std::size_t n = 0) : v(n) {}
};

struct SliceObj final : Obj {
  Value arr;  // r: Cells (backing array); or StrObj bytes are never sliced here
  std::int64_t off = 0, len = 0, cap = 0;
  Cells* cells() const { return arr.as<Cells>(); }
  Value& at(std::int64_t k) const { return cells()->v[static_cast<std::size_t>(off + k)]; }
};

inline Value make_string(std::string s) {
  if (s.empty()) return Value();
  return Value(new StrObj(std::move(s)));
}
inline const std::string& str_of(const Value& v) {
  static const std::string empty;
  return v.r ? v.as<StrObj>()->s : empty;
}

}  // namespace interleave::lang
