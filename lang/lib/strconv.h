// strconv.h — Go 1.19's strconv: numbers to text and back, and Go string literals, with Go's exact output.
//
// Formatting appends to a std::string (the fast path fmt uses) or returns a new one:
//
//   append_int(out, -42, 16);                  // "-2a"          strconv.FormatInt(-42, 16)
//   format_float(0.1 + 0.2, 'g', -1, 64);      // "0.30000000000000004"
//   quote("tab\there");                        // "\"tab\\there\""  strconv.Quote
//
// Parsing returns the value and, on failure, Go's *NumError with Go's message:
//
//   auto r = atoi("x");   // r.err->error() == "strconv.Atoi: parsing \"x\": invalid syntax"
//
// Floats are formatted with Go's algorithm choices (shortest digits that read back exactly for precision
// -1; correctly rounded digits otherwise) and Go's layouts ("1e+21", "+Inf", "NaN", "0x1.8p+01").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/lib/utf8.h"

namespace interleave::golib {

// ---- integers -------------------------------------------------------------------------------------------

// append_int(out, v, base) appends v in base 2..36 with lower-case digits (strconv.AppendInt).
void append_int(std::string& out, std::int64_t v, int base = 10);
void append_uint(std::string& out, std::uint64_t v, int base = 10);
inline std::string format_int(std::int64_t v, int base = 10) {
  std::string s;
  append_int(s, v, base);
  return s;
}
inline std::string format_uint(std::uint64_t v, int base = 10) {
  std::string s;
  append_uint(s, v, base);
  return s;
}
inline std::string itoa(std::int64_t v) { return format_int(v, 10); }
inline std::string_view format_bool(bool b) { return b ? "true" : "false"; }

// ---- floats ---------------------------------------------------------------------------------------------

// append_float(out, v, fmt, prec, bit_size) is strconv.AppendFloat: fmt is one of 'b' 'e' 'E' 'f' 'g' 'G'
// 'x' 'X'; prec -1 means the fewest digits that read back as the same float of bit_size (32 or 64).
// An unknown fmt appends '%' and fmt, as Go does.
void append_float(std::string& out, double v, char fmt, int prec, int bit_size);
inline std::string format_float(double v, char fmt, int prec, int bit_size) {
  std::string s;
  append_float(s, v, fmt, prec, bit_size);
  return s;
}

// ---- quoting --------------------------------------------------------------------------------------------

// append_quote(out, s, quote, ascii_only, graphic_only) is Go's appendQuotedWith: s as a Go literal in
// `quote` ('"' or '\''), escaping what is not printable (strconv.IsPrint) and every byte of bad UTF-8 as
// \xNN. ascii_only also escapes every non-ASCII rune (QuoteToASCII); graphic_only admits Unicode spaces.
void append_quote(std::string& out, std::string_view s, char quote = '"', bool ascii_only = false,
                  bool graphic_only = false);
// append_quote_rune(out, r, ascii_only, graphic_only) is AppendQuoteRune: 'r' with Go's escapes; an invalid
// rune is written as U+FFFD.
void append_quote_rune(std::string& out, Rune r, bool ascii_only = false, bool graphic_only = false);
inline std::string quote(std::string_view s) {
  std::string out;
  append_quote(out, s);
  return out;
}
inline std::string quote_to_ascii(std::string_view s) {
  std::string out;
  append_quote(out, s, '"', true);
  return out;
}
inline std::string quote_to_graphic(std::string_view s) {
  std::string out;
  append_quote(out, s, '"', false, true);
  return out;
}
inline std::string quote_rune(Rune r) {
  std::string out;
  append_quote_rune(out, r);
  return out;
}
inline std::string quote_rune_to_ascii(Rune r) {
  std::string out;
  append_quote_rune(out, r, true);
  return out;
}
// can_backquote(s): s can be written as a `raw` literal unchanged (strconv.CanBackquote).
bool can_backquote(std::string_view s);

// unquote_char(s, quote) is strconv.UnquoteChar: the first character of an escaped literal body.
struct UnquotedChar {
  Rune value = 0;
  bool multibyte = false;  // the value needs a UTF-8 encoding (it is a rune, not a byte like \xff)
  std::string_view tail;   // the rest of s
  bool ok = false;         // false: ErrSyntax
};
UnquotedChar unquote_char(std::string_view s, char quote);
// unquote(s) is strconv.Unquote: the value of a "double", 'single' or `raw` Go literal; nullopt where Go
// returns ErrSyntax ("invalid syntax").
std::optional<std::string> unquote(std::string_view s);

// ---- parsing --------------------------------------------------------------------------------------------

// Go's *strconv.NumError: which function failed, on what input, and why.
struct NumError {
  enum class Reason : std::uint8_t { Syntax, Range, Base, BitSize };
  std::string func;  // "Atoi", "ParseInt", "ParseUint", "ParseFloat", "ParseBool"
  std::string num;   // the input
  Reason reason = Reason::Syntax;
  int arg = 0;  // the bad base or bit size

  // Err.Error(): "invalid syntax", "value out of range", "invalid base 1", "invalid bit size 65".
  std::string reason_text() const;
  // Error(): "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"
  std::string error() const;
};

template <class T>
struct ParseResult {
  T value{};                    // Go's value, also on error (e.g. the clamped value for a range error)
  std::optional<NumError> err;  // empty on success
  bool ok() const { return !err; }
};

// parse_int(s, base, bit_size) is strconv.ParseInt: base 0 reads the prefixes 0b 0o 0x 0 and underscores;
// bit_size 0 means int (64). A value out of range returns the nearest limit with a range error.
ParseResult<std::int64_t> parse_int(std::string_view s, int base = 10, int bit_size = 64);
ParseResult<std::uint64_t> parse_uint(std::string_view s, int base = 10, int bit_size = 64);
// atoi(s) is strconv.Atoi (ParseInt(s, 10, 0) with "Atoi" in its errors).
ParseResult<std::int64_t> atoi(std::string_view s);
// parse_float(s, bit_size) is strconv.ParseFloat: decimal and hex ("0x1p-2") forms, underscores after a
// base prefix, "inf", "infinity" and "nan" in any case. Overflow gives ±Inf with a range error; underflow
// gives ±0 without one, as in Go.
ParseResult<double> parse_float(std::string_view s, int bit_size = 64);
// parse_bool(s) is strconv.ParseBool: 1 t T TRUE true True, 0 f F FALSE false False.
ParseResult<bool> parse_bool(std::string_view s);

}  // namespace interleave::golib
