// fmt_format.cpp — how Go's fmt writes one basic value with flags, width and precision: padding,
// integers in every base, floats, strings, %q, %c, %U and %x of strings. Transcribed from Go 1.19's
// src/fmt/format.go (Copyright 2009 The Go Authors, BSD-style license, https://go.dev/LICENSE).
#include <algorithm>
#include <vector>

#include "lang/lib/fmt_printer.h"
#include "lang/lib/strconv.h"
#include "lang/lib/unicode_print.h"

namespace interleave::golib::detail {
namespace {

constexpr char kLDigits[] = "0123456789abcdefx";
constexpr char kUDigits[] = "0123456789ABCDEFX";

}  // namespace

void Printer::write_padding(int n) {
  if (n <= 0) return;
  buf_.append(static_cast<std::size_t>(n), f_.zero ? '0' : ' ');
}

void Printer::pad(std::string_view s) {
  if (!f_.wid_present || wid_ == 0) {
    buf_ += s;
    return;
  }
  const int width = wid_ - static_cast<int>(rune_count(s));
  if (!f_.minus) {
    write_padding(width);
    buf_ += s;
  } else {
    buf_ += s;
    write_padding(width);
  }
}

void Printer::fmt_boolean(bool v) { pad(v ? "true" : "false"); }

// %U: U+0078, or U+0078 'x' with the # flag.
void Printer::fmt_unicode(std::uint64_t u) {
  int prec = 4;
  if (f_.prec_present && prec_ > 4) prec = prec_;
  std::string hex;
  for (std::uint64_t x = u;; x >>= 4) {
    hex.push_back(kUDigits[x & 0xF]);
    if (x < 16) break;
  }
  while (static_cast<int>(hex.size()) < prec) hex.push_back('0');
  std::string s = "U+";
  s.append(hex.rbegin(), hex.rend());
  if (f_.sharp && u <= static_cast<std::uint64_t>(kMaxRune) && is_print(static_cast<Rune>(u))) {
    s += " '";
    encode_rune(s, static_cast<Rune>(u));
    s += "'";
  }
  const bool old_zero = f_.zero;
  f_.zero = false;
  pad(s);
  f_.zero = old_zero;
}

void Printer::fmt_integer(std::uint64_t u, int base, bool is_signed, Rune verb, bool upper) {
  const char* digits = upper ? kUDigits : kLDigits;
  const bool negative = is_signed && static_cast<std::int64_t>(u) < 0;
  if (negative) u = 0 - u;

  char small[68];
  std::vector<char> big;
  char* buf = small;
  std::size_t len = sizeof small;
  if (f_.wid_present || f_.prec_present) {
    const std::size_t width = 3 + static_cast<std::size_t>(wid_) + static_cast<std::size_t>(prec_);
    if (width > len) {
      big.resize(width);
      buf = big.data();
      len = width;
    }
  }
  // Two ways to ask for extra leading zero digits: %.3d or %03d. If both are specified the f.zero flag
  // is ignored and padding with spaces is used instead.
  int prec = 0;
  if (f_.prec_present) {
    prec = prec_;
    if (prec == 0 && u == 0) {  // precision 0 and value 0 means "print nothing" but padding
      const bool old_zero = f_.zero;
      f_.zero = false;
      write_padding(wid_);
      f_.zero = old_zero;
      return;
    }
  } else if (f_.zero && f_.wid_present) {
    prec = wid_;
    if (negative || f_.plus || f_.space) --prec;  // leave room for sign
  }

  std::size_t i = len;
  const auto b = static_cast<std::uint64_t>(base);
  while (u >= b) {
    buf[--i] = digits[u % b];
    u /= b;
  }
  buf[--i] = digits[u];
  while (i > 0 && prec > static_cast<int>(len - i)) buf[--i] = '0';
  if (f_.sharp) {
    switch (base) {
      case 2:
        buf[--i] = 'b';
        buf[--i] = '0';
        break;
      case 8:
        if (buf[i] != '0') buf[--i] = '0';
        break;
      case 16:
        buf[--i] = digits[16];
        buf[--i] = '0';
        break;
      default: break;
    }
  }
  if (verb == 'O') {
    buf[--i] = 'o';
    buf[--i] = '0';
  }
  if (negative) {
    buf[--i] = '-';
  } else if (f_.plus) {
    buf[--i] = '+';
  } else if (f_.space) {
    buf[--i] = ' ';
  }
  // Left padding with zeros has already been handled like precision earlier or the f.zero flag is
  // ignored due to an explicit precision.
  const bool old_zero = f_.zero;
  f_.zero = false;
  pad(std::string_view(buf + i, len - i));
  f_.zero = old_zero;
}

// truncate(s): s cut to the precision, counted in runes.
std::string_view Printer::truncate(std::string_view s) const {
  if (f_.prec_present) {
    int n = prec_;
    for (std::size_t i = 0; i < s.size();) {
      if (--n < 0) return s.substr(0, i);
      i += static_cast<unsigned char>(s[i]) < kRuneSelf ? 1 : static_cast<std::size_t>(decode_rune(s.substr(i)).size);
    }
  }
  return s;
}

void Printer::fmt_s(std::string_view s) { pad(truncate(s)); }

// %x and %X of a string or byte slice: hex of each byte, with % x spacing and # prefixes.
void Printer::fmt_sbx(std::string_view s, bool upper) {
  const char* digits = upper ? kUDigits : kLDigits;
  int length = static_cast<int>(s.size());
  if (f_.prec_present && prec_ < length) length = prec_;
  int width = 2 * length;
  if (width > 0) {
    if (f_.space) {
      if (f_.sharp) width *= 2;  // each element is prefixed by 0x or 0X
      width += length - 1;       // elements are separated by a space
    } else if (f_.sharp) {
      width += 2;  // only a leading 0x or 0X is printed for the whole string
    }
  } else {  // nothing to encode: just the padding
    if (f_.wid_present) write_padding(wid_);
    return;
  }
  if (f_.wid_present && wid_ > width && !f_.minus) write_padding(wid_ - width);
  if (f_.sharp) {
    buf_.push_back('0');
    buf_.push_back(digits[16]);
  }
  for (int i = 0; i < length; ++i) {
    if (f_.space && i > 0) {
      buf_.push_back(' ');
      if (f_.sharp) {
        buf_.push_back('0');
        buf_.push_back(digits[16]);
      }
    }
    const auto c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
    buf_.push_back(digits[c >> 4]);
    buf_.push_back(digits[c & 0xF]);
  }
  if (f_.wid_present && wid_ > width && f_.minus) write_padding(wid_ - width);
}

// %q of a string: a quoted Go literal; `raw` with # when possible; ASCII-only with +.
void Printer::fmt_q(std::string_view s) {
  s = truncate(s);
  std::string q;
  if (f_.sharp && can_backquote(s)) {
    q.reserve(s.size() + 2);
    q += '`';
    q += s;
    q += '`';
  } else {
    append_quote(q, s, '"', f_.plus);
  }
  pad(q);
}

// %c: the rune; values beyond U+10FFFF print U+FFFD.
void Printer::fmt_c(std::uint64_t c) {
  const Rune r = c > static_cast<std::uint64_t>(kMaxRune) ? kRuneError : static_cast<Rune>(c);
  std::string s;
  encode_rune(s, r);
  pad(s);
}

// %q of an integer: a quoted rune literal.
void Printer::fmt_qc(std::uint64_t c) {
  const Rune r = c > static_cast<std::uint64_t>(kMaxRune) ? kRuneError : static_cast<Rune>(c);
  std::string s;
  append_quote_rune(s, r, f_.plus);
  pad(s);
}

// Go's fmt.fmtFloat: strconv's digits with fmt's sign, #, zero padding and Inf/NaN rules.
void Printer::fmt_float_(double v, int size, Rune verb, int prec) {
  if (f_.prec_present) prec = prec_;
  // Format number, reserving space for leading + sign if needed.
  std::string num = "+";
  append_float(num, v, static_cast<char>(verb), prec, size);
  if (num[1] == '-' || num[1] == '+') {
    num.erase(0, 1);
  } else {
    num[0] = '+';
  }
  // f.space means to add a leading space instead of a "+" sign unless f.plus is used.
  if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
  // Special handling for infinities and NaN, which don't look like a number so shouldn't be padded
  // with zeros.
  if (num[1] == 'I' || num[1] == 'N') {
    const bool old_zero = f_.zero;
    f_.zero = false;
    if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);  // remove sign before NaN if not asked for
    pad(num);
    f_.zero = old_zero;
    return;
  }
  // The sharp flag forces printing a decimal point but removes trailing zeros for %e, %f with the sharp
  // flag, and keeps them for %g.
  if (f_.sharp && verb != 'b') {
    int digits = 0;
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
      case 'x':
        digits = prec;
        if (digits == -1) digits = 6;  // if no precision is set explicitly use a precision of 6
        break;
      default: break;
    }
    // Buffer pre-allocated with enough room for exponent notations of the form "e+123" or "p-1023".
    std::string tail;
    bool has_decimal_point = false, saw_nonzero_digit = false;
    for (std::size_t i = 1; i < num.size(); ++i) {
      bool stop = false;
      switch (num[i]) {
        case '.': has_decimal_point = true; break;
        case 'p':
        case 'P':
          tail.append(num, i);
          num.resize(i);
          stop = true;
          break;
        case 'e':
        case 'E':
          if (verb != 'x' && verb != 'X') {
            tail.append(num, i);
            num.resize(i);
            stop = true;
            break;
          }
          [[fallthrough]];
        default:
          if (num[i] != '0') saw_nonzero_digit = true;
          if (saw_nonzero_digit) --digits;  // count significant digits after the first non-zero digit
      }
      if (stop) break;
    }
    if (!has_decimal_point) {
      if (num.size() == 2 && num[1] == '0') --digits;  // leading digit 0 should contribute once to digits
      num.push_back('.');
    }
    while (digits > 0) {
      num.push_back('0');
      --digits;
    }
    num += tail;
  }
  // We want a sign if asked for and if the sign is not positive.
  if (f_.plus || num[0] != '+') {
    // If we're zero padding to the left we want the sign before the leading zeros.
    if (f_.zero && f_.wid_present && wid_ > static_cast<int>(num.size())) {
      buf_.push_back(num[0]);
      write_padding(wid_ - static_cast<int>(num.size()));
      buf_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  // No sign to show and the number is positive; just print the unsigned number.
  pad(std::string_view(num).substr(1));
}

}  // namespace interleave::golib::detail
