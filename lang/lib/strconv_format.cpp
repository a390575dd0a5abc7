// strconv_format.cpp — integers and floats to text as Go's strconv writes them (itoa.go, ftoa.go).
//
// Digits come from std::to_chars, which gives the same digits Go computes: the shortest digits that read
// back exactly, or the correctly rounded digits for a precision (ties to even on exact halves, as Go's
// Ryu and big-decimal paths do). The layout around the digits (%e's two-digit exponent, %g's choice
// between %e and %f, trailing-zero trimming, 'b' and 'x' forms) is transcribed from Go's ftoa.go.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "lang/lib/strconv.h"

namespace interleave::golib {
namespace {

constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

void append_bits(std::string& out, std::uint64_t u, int base, bool neg) {
  if (base < 2 || base > 36) base = 10;  // Go panics ("illegal AppendInt/FormatInt base"); callers check
  char buf[65];
  int i = 65;
  if (base == 10) {
    while (u >= 10) {
      buf[--i] = static_cast<char>('0' + u % 10);
      u /= 10;
    }
  } else {
    const auto b = static_cast<std::uint64_t>(base);
    while (u >= b) {
      buf[--i] = kDigits[u % b];
      u /= b;
    }
  }
  buf[--i] = kDigits[u];
  if (neg) out.push_back('-');
  out.append(buf + i, buf + 65);
}

// A float's decimal digits as Go's decimalSlice: value = 0.d[0]d[1]...d[nd-1] × 10^dp; nd == 0 for zero.
struct Decimal {
  char d[800];
  int nd = 0, dp = 0;
};
// A double has at most 767 significant decimal digits; every digit after those is 0, which fmt_e adds.
constexpr int kMaxDigits = 780;

// The digits of |v| in scientific notation with `prec` digits after the point (prec < 0: shortest).
// Trailing zeros are trimmed when `trim` (Go's Ryu paths trim them).
void digits_of(Decimal& dec, double v, int bit_size, int prec, bool trim) {
  v = std::abs(v);
  if (v == 0) {
    dec.nd = dec.dp = 0;
    return;
  }
  char buf[900];
  std::to_chars_result r;
  if (prec < 0) {
    r = bit_size == 32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), std::chars_format::scientific)
                       : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, std::min(prec, kMaxDigits));
  }
  const char* e = std::find(buf, r.ptr, 'e');
  int nd = 0;
  for (const char* p = buf; p < e; ++p) {
    if (*p != '.') dec.d[nd++] = *p;
  }
  int exp = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), r.ptr, exp);
  if (trim) {
    while (nd > 0 && dec.d[nd - 1] == '0') --nd;
  }
  dec.nd = nd;
  dec.dp = exp + 1;
}

