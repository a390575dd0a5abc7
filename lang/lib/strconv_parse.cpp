// strconv_parse.cpp — text to numbers as Go's strconv reads it (atoi.go, atof.go, atob.go), with Go's
// *NumError texts. Transcribed from Go 1.19 (Copyright 2009 The Go Authors, BSD-style license); the final
// decimal-to-binary rounding is std::from_chars, correctly rounded like Go's Eisel-Lemire + big-decimal
// fallback.
#include <charconv>
#include <cmath>
#include <limits>

#include "lang/lib/strconv.h"

namespace interleave::golib {
namespace {

char lower(char c) { return static_cast<char>(c | ('x' - 'X')); }

NumError make_error(std::string_view func, std::string_view num, NumError::Reason reason, int arg = 0) {
  return NumError{std::string(func), std::string(num), reason, arg};
}

// underscoreOK reports whether the underscores in s are allowed: only between digits or between a base
// prefix and a digit.
bool underscore_ok(std::string_view s) {
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';  // the base prefix counts as a digit for "underscore as digit separator"
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    if (('0' <= s[i] && s[i] <= '9') || (hex && 'a' <= lower(s[i]) && lower(s[i]) <= 'f')) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

std::size_t common_prefix_len_ignore_case(std::string_view s, std::string_view prefix) {
  const std::size_t n = std::min(prefix.size(), s.size());
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[i];
    if ('A' <= c && c <= 'Z') c = static_cast<char>(c + 'a' - 'A');
    if (c != prefix[i]) return i;
  }
  return n;
}

// Go's special(): "inf", "infinity" (signed) and "nan", any case; n is the length of the prefix read.
bool special(std::string_view s, double& f, std::size_t& n) {
  if (s.empty()) return false;
  double sign = 1;
  std::size_t nsign = 0;
  switch (s[0]) {
    case '+':
    case '-':
      if (s[0] == '-') sign = -1;
      nsign = 1;
      s.remove_prefix(1);
      [[fallthrough]];
    case 'i':
    case 'I': {
      std::size_t k = common_prefix_len_ignore_case(s, "infinity");
      if (3 < k && k < 8) k = 3;  // anything longer than "inf" is ok, but only "infinity" counts in full
      if (k == 3 || k == 8) {
        f = sign * std::numeric_limits<double>::infinity();
        n = nsign + k;
        return true;
      }
      break;
    }
    case 'n':
    case 'N':
      if (common_prefix_len_ignore_case(s, "nan") == 3) {
        f = std::numeric_limits<double>::quiet_NaN();
        n = 3;
        return true;
      }
      break;
    default: break;
  }
  return false;
}

// Go's readFloat, reduced to what the conversion needs: whether a prefix of s is a float literal, how
// long it is (n), its sign, whether it is hex, and a rough decimal (or binary, for hex) magnitude of the
// value to tell overflow from underflow when from_chars reports a range error.
struct FloatSyntax {
  bool ok = false, neg = false, hex = false, zero = true;
  std::size_t n = 0;
  long magnitude = 0;  // the exponent of the leading digit, in the literal's base (10, or 2 for hex)
};

FloatSyntax read_float(std::string_view s) {
  FloatSyntax r;
  bool underscores = false;
  std::size_t i = 0;
  if (i >= s.size()) return r;
  if (s[i] == '+') {
    ++i;
  } else if (s[i] == '-') {
    r.neg = true;
    ++i;
  }
  int base = 10;
  char exp_char = 'e';
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    base = 16;
    i += 2;
    exp_char = 'p';
    r.hex = true;
  }
  bool sawdot = false, sawdigits = false;
  long nd = 0, dp = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (sawdot) break;
      sawdot = true;
      dp = nd;
      continue;
    }
    if ('0' <= c && c <= '9') {
      sawdigits = true;
      if (c == '0' && nd == 0) {  // ignore leading zeros
        --dp;
        continue;
      }
      ++nd;
      r.zero = false;
      continue;
    }
    if (base == 16 && 'a' <= lower(c) && lower(c) <= 'f') {
      sawdigits = true;
      ++nd;
      r.zero = false;
      continue;
    }
    break;
  }
  if (!sawdigits) return r;
  if (!sawdot) dp = nd;
  if (base == 16) dp *= 4;
  if (i < s.size() && lower(s[i]) == exp_char) {
    ++i;
    if (i >= s.size()) return r;
    long esign = 1;
    if (s[i] == '+') {
      ++i;
    } else if (s[i] == '-') {
      ++i;
      esign = -1;
    }
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return r;
    long e = 0;
    for (; i < s.size() && (('0' <= s[i] && s[i] <= '9') || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + (s[i] - '0');
    }
    dp += e * esign;
  } else if (base == 16) {
    return r;  // a hex float must have an exponent
  }
  if (underscores && !underscore_ok(s.substr(0, i))) return r;
  r.magnitude = dp;
  r.n = i;
  r.ok = true;
  return r;
}

