// check_const.cpp — Go's constants: representability, spelling in messages, and run-time values.
#include <cmath>
#include <cstdio>

#include "lang/compiler.h"

namespace interleave::lang {

namespace {
std::string int128_string(__int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (u) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return neg ? "-" + s : s;
}
}  // namespace

bool const_representable(const ConstVal& c, const Type* t, ConstVal* out) {
  ConstVal r = c;
  Kind k = ukind(t);
  if (k == Kind::Interface) {
    if (out) *out = r;
    return true;
  }
  switch (c.k) {
    case ConstVal::Bool:
      if (!is_boolean(t)) return false;
      break;
    case ConstVal::String:
      if (!is_string(t)) return false;
      break;
    case ConstVal::Int:
    case ConstVal::Float: {
      if (is_integer(t)) {
        __int128 v;
        if (c.k == ConstVal::Float) {
          if (c.f != std::floor(c.f) || std::fabs(c.f) > 1.7e38) return false;
          v = static_cast<__int128>(c.f);
        } else {
          if (c.big) return false;
          v = c.i;
        }
        __int128 lo, hi;
        switch (k) {
          case Kind::Int8: lo = INT8_MIN, hi = INT8_MAX; break;
          case Kind::Int16: lo = INT16_MIN, hi = INT16_MAX; break;
          case Kind::Int32: lo = INT32_MIN, hi = INT32_MAX; break;
          case Kind::Int:
          case Kind::Int64: lo = INT64_MIN, hi = INT64_MAX; break;
          case Kind::Uint8: lo = 0, hi = UINT8_MAX; break;
          case Kind::Uint16: lo = 0, hi = UINT16_MAX; break;
          case Kind::Uint32: lo = 0, hi = UINT32_MAX; break;
          case Kind::Uint:
          case Kind::Uint64:
          case Kind::Uintptr: lo = 0, hi = static_cast<__int128>(UINT64_MAX); break;
          default: lo = -(static_cast<__int128>(1) << 126), hi = static_cast<__int128>(1) << 126; break;
        }
        if (v < lo || v > hi) return false;
        r.k = ConstVal::Int;
        r.i = v;
      } else if (is_float(t)) {
        r.f = c.k == ConstVal::Int ? (c.big ? c.f : static_cast<double>(c.i)) : c.f;
        if (k == Kind::Float32) {
          if (std::fabs(r.f) > 3.40282346638528859811704183484516925440e+38) return false;
          r.f = static_cast<float>(r.f);
        } else if (std::isinf(r.f)) {
          return false;
        }
        r.k = ConstVal::Float;
      } else {
        return false;
      }
      break;
    }
    default: return false;
  }
  if (out) *out = r;
  return true;
}

std::string const_string(const ConstVal& c, const Type* t) {
  switch (c.k) {
    case ConstVal::Bool: return c.b ? "true" : "false";
    case ConstVal::Int: return c.big ? "huge" : int128_string(c.i);
    case ConstVal::Float: {
      if (c.f == std::floor(c.f) && std::fabs(c.f) < 1e21) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f", c.f);
        return buf;
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", c.f);
      return buf;
    }
    case ConstVal::String: {
      std::string s = "\"";
      for (char ch : c.s) {
        if (ch == '"' || ch == '\\') s += '\\';
        if (ch == '\n') {
          s += "\\n";
          continue;
        }
        s += ch;
      }
      return s + "\"";
    }
    default: (void)t; return "?";
  }
}

Value const_to_value(const ConstVal& c, const Type* t) {
  switch (c.k) {
    case ConstVal::Bool: return Value::of_bool(c.b);
    case ConstVal::String: return make_string(c.s);
    case ConstVal::Int:
      if (is_float(t)) return Value::of_float(static_cast<double>(c.i));
      return Value::of_int(static_cast<std::int64_t>(static_cast<unsigned __int128>(c.i)));
    case ConstVal::Float:
      if (is_integer(t)) return Value::of_int(static_cast<std::int64_t>(c.f));
      if (ukind(t) == Kind::Float32) return Value::of_float(static_cast<float>(c.f));
      return Value::of_float(c.f);
    default: return Value();
  }
}

}  // namespace interleave::lang
