// fmt_print.cpp — Go's fmt/print.go: parsing a format string, matching operands to verbs, calling
// Error()/String(), walking structs, slices, maps and pointers, and Go's error annotations. Transcribed
// from Go 1.19 (Copyright 2009 The Go Authors, BSD-style license, https://go.dev/LICENSE).
#include <algorithm>
#include <vector>

#include "lang/lib/fmt_printer.h"

namespace interleave::golib {
namespace detail {
namespace {

constexpr std::string_view kNilAngle = "<nil>";
constexpr std::string_view kNilParen = "(nil)";

bool too_large(int x) { return x > 1000000 || x < -1000000; }

// parsenum: a decimal number at s[start:end]; on overflow, not a number.
int parsenum(std::string_view s, std::size_t start, std::size_t end, bool& isnum, std::size_t& newi) {
  isnum = false;
  int num = 0;
  if (start >= end) {
    newi = end;
    return 0;
  }
  for (newi = start; newi < end && '0' <= s[newi] && s[newi] <= '9'; ++newi) {
    if (too_large(num)) {
      isnum = false;
      newi = end;
      return 0;  // overflow; crazy long number most likely
    }
    num = num * 10 + (s[newi] - '0');
    isnum = true;
  }
  return num;
}

// intFromArg: the operand used by a `*` width or precision; any integer type that fits an int.
int int_from_arg(std::span<const FmtArg> a, std::size_t& arg_num, bool& is_int) {
  is_int = false;
  if (arg_num >= a.size()) return 0;
  const FmtArg& v = a[arg_num++];
  std::int64_t n = 0;
  if (v.kind == FmtKind::Int) {
    n = v.i, is_int = true;
  } else if (v.kind == FmtKind::Uint && static_cast<std::int64_t>(v.u) >= 0) {
    n = static_cast<std::int64_t>(v.u), is_int = true;
  }
  if (n > 1000000 || n < -1000000) {
    is_int = false;
    return 0;
  }
  return static_cast<int>(n);
}

// The types Go's printArg matches exactly, before looking for methods.
bool is_basic_type(std::string_view t) {
  static constexpr std::string_view kBasic[] = {"bool",    "int",     "int8",   "int16",   "int32",     "int64",
                                                "uint",    "uint8",   "uint16", "uint32",  "uint64",    "uintptr",
                                                "float32", "float64", "string", "[]uint8", "complex64", "complex128"};
  return std::find(std::begin(kBasic), std::end(kBasic), t) != std::end(kBasic);
}

// parseArgNumber: "[3]" at the start of format gives index 2; wid is the length consumed.
bool parse_arg_number(std::string_view format, int& index, std::size_t& wid) {
  if (format.size() < 3) {
    index = 0, wid = 1;
    return false;
  }
  for (std::size_t i = 1; i < format.size(); ++i) {
    if (format[i] == ']') {
      bool ok;
      std::size_t newi;
      const int width = parsenum(format, 1, i, ok, newi);
      if (!ok || newi != i) {
        index = 0, wid = i + 1;
        return false;
      }
      index = width - 1, wid = i + 1;  // arg numbers are one-indexed and skip paren
      return true;
    }
  }
  index = 0, wid = 1;
  return false;
}

}  // namespace

void Printer::bad_verb(Rune verb) {
  erroring_ = true;
  buf_ += "%!";
  write_rune(verb);
  buf_.push_back('(');
  if (arg_ != nullptr && arg_->kind != FmtKind::Nil) {
    const FmtArg* a = arg_;
    buf_ += a->type;
    buf_.push_back('=');
    print_arg(*a, 'v');
  } else if (value_ != nullptr) {
    const FmtArg* v = value_;
    buf_ += v->type;
    buf_.push_back('=');
    print_value(*v, 'v', 0);
  } else {
    buf_ += kNilAngle;
  }
  buf_.push_back(')');
  erroring_ = false;
}

void Printer::fmt_bool(bool v, Rune verb) {
  if (verb == 't' || verb == 'v') {
    fmt_boolean(v);
  } else {
    bad_verb(verb);
  }
}

// fmt_0x64 formats a uint64 in hexadecimal, prefixed with 0x or not as requested, by temporarily
// setting the sharp flag.
void Printer::fmt_0x64(std::uint64_t v, bool leading0x) {
  const bool sharp = f_.sharp;
  f_.sharp = leading0x;
  fmt_integer(v, 16, false, 'v', false);
  f_.sharp = sharp;
}

void Printer::fmt_int(std::uint64_t v, bool is_signed, Rune verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v && !is_signed) {
        fmt_0x64(v, true);
      } else {
        fmt_integer(v, 10, is_signed, verb, false);
      }
      break;
    case 'd': fmt_integer(v, 10, is_signed, verb, false); break;
    case 'b': fmt_integer(v, 2, is_signed, verb, false); break;
    case 'o':
    case 'O': fmt_integer(v, 8, is_signed, verb, false); break;
    case 'x': fmt_integer(v, 16, is_signed, verb, false); break;
    case 'X': fmt_integer(v, 16, is_signed, verb, true); break;
    case 'c': fmt_c(v); break;
    case 'q': fmt_qc(v); break;
    case 'U': fmt_unicode(v); break;
    default: bad_verb(verb);
  }
}

