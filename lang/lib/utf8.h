// utf8.h — Go's unicode/utf8 for strings: decode and encode runes the way Go does.
//
// A Go string is bytes; `for i, r := range s`, []rune(s), %c, %q and strconv all read it as UTF-8 with
// Go's rule for bad input: an invalid or truncated sequence decodes as U+FFFD (RuneError) of width 1, so
// every byte is consumed exactly once. Encoding an invalid rune (a surrogate, a negative value or one above
// U+10FFFF) writes U+FFFD, as string(rune(-1)) does in Go.
//
//   for (std::size_t i = 0; i < s.size();) { auto [r, n] = decode_rune(s.substr(i)); ...; i += n; }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::golib {

using Rune = std::int32_t;  // Go's rune (int32)

inline constexpr Rune kRuneError = 0xFFFD;
inline constexpr Rune kMaxRune = 0x10FFFF;
inline constexpr Rune kRuneSelf = 0x80;  // runes below this are one byte

struct DecodedRune {
  Rune rune;
  int size;  // bytes consumed: 0 only for empty input
};

// decode_rune(s) is utf8.DecodeRuneInString: the first rune of s and its width.
inline DecodedRune decode_rune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return {b0, 1};
  int need;
  Rune r;
  unsigned char lo = 0x80, hi = 0xBF;  // the valid range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, r = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, r = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, r = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {kRuneError, 1};
  }
  if (s.size() < static_cast<std::size_t>(need) + 1) return {kRuneError, 1};
  for (int i = 1; i <= need; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return {kRuneError, 1};
    r = (r << 6) | (b & 0x3F);
  }
  return {r, need + 1};
}

// decode_last_rune(s) is utf8.DecodeLastRuneInString: the last rune of s and its width.
inline DecodedRune decode_last_rune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  std::size_t start = s.size() - 1;
  if (static_cast<unsigned char>(s[start]) < 0x80) return {static_cast<unsigned char>(s[start]), 1};
  const std::size_t lim = s.size() >= 4 ? s.size() - 4 : 0;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  const DecodedRune d = decode_rune(s.substr(start));
  if (start + static_cast<std::size_t>(d.size) != s.size()) return {kRuneError, 1};
  return d;
}

inline bool valid_rune(Rune r) { return (0 <= r && r < 0xD800) || (0xDFFF < r && r <= kMaxRune); }

// rune_len(r): the bytes encode_rune writes for r (3 for an invalid rune, the width of U+FFFD).
inline int rune_len(Rune r) {
  if (r < 0) return 3;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (!valid_rune(r)) return 3;
  return r < 0x10000 ? 3 : 4;
}

// encode_rune(out, r) appends r in UTF-8 (utf8.AppendRune).
inline void encode_rune(std::string& out, Rune r) {
  if (!valid_rune(r)) r = kRuneError;
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

// rune_count(s) is utf8.RuneCountInString: how many runes `range s` yields.
inline std::size_t rune_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    i += static_cast<unsigned char>(s[i]) < 0x80 ? 1 : static_cast<std::size_t>(decode_rune(s.substr(i)).size);
  }
  return n;
}

// valid_string(s) is utf8.ValidString.
inline bool valid_string(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const DecodedRune d = decode_rune(s.substr(i));
    if (d.rune == kRuneError && d.size == 1) return false;
    i += static_cast<std::size_t>(d.size);
  }
  return true;
}

}  // namespace interleave::golib