// The value of a literal read_float accepted (s is exactly the literal). Sets `overflow` when the value
// is beyond the float's range (Go then returns ±Inf with ErrRange).
template <class F>
F convert_float(std::string_view s, const FloatSyntax& syn, bool& overflow) {
  overflow = false;
  std::string clean;  // without sign, underscores and 0x prefix
  clean.reserve(s.size());
  std::size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (syn.hex) i += 2;
  for (; i < s.size(); ++i) {
    if (s[i] != '_') clean.push_back(s[i]);
  }
  F v = 0;
  const auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v,
                                 syn.hex ? std::chars_format::hex : std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    if (syn.zero || syn.magnitude <= 0) {
      v = 0;  // underflow: Go returns (signed) zero without an error
    } else {
      v = std::numeric_limits<F>::infinity();
      overflow = true;
    }
  }
  return syn.neg ? -v : v;
}

}  // namespace

std::string NumError::reason_text() const {
  switch (reason) {
    case Reason::Syntax: return "invalid syntax";
    case Reason::Range: return "value out of range";
    case Reason::Base: return "invalid base " + itoa(arg);
    case Reason::BitSize: return "invalid bit size " + itoa(arg);
  }
  return {};
}

std::string NumError::error() const { return "strconv." + func + ": parsing " + quote(num) + ": " + reason_text(); }

ParseResult<std::uint64_t> parse_uint(std::string_view s, int base, int bit_size) {
  constexpr std::string_view fn = "ParseUint";
  if (s.empty()) return {0, make_error(fn, s, NumError::Reason::Syntax)};
  const bool base0 = base == 0;
  const std::string_view s0 = s;
  if (2 <= base && base <= 36) {
    // ok
  } else if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') {
        base = 2, s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'o') {
        base = 8, s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'x') {
        base = 16, s.remove_prefix(2);
      } else {
        base = 8, s.remove_prefix(1);
      }
    }
  } else {
    return {0, make_error(fn, s0, NumError::Reason::Base, base)};
  }
  if (bit_size == 0) {
    bit_size = 64;
  } else if (bit_size < 0 || bit_size > 64) {
    return {0, make_error(fn, s0, NumError::Reason::BitSize, bit_size)};
  }
  constexpr std::uint64_t kMaxU64 = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t cutoff = kMaxU64 / static_cast<std::uint64_t>(base) + 1;
  const std::uint64_t max_val = bit_size == 64 ? kMaxU64 : (std::uint64_t{1} << bit_size) - 1;
  bool underscores = false;
  std::uint64_t n = 0;
  for (const char c : s) {
    int d;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    } else if ('0' <= c && c <= '9') {
      d = c - '0';
    } else if ('a' <= lower(c) && lower(c) <= 'z') {
      d = lower(c) - 'a' + 10;
    } else {
      return {0, make_error(fn, s0, NumError::Reason::Syntax)};
    }
    if (d >= base) return {0, make_error(fn, s0, NumError::Reason::Syntax)};
    if (n >= cutoff) return {max_val, make_error(fn, s0, NumError::Reason::Range)};
    n *= static_cast<std::uint64_t>(base);
    const std::uint64_t n1 = n + static_cast<std::uint64_t>(d);
    if (n1 < n || n1 > max_val) return {max_val, make_error(fn, s0, NumError::Reason::Range)};
    n = n1;
  }
  if (underscores && !underscore_ok(s0)) return {0, make_error(fn, s0, NumError::Reason::Syntax)};
  return {n, std::nullopt};
}