void Printer::fmt_float(double v, int size, Rune verb) {
  switch (verb) {
    case 'v': fmt_float_(v, size, 'g', -1); break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmt_float_(v, size, verb, -1); break;
    case 'f':
    case 'e':
    case 'E': fmt_float_(v, size, verb, 6); break;
    case 'F': fmt_float_(v, size, 'f', 6); break;
    default: bad_verb(verb);
  }
}

void Printer::fmt_string(std::string_view v, Rune verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v) {
        fmt_q(v);
      } else {
        fmt_s(v);
      }
      break;
    case 's': fmt_s(v); break;
    case 'x': fmt_sbx(v, false); break;
    case 'X': fmt_sbx(v, true); break;
    case 'q': fmt_q(v); break;
    default: bad_verb(verb);
  }
}

void Printer::fmt_bytes(const FmtArg& v, Rune verb, std::string_view type_string) {
  const std::string_view b = v.str;
  switch (verb) {
    case 'v':
    case 'd':
      if (f_.sharp_v) {
        buf_ += type_string;
        if (v.is_nil) {
          buf_ += kNilParen;
          return;
        }
        buf_.push_back('{');
        for (std::size_t i = 0; i < b.size(); ++i) {
          if (i > 0) buf_ += ", ";
          fmt_0x64(static_cast<unsigned char>(b[i]), true);
        }
        buf_.push_back('}');
      } else {
        buf_.push_back('[');
        for (std::size_t i = 0; i < b.size(); ++i) {
          if (i > 0) buf_.push_back(' ');
          fmt_integer(static_cast<unsigned char>(b[i]), 10, false, verb, false);
        }
        buf_.push_back(']');
      }
      break;
    case 's': fmt_s(b); break;  // Go's truncate of bytes counts runes just as for strings
    case 'x': fmt_sbx(b, false); break;
    case 'X': fmt_sbx(b, true); break;
    case 'q': fmt_q(b); break;
    default: {
      // printValue(reflect.ValueOf(v), verb, 0): the elements, each a bad verb for uint8 or a number.
      const bool array = v.type.starts_with("[") && !v.type.starts_with("[]");
      if (f_.sharp_v) {
        buf_ += v.type;
        if (!array && v.is_nil) {
          buf_ += kNilParen;
          return;
        }
        buf_.push_back('{');
      } else {
        buf_.push_back('[');
      }
      for (std::size_t i = 0; i < b.size(); ++i) {
        if (i > 0) buf_ += f_.sharp_v ? ", " : " ";
        print_value(FmtArg::of_uint(static_cast<unsigned char>(b[i]), "uint8"), verb, 1);
      }
      buf_.push_back(f_.sharp_v ? '}' : ']');
    }
  }
}

