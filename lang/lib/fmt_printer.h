// fmt_printer.h — the inside of lang/lib/fmt.h: Go's `pp` (which operand, which verb) and `fmt` (flags,
// width, padding) as one C++ class. Only fmt_format.cpp and fmt_print.cpp include it.
//
// fmt_format.cpp holds what Go's fmt/format.go does (padding and the formatting of one basic value);
// fmt_print.cpp holds what fmt/print.go does (parsing the format, choosing the method for an operand,
// walking composite values). The method names follow Go's so the two can be read side by side.
#pragma once

#include <string>
#include <string_view>

#include "lang/lib/fmt.h"
#include "lang/lib/utf8.h"

namespace interleave::golib::detail {

struct FmtFlags {
  bool wid_present = false, prec_present = false;
  bool minus = false, plus = false, sharp = false, space = false, zero = false;
  bool plus_v = false, sharp_v = false;  // %+v and %#v (plus and sharp are then cleared)
};

class Printer {
 public:
  explicit Printer(std::string& out) : buf_(out) {}

  void do_printf(std::string_view format, std::span<const FmtArg> a);
  void do_print(std::span<const FmtArg> a);
  void do_println(std::span<const FmtArg> a);

  bool wrap_errs = false;  // Errorf: %w allowed
  int wrapped = -1;        // Errorf: the operand %w took

 private:
  // ---- format.go ----
  void clear_flags() { f_ = FmtFlags{}, wid_ = 0, prec_ = 0; }
  void write_padding(int n);
  void pad(std::string_view s);  // pads to the width, counting runes
  void fmt_boolean(bool v);
  void fmt_unicode(std::uint64_t u);
  void fmt_integer(std::uint64_t u, int base, bool is_signed, Rune verb, bool upper);
  std::string_view truncate(std::string_view s) const;
  void fmt_s(std::string_view s);
  void fmt_sbx(std::string_view s, bool upper);
  void fmt_q(std::string_view s);
  void fmt_c(std::uint64_t c);
  void fmt_qc(std::uint64_t c);
  void fmt_float_(double v, int size, Rune verb, int prec);

  // ---- print.go ----
  void bad_verb(Rune verb);
  void fmt_bool(bool v, Rune verb);
  void fmt_0x64(std::uint64_t v, bool leading0x);
  void fmt_int(std::uint64_t v, bool is_signed, Rune verb);
  void fmt_float(double v, int size, Rune verb);
  void fmt_string(std::string_view v, Rune verb);
  void fmt_bytes(const FmtArg& v, Rune verb, std::string_view type_string);
  void fmt_pointer(const FmtArg& v, Rune verb);
  bool handle_methods(const FmtArg& arg, Rune verb);
  void print_arg(const FmtArg& arg, Rune verb);
  void print_value(const FmtArg& value, Rune verb, int depth);
  void print_map(const FmtArg& value, Rune verb, int depth);
  void write_rune(Rune r) { encode_rune(buf_, r); }

  std::string& buf_;
  FmtFlags f_;
  int wid_ = 0, prec_ = 0;
  // The operand being printed, for bad_verb: at the top level an `arg`, below it a `value`.
  const FmtArg* arg_ = nullptr;
  const FmtArg* value_ = nullptr;
  bool reordered_ = false, good_arg_num_ = true, panicking_ = false, erroring_ = false, wrapped_taken_ = false;
  std::span<const FmtArg> args_;
};

// fmtsort's compare: -1, 0 or +1 for two map keys of one map.
int compare_keys(const FmtArg& a, const FmtArg& b);

}  // namespace interleave::golib::detail
