// strconv_quote.cpp — Go string and rune literals: Quote, QuoteRune, CanBackquote, UnquoteChar, Unquote,
// transcribed from Go 1.19's src/strconv/quote.go (Copyright 2009 The Go Authors, BSD-style license).
#include "lang/lib/strconv.h"
#include "lang/lib/unicode_print.h"

namespace interleave::golib {
namespace {

constexpr char kLowerHex[] = "0123456789abcdef";

void append_escaped_rune(std::string& out, Rune r, char quote, bool ascii_only, bool graphic_only) {
  if (r == static_cast<Rune>(quote) || r == '\\') {  // always backslashed
    out.push_back('\\');
    out.push_back(static_cast<char>(r));
    return;
  }
  if (ascii_only) {
    if (r < kRuneSelf && is_print(r)) {
      out.push_back(static_cast<char>(r));
      return;
    }
  } else if (is_print(r) || (graphic_only && is_in_graphic_list(r))) {
    encode_rune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if ((r >= 0 && r < ' ') || r == 0x7F) {
    out += "\\x";
    out.push_back(kLowerHex[(r >> 4) & 0xF]);
    out.push_back(kLowerHex[r & 0xF]);
    return;
  }
  if (!valid_rune(r)) r = 0xFFFD;
  if (r < 0x10000) {
    out += "\\u";
    for (int s = 12; s >= 0; s -= 4) out.push_back(kLowerHex[(r >> s) & 0xF]);
  } else {
    out += "\\U";
    for (int s = 28; s >= 0; s -= 4) out.push_back(kLowerHex[(r >> s) & 0xF]);
  }
}

int unhex(char c) {
  if ('0' <= c && c <= '9') return c - '0';
  if ('a' <= c && c <= 'f') return c - 'a' + 10;
  if ('A' <= c && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void append_quote(std::string& out, std::string_view s, char quote, bool ascii_only, bool graphic_only) {
  out.reserve(out.size() + s.size() + 2);
  out.push_back(quote);
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < kRuneSelf) {  // fast path: printable ASCII is copied
      if (c >= 0x20 && c < 0x7F && c != static_cast<unsigned char>(quote) && c != '\\') {
        out.push_back(static_cast<char>(c));
      } else {
        append_escaped_rune(out, c, quote, ascii_only, graphic_only);
      }
      ++i;
      continue;
    }
    const DecodedRune d = decode_rune(s.substr(i));
    if (d.size == 1 && d.rune == kRuneError) {
      out += "\\x";
      out.push_back(kLowerHex[c >> 4]);
      out.push_back(kLowerHex[c & 0xF]);
      ++i;
      continue;
    }
    append_escaped_rune(out, d.rune, quote, ascii_only, graphic_only);
    i += static_cast<std::size_t>(d.size);
  }
  out.push_back(quote);
}

void append_quote_rune(std::string& out, Rune r, bool ascii_only, bool graphic_only) {
  out.push_back('\'');
  if (!valid_rune(r)) r = kRuneError;
  append_escaped_rune(out, r, '\'', ascii_only, graphic_only);
  out.push_back('\'');
}

bool can_backquote(std::string_view s) {
  while (!s.empty()) {
    const DecodedRune d = decode_rune(s);
    s.remove_prefix(static_cast<std::size_t>(d.size));
    if (d.size > 1) {
      if (d.rune == 0xFEFF) return false;  // BOMs are invisible and should not be quoted
      continue;
    }
    if (d.rune == kRuneError) return false;
    if ((d.rune < ' ' && d.rune != '\t') || d.rune == '`' || d.rune == 0x7F) return false;
  }
  return true;
}

UnquotedChar unquote_char(std::string_view s, char quote) {
  UnquotedChar r;
  if (s.empty()) return r;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c == static_cast<unsigned char>(quote) && (quote == '\'' || quote == '"')) return r;
  if (c >= kRuneSelf) {
    const DecodedRune d = decode_rune(s);
    return {d.rune, true, s.substr(static_cast<std::size_t>(d.size)), true};
  }
  if (c != '\\') return {c, false, s.substr(1), true};
  if (s.size() <= 1) return r;
  const char e = s[1];
  s.remove_prefix(2);
  switch (e) {
    case 'a': r.value = '\a'; break;
    case 'b': r.value = '\b'; break;
    case 'f': r.value = '\f'; break;
    case 'n': r.value = '\n'; break;
    case 'r': r.value = '\r'; break;
    case 't': r.value = '\t'; break;
    case 'v': r.value = '\v'; break;
    case 'x':
    case 'u':
    case 'U': {
      const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return r;
      Rune v = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const int x = unhex(s[j]);
        if (x < 0) return r;
        v = static_cast<Rune>((static_cast<std::uint32_t>(v) << 4) | static_cast<std::uint32_t>(x));
      }
      s.remove_prefix(n);
      if (e == 'x') {  // a single byte, possibly not UTF-8
        r.value = v;
        break;
      }
      if (!valid_rune(v)) return r;
      r.value = v;
      r.multibyte = true;
      break;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      Rune v = e - '0';
      if (s.size() < 2) return r;
      for (int j = 0; j < 2; ++j) {
        const int x = s[static_cast<std::size_t>(j)] - '0';
        if (x < 0 || x > 7) return r;
        v = (v << 3) | x;
      }
      s.remove_prefix(2);
      if (v > 255) return r;
      r.value = v;
      break;
    }
    case '\\': r.value = '\\'; break;
    case '\'':
    case '"':
      if (e != quote) return r;
      r.value = e;
      break;
    default: return r;
  }
  r.tail = s;
  r.ok = true;
  return r;
}

std::optional<std::string> unquote(std::string_view in) {
  if (in.size() < 2) return std::nullopt;
  const char quote = in[0];
  const std::size_t close = in.find(quote, 1);
  if (close == std::string_view::npos) return std::nullopt;
  const std::size_t end = close + 1;  // position after the terminating quote, if nothing is escaped
  if (quote == '`') {
    if (end != in.size()) return std::nullopt;  // Unquote rejects anything after the literal
    std::string out;
    for (std::size_t i = 1; i + 1 < end; ++i) {
      if (in[i] != '\r') out.push_back(in[i]);  // carriage returns are discarded from raw strings
    }
    return out;
  }
  if (quote != '"' && quote != '\'') return std::nullopt;
  const std::string_view body = in.substr(0, end);
  if (body.find('\\') == std::string_view::npos && body.find('\n') == std::string_view::npos) {
    bool valid;
    if (quote == '"') {
      valid = valid_string(in.substr(1, end - 2));
    } else {
      const DecodedRune d = decode_rune(in.substr(1, end - 2));
      valid = 1 + static_cast<std::size_t>(d.size) + 1 == end && (d.rune != kRuneError || d.size != 1);
    }
    if (valid) {
      if (end != in.size()) return std::nullopt;
      return std::string(in.substr(1, end - 2));
    }
  }
  std::string buf;
  std::string_view rest = in.substr(1);
  while (!rest.empty() && rest[0] != quote) {
    if (rest[0] == '\n') return std::nullopt;
    const UnquotedChar c = unquote_char(rest, quote);
    if (!c.ok) return std::nullopt;
    rest = c.tail;
    if (c.value < kRuneSelf || !c.multibyte) {
      buf.push_back(static_cast<char>(c.value));
    } else {
      encode_rune(buf, c.value);
    }
    if (quote == '\'') break;  // a rune literal holds one character
  }
  if (rest.empty() || rest[0] != quote) return std::nullopt;
  rest.remove_prefix(1);
  if (!rest.empty()) return std::nullopt;
  return buf;
}

}  // namespace interleave::golib