void Printer::fmt_pointer(const FmtArg& v, Rune verb) {
  std::uint64_t u;
  switch (v.kind) {
    case FmtKind::Chan:
    case FmtKind::Func:
    case FmtKind::Map:
    case FmtKind::Pointer:
    case FmtKind::Slice:
    case FmtKind::UnsafePointer: u = v.u; break;
    case FmtKind::Bytes:
      if (v.type.starts_with("[") && !v.type.starts_with("[]")) {  // an array has no address to print
        bad_verb(verb);
        return;
      }
      u = v.u;
      break;
    default: bad_verb(verb); return;
  }
  switch (verb) {
    case 'v':
      if (f_.sharp_v) {
        buf_.push_back('(');
        buf_ += v.type;
        buf_ += ")(";
        if (u == 0) {
          buf_ += "nil";
        } else {
          fmt_0x64(u, true);
        }
        buf_.push_back(')');
      } else if (u == 0) {
        pad(kNilAngle);
      } else {
        fmt_0x64(u, !f_.sharp);
      }
      break;
    case 'p': fmt_0x64(u, !f_.sharp); break;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X': fmt_int(u, false, verb); break;
    default: bad_verb(verb);
  }
}

bool Printer::handle_methods(const FmtArg& arg, Rune verb) {
  if (erroring_) return false;
  if (verb == 'w') {
    // It is invalid to use %w other than with Errorf, more than once, or with a non-error arg.
    if (!arg.has_error || !wrap_errs || wrapped_taken_) {
      wrapped = -1;
      wrapped_taken_ = false;
      wrap_errs = false;
      bad_verb(verb);
      return true;
    }
    wrapped_taken_ = true;
    wrapped = &arg >= args_.data() && &arg < args_.data() + args_.size() ? static_cast<int>(&arg - args_.data()) : -1;
    verb = 'v';
  }
  FmtMethod method;
  const char* name;
  if (f_.sharp_v) {
    if (!arg.has_gostring) return false;
    method = FmtMethod::GoString, name = "GoString";
  } else {
    switch (verb) {
      case 'v':
      case 's':
      case 'x':
      case 'X':
      case 'q': break;
      default: return false;
    }
    if (arg.has_error) {
      method = FmtMethod::Error, name = "Error";
    } else if (arg.has_string) {
      method = FmtMethod::String, name = "String";
    } else {
      return false;
    }
  }
  if (arg.host == nullptr) return false;
  FmtMethodResult r = arg.host->call_method(arg, method);
  if (!r.panicked) {
    if (method == FmtMethod::GoString) {
      fmt_s(r.text);
    } else {
      fmt_string(r.text, verb);
    }
    return true;
  }
  // catchPanic: a nil pointer receiver prints "<nil>"; any other panic is reported in place.
  if (arg.kind == FmtKind::Pointer && arg.u == 0) {
    buf_ += kNilAngle;
    return true;
  }
  const FmtFlags old_flags = f_;
  const int old_wid = wid_, old_prec = prec_;
  clear_flags();
  buf_ += "%!";
  write_rune(verb);
  buf_ += "(PANIC=";
  buf_ += name;
  buf_ += " method: ";
  const bool was_panicking = panicking_;
  panicking_ = true;
  print_arg(r.panic_value, 'v');
  panicking_ = was_panicking;
  buf_.push_back(')');
  f_ = old_flags, wid_ = old_wid, prec_ = old_prec;
  return true;
}

