// lower.h — small run-time helpers the compiled closures share: integer wrapping, value loads, boxes.
#pragma once

#include <cstdint>

#include "lang/interp.h"

namespace interleave::lang {

// Wraps a 64-bit result to the width and signedness of integer kind k (Go's overflow semantics).
inline std::int64_t wrap_int(Kind k, std::int64_t v) {
  switch (k) {
    case Kind::Int8: return static_cast<std::int8_t>(v);
    case Kind::Int16: return static_cast<std::int16_t>(v);
    case Kind::Int32: return static_cast<std::int32_t>(v);
    case Kind::Uint8: return static_cast<std::uint8_t>(v);
    case Kind::Uint16: return static_cast<std::uint16_t>(v);
    case Kind::Uint32: return static_cast<std::uint32_t>(v);
    default: return v;
  }
}
inline bool needs_wrap(Kind k) {
  return k == Kind::Int8 || k == Kind::Int16 || k == Kind::Int32 || k == Kind::Uint8 || k == Kind::Uint16 ||
         k == Kind::Uint32;
}

inline Value new_box(Value v) {
  auto* c = new Cells(1);
  c->v[0] = std::move(v);
  return Value(c);
}
inline Value make_pointer(Cells* c, std::int64_t idx) {
  Value p(c);
  p.i = idx;
  return p;
}
inline Value& deref(const Value& p) { return p.as<Cells>()->v[static_cast<std::size_t>(p.i)]; }

// Makes a tuple (multiple results) value.
inline Value make_tuple(std::vector<Value> vs) {
  auto* c = new Cells(0);
  c->v = std::move(vs);
  return Value(c);
}

}  // namespace interleave::lang