ParseResult<std::int64_t> parse_int(std::string_view s, int base, int bit_size) {
  constexpr std::string_view fn = "ParseInt";
  if (s.empty()) return {0, make_error(fn, s, NumError::Reason::Syntax)};
  const std::string_view s0 = s;
  bool neg = false;
  if (s[0] == '+') {
    s.remove_prefix(1);
  } else if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  auto u = parse_uint(s, base, bit_size);
  if (u.err && u.err->reason != NumError::Reason::Range) {
    u.err->func = fn;
    u.err->num = std::string(s0);
    return {0, std::move(u.err)};
  }
  if (bit_size == 0) bit_size = 64;
  const std::uint64_t cutoff = std::uint64_t{1} << (bit_size - 1);
  if (!neg && u.value >= cutoff) {
    return {static_cast<std::int64_t>(cutoff - 1), make_error(fn, s0, NumError::Reason::Range)};
  }
  if (neg && u.value > cutoff) {
    return {static_cast<std::int64_t>(0 - cutoff), make_error(fn, s0, NumError::Reason::Range)};
  }
  const auto n = static_cast<std::int64_t>(neg ? 0 - u.value : u.value);
  return {n, std::nullopt};
}

ParseResult<std::int64_t> atoi(std::string_view s) {
  constexpr std::string_view fn = "Atoi";
  if (!s.empty() && s.size() < 19) {  // fast path for small integers that fit the int type
    const std::string_view s0 = s;
    if (s[0] == '-' || s[0] == '+') {
      s.remove_prefix(1);
      if (s.empty()) return {0, make_error(fn, s0, NumError::Reason::Syntax)};
    }
    std::int64_t n = 0;
    for (const char ch : s) {
      const unsigned d = static_cast<unsigned char>(ch) - static_cast<unsigned>('0');
      if (d > 9) return {0, make_error(fn, s0, NumError::Reason::Syntax)};
      n = n * 10 + d;
    }
    if (s0[0] == '-') n = -n;
    return {n, std::nullopt};
  }
  auto r = parse_int(s, 10, 0);
  if (r.err) r.err->func = fn;
  return r;
}

ParseResult<double> parse_float(std::string_view s, int bit_size) {
  constexpr std::string_view fn = "ParseFloat";
  double f = 0;
  std::size_t n = 0;
  if (special(s, f, n)) {
    if (n != s.size()) return {0, make_error(fn, s, NumError::Reason::Syntax)};
    return {f, std::nullopt};
  }
  const FloatSyntax syn = read_float(s);
  if (!syn.ok || syn.n != s.size()) return {0, make_error(fn, s, NumError::Reason::Syntax)};
  bool overflow = false;
  if (bit_size == 32) {
    f = static_cast<double>(convert_float<float>(s, syn, overflow));
  } else {
    f = convert_float<double>(s, syn, overflow);
  }
  if (overflow) return {f, make_error(fn, s, NumError::Reason::Range)};
  return {f, std::nullopt};
}

ParseResult<bool> parse_bool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") return {true, std::nullopt};
  if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") return {false, std::nullopt};
  return {false, make_error("ParseBool", s, NumError::Reason::Syntax)};
}

}  // namespace interleave::golib