void Printer::print_arg(const FmtArg& arg, Rune verb) {
  arg_ = &arg;
  value_ = nullptr;
  if (arg.kind == FmtKind::Nil) {
    switch (verb) {
      case 'T':
      case 'v': pad(kNilAngle); break;
      default: bad_verb(verb);
    }
    return;
  }
  // Special processing considerations. %T (the value's type) and %p (its address) are special; we
  // always do them first.
  switch (verb) {
    case 'T': fmt_s(arg.type); return;
    case 'p': fmt_pointer(arg, 'p'); return;
    default: break;
  }
  // Go's printArg formats the basic types directly; every other type is first offered to handleMethods.
  if ((arg.has_error || arg.has_string || arg.has_gostring || (verb == 'w' && !is_basic_type(arg.type))) &&
      handle_methods(arg, verb)) {
    return;
  }
  switch (arg.kind) {
    case FmtKind::Bool: fmt_bool(arg.b, verb); break;
    case FmtKind::Int: fmt_int(static_cast<std::uint64_t>(arg.i), true, verb); break;
    case FmtKind::Uint: fmt_int(arg.u, false, verb); break;
    case FmtKind::Float: fmt_float(arg.f, arg.float_bits, verb); break;
    case FmtKind::String: fmt_string(arg.str, verb); break;
    case FmtKind::Bytes: fmt_bytes(arg, verb, arg.type == "[]uint8" ? "[]byte" : arg.type); break;
    default: print_value(arg, verb, 0);
  }
}

void Printer::print_value(const FmtArg& value, Rune verb, int depth) {
  // Handle values with special methods if not already handled by printArg (depth == 0).
  if (depth > 0 && (value.has_error || value.has_string || value.has_gostring || verb == 'w')) {
    arg_ = &value;
    if (handle_methods(value, verb)) return;
  }
  arg_ = nullptr;
  value_ = &value;
  switch (value.kind) {
    case FmtKind::Nil:  // a nil interface inside a composite
      if (depth == 0) {
        buf_ += "<invalid reflect.Value>";
      } else if (f_.sharp_v) {
        buf_ += value.type;
        buf_ += kNilParen;
      } else {
        buf_ += kNilAngle;
      }
      break;
    case FmtKind::Bool: fmt_bool(value.b, verb); break;
    case FmtKind::Int: fmt_int(static_cast<std::uint64_t>(value.i), true, verb); break;
    case FmtKind::Uint: fmt_int(value.u, false, verb); break;
    case FmtKind::Float: fmt_float(value.f, value.float_bits, verb); break;
    case FmtKind::String: fmt_string(value.str, verb); break;
    case FmtKind::Bytes: fmt_bytes(value, verb, value.type); break;
    case FmtKind::Map: print_map(value, verb, depth); break;
    case FmtKind::Struct: {
      if (f_.sharp_v) buf_ += value.type;
      buf_.push_back('{');
      const std::size_t n = value.host != nullptr ? value.host->length(value) : 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) buf_ += f_.sharp_v ? ", " : " ";
        if (f_.plus_v || f_.sharp_v) {
          const std::string_view name = value.host->field_name(value, i);
          if (!name.empty()) {
            buf_ += name;
            buf_.push_back(':');
          }
        }
        const FmtArg field = value.host->element(value, i);
        print_value(field, verb, depth + 1);
      }
      buf_.push_back('}');
      break;
    }
    case FmtKind::Array:
    case FmtKind::Slice: {
      if (f_.sharp_v) {
        buf_ += value.type;
        if (value.kind == FmtKind::Slice && value.is_nil) {
          buf_ += kNilParen;
          return;
        }
        buf_.push_back('{');
      } else {
        buf_.push_back('[');
      }
      const std::size_t n = value.host != nullptr ? value.host->length(value) : 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) buf_ += f_.sharp_v ? ", " : " ";
        const FmtArg elem = value.host->element(value, i);
        print_value(elem, verb, depth + 1);
      }
      buf_.push_back(f_.sharp_v ? '}' : ']');
      break;
    }
    case FmtKind::Pointer:
      // Pointer to array or slice or struct? OK at top level but not embedded (avoid loops).
      if (depth == 0 && value.u != 0 && value.host != nullptr) {
        const FmtArg a = value.host->pointee(value);
        switch (a.kind) {
          case FmtKind::Array:
          case FmtKind::Slice:
          case FmtKind::Struct:
          case FmtKind::Map:
          case FmtKind::Bytes:
            buf_.push_back('&');
            print_value(a, verb, depth + 1);
            return;
          default: break;
        }
      }
      fmt_pointer(value, verb);
      break;
    case FmtKind::Chan:
    case FmtKind::Func:
    case FmtKind::UnsafePointer: fmt_pointer(value, verb); break;
  }
}