// %e: -d.ddddde±dd
void fmt_e(std::string& out, bool neg, const Decimal& d, int prec, char fmt) {
  if (neg) out.push_back('-');
  out.push_back(d.nd != 0 ? d.d[0] : '0');
  if (prec > 0) {
    out.push_back('.');
    int i = 1;
    const int m = std::min(d.nd, prec + 1);
    if (i < m) {
      out.append(d.d + i, d.d + m);
      i = m;
    }
    for (; i <= prec; ++i) out.push_back('0');
  }
  out.push_back(fmt);
  int exp = d.nd == 0 ? 0 : d.dp - 1;
  if (exp < 0) {
    out.push_back('-');
    exp = -exp;
  } else {
    out.push_back('+');
  }
  if (exp < 10) {
    out.push_back('0');
    out.push_back(static_cast<char>('0' + exp));
  } else if (exp < 100) {
    out.push_back(static_cast<char>('0' + exp / 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else {
    out.push_back(static_cast<char>('0' + exp / 100));
    out.push_back(static_cast<char>('0' + exp / 10 % 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  }
}

// %f: -ddddddd.ddddd
void fmt_f(std::string& out, bool neg, const Decimal& d, int prec) {
  if (neg) out.push_back('-');
  if (d.dp > 0) {
    int m = std::min(d.nd, d.dp);
    out.append(d.d, d.d + m);
    for (; m < d.dp; ++m) out.push_back('0');
  } else {
    out.push_back('0');
  }
  if (prec > 0) {
    out.push_back('.');
    for (int i = 1; i <= prec; ++i) {
      const int j = d.dp + i - 1;
      out.push_back(0 <= j && j < d.nd ? d.d[j] : '0');
    }
  }
}

// %b: -ddddp±ddd (mantissa and binary exponent)
void fmt_b(std::string& out, bool neg, std::uint64_t mant, int exp, int mantbits) {
  if (neg) out.push_back('-');
  append_bits(out, mant, 10, false);
  out.push_back('p');
  exp -= mantbits;
  if (exp >= 0) out.push_back('+');
  append_bits(out, static_cast<std::uint64_t>(exp < 0 ? -static_cast<std::int64_t>(exp) : exp), 10, exp < 0);
}

// %x: -0x1.yyyyyyp±ddd (hexadecimal mantissa, binary exponent)
void fmt_x(std::string& out, int prec, char fmt, bool neg, std::uint64_t mant, int exp, int mantbits) {
  if (mant == 0) exp = 0;
  mant <<= 60 - mantbits;
  while (mant != 0 && (mant & (std::uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    --exp;
  }
  if (prec >= 0 && prec < 15) {
    const unsigned shift = static_cast<unsigned>(prec * 4);
    const std::uint64_t extra = (mant << shift) & ((std::uint64_t{1} << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (std::uint64_t{1} << 59)) ++mant;
    mant <<= 60 - shift;
    if (mant & (std::uint64_t{1} << 61)) {
      mant >>= 1;
      ++exp;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) out.push_back('-');
  out.push_back('0');
  out.push_back(fmt);
  out.push_back(static_cast<char>('0' + ((mant >> 60) & 1)));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    out.push_back('.');
    while (mant != 0) {
      out.push_back(hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  } else if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; ++i) {
      out.push_back(hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  }
  out.push_back(fmt == 'X' ? 'P' : 'p');
  if (exp < 0) {
    out.push_back('-');
    exp = -exp;
  } else {
    out.push_back('+');
  }
  if (exp < 100) {
    out.push_back(static_cast<char>('0' + exp / 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else if (exp < 1000) {
    out.push_back(static_cast<char>('0' + exp / 100));
    out.push_back(static_cast<char>('0' + exp / 10 % 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else {
    out.push_back(static_cast<char>('0' + exp / 1000));
    out.push_back(static_cast<char>('0' + exp / 100 % 10));
    out.push_back(static_cast<char>('0' + exp / 10 % 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  }
}

}  // namespace

void append_int(std::string& out, std::int64_t v, int base) {
  const bool neg = v < 0;
  const std::uint64_t u = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  append_bits(out, u, base, neg);
}

void append_uint(std::string& out, std::uint64_t v, int base) { append_bits(out, v, base, false); }

void append_float(std::string& out, double val, char fmt, int prec, int bit_size) {
  // Split into sign, biased exponent and mantissa as Go's genericFtoa does.
  bool neg;
  int exp, mantbits, bias;
  std::uint64_t mant;
  bool inf_or_nan;
  if (bit_size == 32) {
    const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(val));
    mantbits = 23, bias = -127;
    neg = bits >> 31;
    exp = static_cast<int>((bits >> 23) & 0xFF);
    mant = bits & ((1u << 23) - 1);
    inf_or_nan = exp == 0xFF;
  } else {
    const auto bits = std::bit_cast<std::uint64_t>(val);
    mantbits = 52, bias = -1023;
    neg = bits >> 63;
    exp = static_cast<int>((bits >> 52) & 0x7FF);
    mant = bits & ((std::uint64_t{1} << 52) - 1);
    inf_or_nan = exp == 0x7FF;
  }
  if (inf_or_nan) {
    out += mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf";
    return;
  }
  if (exp == 0) {
    ++exp;
  } else {
    mant |= std::uint64_t{1} << mantbits;
  }
  exp += bias;
  if (fmt == 'b') return fmt_b(out, neg, mant, exp, mantbits);
  if (fmt == 'x' || fmt == 'X') return fmt_x(out, prec, fmt, neg, mant, exp, mantbits);
  if (fmt != 'e' && fmt != 'E' && fmt != 'f' && fmt != 'g' && fmt != 'G') {
    out.push_back('%');
    out.push_back(fmt);
    return;
  }
  const double v = bit_size == 32 ? static_cast<double>(static_cast<float>(val)) : val;

  // %f with a precision: the correctly rounded fixed form is exactly what Go's bigFtoa + fmtF write.
  if (fmt == 'f' && prec >= 0) {
    if (neg) out.push_back('-');
    const std::size_t at = out.size();
    out.resize(at + 330 + static_cast<std::size_t>(prec));
    const auto r = std::to_chars(out.data() + at, out.data() + out.size(), std::abs(v), std::chars_format::fixed, prec);
    out.resize(static_cast<std::size_t>(r.ptr - out.data()));
    return;
  }

  Decimal digs;
  const bool shortest = prec < 0;
  if (shortest) {
    digits_of(digs, v, bit_size, -1, true);
    switch (fmt) {
      case 'e':
      case 'E': prec = std::max(digs.nd - 1, 0); break;
      case 'f': prec = std::max(digs.nd - digs.dp, 0); break;
      default: prec = digs.nd; break;  // 'g', 'G'
    }
  } else if (fmt == 'e' || fmt == 'E') {
    digits_of(digs, v, bit_size, prec, false);
  } else {  // 'g', 'G'
    if (prec == 0) prec = 1;
    digits_of(digs, v, bit_size, prec - 1, true);
  }

  switch (fmt) {
    case 'e':
    case 'E': return fmt_e(out, neg, digs, prec, fmt);
    case 'f': return fmt_f(out, neg, digs, prec);
    default: break;
  }
  // %e is used if the exponent from the conversion is less than -4 or greater than or equal to the
  // precision; if precision was the shortest possible, use precision 6 for this decision.
  int eprec = prec;
  if (eprec > digs.nd && digs.nd >= digs.dp) eprec = digs.nd;
  if (shortest) eprec = 6;
  const int x = digs.dp - 1;
  if (x < -4 || x >= eprec) {
    if (prec > digs.nd) prec = digs.nd;
    return fmt_e(out, neg, digs, prec - 1, static_cast<char>(fmt + 'e' - 'g'));
  }
  if (prec > digs.dp) prec = digs.nd;
  fmt_f(out, neg, digs, std::max(prec - digs.dp, 0));
}

}  // namespace interleave::golib