void Printer::print_map(const FmtArg& value, Rune verb, int depth) {
  if (f_.sharp_v) {
    buf_ += value.type;
    if (value.is_nil) {
      buf_ += kNilParen;
      return;
    }
    buf_.push_back('{');
  } else {
    buf_ += "map[";
  }
  const std::size_t n = value.is_nil || value.host == nullptr ? 0 : value.host->length(value);
  std::vector<std::pair<FmtArg, std::size_t>> keys;
  keys.reserve(n);
  for (std::size_t i = 0; i < n; ++i) keys.emplace_back(value.host->map_key(value, i), i);
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return compare_keys(a.first, b.first) < 0; });
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) buf_ += f_.sharp_v ? ", " : " ";
    print_value(keys[i].first, verb, depth + 1);
    buf_.push_back(':');
    const FmtArg v = value.host->map_value(value, keys[i].second);
    print_value(v, verb, depth + 1);
  }
  buf_.push_back(f_.sharp_v ? '}' : ']');
}

void Printer::do_printf(std::string_view format, std::span<const FmtArg> a) {
  args_ = a;
  const std::size_t end = format.size();
  std::size_t arg_num = 0;   // we process one argument per non-trivial format
  bool after_index = false;  // previous item in format was an index like [3].
  reordered_ = false;
  // argNumber: an explicit argument index at format[i], if any.
  auto arg_number = [&](std::size_t& i) {
    if (format.size() <= i || format[i] != '[') return false;
    reordered_ = true;
    int index;
    std::size_t wid;
    const bool ok = parse_arg_number(format.substr(i), index, wid);
    i += wid;
    if (ok && 0 <= index && static_cast<std::size_t>(index) < a.size()) {
      arg_num = static_cast<std::size_t>(index);
      return true;
    }
    good_arg_num_ = false;
    return ok;
  };
  for (std::size_t i = 0; i < end;) {
    good_arg_num_ = true;
    const std::size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    if (i > lasti) buf_.append(format.substr(lasti, i - lasti));
    if (i >= end) break;  // done processing format string
    ++i;                  // process one verb
    clear_flags();
    bool simple_done = false;
    for (; i < end; ++i) {
      const char c = format[i];
      bool flag = true;
      switch (c) {
        case '#': f_.sharp = true; break;
        case '0': f_.zero = !f_.minus; break;  // only allow zero padding to the left
        case '+': f_.plus = true; break;
        case '-':
          f_.minus = true;
          f_.zero = false;  // do not pad with zeros to the right
          break;
        case ' ': f_.space = true; break;
        default: flag = false;
      }
      if (flag) continue;
      // Fast path for common case of ascii lower case simple verbs without precision or width or
      // argument indices.
      if ('a' <= c && c <= 'z' && arg_num < a.size()) {
        if (c == 'v') {
          f_.sharp_v = f_.sharp, f_.sharp = false;  // Go syntax
          f_.plus_v = f_.plus, f_.plus = false;     // struct-field syntax
        }
        print_arg(a[arg_num], static_cast<Rune>(c));
        ++arg_num;
        ++i;
        simple_done = true;
      }
      break;
    }
    if (simple_done) continue;

    // Do we have an explicit argument index?
    after_index = arg_number(i);
    // Do we have width?
    if (i < end && format[i] == '*') {
      ++i;
      bool ok;
      wid_ = int_from_arg(a, arg_num, ok);
      f_.wid_present = ok;
      if (!ok) buf_ += "%!(BADWIDTH)";
      // We have a negative width, so take its value and ensure that the minus flag is set
      if (wid_ < 0) {
        wid_ = -wid_;
        f_.minus = true;
        f_.zero = false;  // do not pad with zeros to the right
      }
      after_index = false;
    } else {
      bool ok;
      wid_ = parsenum(format, i, end, ok, i);
      f_.wid_present = ok;
      if (after_index && f_.wid_present) good_arg_num_ = false;  // "%[3]2d"
    }
    // Do we have precision?
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (after_index) good_arg_num_ = false;  // "%[3].2d"
      after_index = arg_number(i);
      if (i < end && format[i] == '*') {
        ++i;
        bool ok;
        prec_ = int_from_arg(a, arg_num, ok);
        f_.prec_present = ok;
        // Negative precision arguments don't make sense
        if (prec_ < 0) {
          prec_ = 0;
          f_.prec_present = false;
        }
        if (!f_.prec_present) buf_ += "%!(BADPREC)";
        after_index = false;
      } else {
        bool ok;
        prec_ = parsenum(format, i, end, ok, i);
        f_.prec_present = ok;
        if (!f_.prec_present) {
          prec_ = 0;
          f_.prec_present = true;
        }
      }
    }
    if (!after_index) after_index = arg_number(i);
    if (i >= end) {
      buf_ += "%!(NOVERB)";
      break;
    }
    Rune verb = static_cast<unsigned char>(format[i]);
    std::size_t size = 1;
    if (verb >= kRuneSelf) {
      const DecodedRune d = decode_rune(format.substr(i));
      verb = d.rune, size = static_cast<std::size_t>(d.size);
    }
    i += size;
    if (verb == '%') {  // percent does not absorb operands and ignores f.wid and f.prec
      buf_.push_back('%');
    } else if (!good_arg_num_) {
      buf_ += "%!";
      write_rune(verb);
      buf_ += "(BADINDEX)";
    } else if (arg_num >= a.size()) {  // no argument left over to print for the current verb
      buf_ += "%!";
      write_rune(verb);
      buf_ += "(MISSING)";
    } else {
      if (verb == 'v') {
        f_.sharp_v = f_.sharp, f_.sharp = false;
        f_.plus_v = f_.plus, f_.plus = false;
      }
      print_arg(a[arg_num], verb);
      ++arg_num;
    }
  }
  // Check for extra arguments unless the call accessed the arguments out of order, in which case it's
  // too expensive to detect if they've all been used and arguably OK if they're not.
  if (!reordered_ && arg_num < a.size()) {
    clear_flags();
    buf_ += "%!(EXTRA ";
    for (std::size_t k = arg_num; k < a.size(); ++k) {
      if (k > arg_num) buf_ += ", ";
      if (a[k].kind == FmtKind::Nil) {
        buf_ += kNilAngle;
      } else {
        buf_ += a[k].type;
        buf_.push_back('=');
        print_arg(a[k], 'v');
      }
    }
    buf_.push_back(')');
  }
}

void Printer::do_print(std::span<const FmtArg> a) {
  args_ = a;
  bool prev_string = false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const bool is_string = a[k].kind == FmtKind::String;
    // Add a space between two non-string arguments.
    if (k > 0 && !is_string && !prev_string) buf_.push_back(' ');
    print_arg(a[k], 'v');
    prev_string = is_string;
  }
}

void Printer::do_println(std::span<const FmtArg> a) {
  args_ = a;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (k > 0) buf_.push_back(' ');
    print_arg(a[k], 'v');
  }
  buf_.push_back('\n');
}

}  // namespace detail

void append_printf(std::string& out, std::string_view format, std::span<const FmtArg> args) {
  detail::Printer(out).do_printf(format, args);
}

void append_print(std::string& out, std::span<const FmtArg> args) { detail::Printer(out).do_print(args); }

void append_println(std::string& out, std::span<const FmtArg> args) { detail::Printer(out).do_println(args); }

ErrorfText errorf(std::string_view format, std::span<const FmtArg> args) {
  ErrorfText r;
  detail::Printer p(r.text);
  p.wrap_errs = true;
  p.do_printf(format, args);
  r.wrapped = p.wrapped;
  return r;
}

}  // namespace interleave::golib
