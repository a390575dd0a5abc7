// lexer.cpp — Go's tokens and automatic semicolons.
#include "lang/lexer.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace interleave::lang {

const char* tok_text(Tok t) {
  static const char* names[] = {
      "EOF",       "name",  "literal", "literal",     "literal", "literal", "literal", "+",      "-",     "*",
      "/",         "%",     "&",       "|",           "^",       "<<",      ">>",      "&^",     "+=",    "-=",
      "*=",        "/=",    "%=",      "&=",          "|=",      "^=",      "<<=",     ">>=",    "&^=",   "&&",
      "||",        "<-",    "++",      "--",          "==",      "<",       ">",       "=",      "!",     "!=",
      "<=",        ">=",    ":=",      "...",         "(",       "[",       "{",       ",",      ".",     ")",
      "]",         "}",     ";",       ":",           "~",       "break",   "case",    "chan",   "const", "continue",
      "default",   "defer", "else",    "fallthrough", "for",     "func",    "go",      "goto",   "if",    "import",
      "interface", "map",   "package", "range",       "return",  "select",  "struct",  "switch", "type",  "var"};
  return names[static_cast<int>(t)];
}

namespace {

const std::unordered_map<std::string, Tok>& keywords() {
  static const std::unordered_map<std::string, Tok> k = {{"break", Tok::Break},
                                                         {"case", Tok::Case},
                                                         {"chan", Tok::Chan},
                                                         {"const", Tok::Const},
                                                         {"continue", Tok::Continue},
                                                         {"default", Tok::Default},
                                                         {"defer", Tok::Defer},
                                                         {"else", Tok::Else},
                                                         {"fallthrough", Tok::Fallthrough},
                                                         {"for", Tok::For},
                                                         {"func", Tok::Func},
                                                         {"go", Tok::Go},
                                                         {"goto", Tok::Goto},
                                                         {"if", Tok::If},
                                                         {"import", Tok::Import},
                                                         {"interface", Tok::Interface},
                                                         {"map", Tok::Map},
                                                         {"package", Tok::Package},
                                                         {"range", Tok::Range},
                                                         {"return", Tok::Return},
                                                         {"select", Tok::Select},
                                                         {"struct", Tok::Struct},
                                                         {"switch", Tok::Switch},
                                                         {"type", Tok::Type},
                                                         {"var", Tok::Var}};
  return k;
}

void put_utf8(std::string& out, std::uint32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) c = 0xFFFD;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid bytes decode as U+FFFD, one byte long.
std::uint32_t decode_utf8(const std::string& s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (n < 0 || i + n >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  std::uint32_t c = b & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    auto cb = static_cast<unsigned char>(s[i + k]);
    if ((cb & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (cb & 0x3F);
  }
  i += n + 1;
  return c;
}

struct Lexer {
  const std::string& s;
  std::vector<LexError>& errors;
  std::size_t i = 0;
  int line = 1;
  std::size_t line_start = 0;
  std::vector<Token> out;

  Pos pos_at(std::size_t at) const { return Pos{line, static_cast<int>(at - line_start) + 1}; }
  void error(Pos p, std::string m) { errors.push_back(LexError{p, std::move(m)}); }
  char peek(std::size_t k = 0) const { return i + k < s.size() ? s[i + k] : '\0'; }

  bool needs_semi() const {
    if (out.empty()) return false;
    switch (out.back().tok) {
      case Tok::Ident:
      case Tok::Int:
      case Tok::Float:
      case Tok::Imag:
      case Tok::Char:
      case Tok::String:
      case Tok::Break:
      case Tok::Continue:
      case Tok::Fallthrough:
      case Tok::Return:
      case Tok::Inc:
      case Tok::Dec:
      case Tok::RParen:
      case Tok::RBrack:
      case Tok::RBrace: return true;
      default: return false;
    }
  }
  void semi(Pos p) {
    Token t;
    t.tok = Tok::Semicolon;
    t.pos = p;
    t.text = "newline";
    t.auto_semi = true;
    out.push_back(t);
  }
  void newline() {
    ++line;
    line_start = i;
  }

  // An escape after the backslash at s[i]; appends to out (bytes for \x and octal, UTF-8 otherwise).
  bool escape(std::string& v, char quote) {
    Pos p = pos_at(i);
    ++i;  // backslash
    char c = peek();
    auto hex = [&](int n) -> long {
      long r = 0;
      for (int k = 0; k < n; ++k) {
        char h = peek();
        int d = (h >= '0' && h <= '9')   ? h - '0'
                : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                         : -1;
        if (d < 0) {
          error(p, "invalid character " + std::string(1, h) + " in hexadecimal escape");
          return -1;
        }
        r = r * 16 + d;
        ++i;
      }
      return r;
    };
    switch (c) {
      case 'a':
        v += '\a';
        ++i;
        return true;
      case 'b':
        v += '\b';
        ++i;
        return true;
      case 'f':
        v += '\f';
        ++i;
        return true;
      case 'n':
        v += '\n';
        ++i;
        return true;
      case 'r':
        v += '\r';
        ++i;
        return true;
      case 't':
        v += '\t';
        ++i;
        return true;
      case 'v':
        v += '\v';
        ++i;
        return true;
      case '\\':
        v += '\\';
        ++i;
        return true;
      case 'x': {
        ++i;
        long r = hex(2);
        if (r < 0) return false;
        v += static_cast<char>(r);
        return true;
      }
      case 'u':
      case 'U': {
        ++i;
        long r = hex(c == 'u' ? 4 : 8);
        if (r < 0) return false;
        if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) {
          error(p, "escape is invalid Unicode code point");
          return false;
        }
        put_utf8(v, static_cast<std::uint32_t>(r));
        return true;
      }
      default:
        if (c >= '0' && c <= '7') {
          int r = 0;
          for (int k = 0; k < 3; ++k) {
            char o = peek();
            if (o < '0' || o > '7') {
              error(p, "invalid character in octal escape");
              return false;
            }
            r = r * 8 + (o - '0');
            ++i;
          }
          if (r > 255) {
            error(p, "octal escape value > 255");
            return false;
          }
          v += static_cast<char>(r);
          return true;
        }
        if (c == quote) {
          v += c;
          ++i;
          return true;
        }
        error(p, "unknown escape sequence");
        if (c != '\n' && c != '\0') ++i;
        return false;
    }
  }

  void number(Token& t) {
    std::size_t start = i;
    bool is_float = false;
    int base = 10;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      base = 16;
      i += 2;
    } else if (peek() == '0' && (peek(1) == 'b' || peek(1) == 'B')) {
      base = 2;
      i += 2;
    } else if (peek() == '0' && (peek(1) == 'o' || peek(1) == 'O')) {
      base = 8;
      i += 2;
    }
    auto digit = [&](char c) {
      if (c == '_') return true;
      if (base == 16) return std::isxdigit(static_cast<unsigned char>(c)) != 0;
      return c >= '0' && c <= '9';
    };
    while (digit(peek())) ++i;
    if (base == 10 || base == 16) {
      if (peek() == '.') {
        is_float = true;
        ++i;
        while (digit(peek())) ++i;
      }
      char e = peek();
      if ((base == 10 && (e == 'e' || e == 'E')) || (base == 16 && (e == 'p' || e == 'P'))) {
        is_float = true;
        ++i;
        if (peek() == '+' || peek() == '-') ++i;
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++i;
      }
    }
    if (peek() == 'i') {
      ++i;
      t.tok = Tok::Imag;
      t.text = s.substr(start, i - start);
      return;
    }
    t.text = s.substr(start, i - start);
    std::string clean;
    for (char c : t.text)
      if (c != '_') clean += c;
    if (is_float) {
      t.tok = Tok::Float;
      t.fval = std::strtod(clean.c_str(), nullptr);
      return;
    }
    t.tok = Tok::Int;
    const char* digits = clean.c_str() + (base == 10 ? 0 : 2);
    if (base == 10 && clean.size() > 1 && clean[0] == '0') {
      base = 8;  // legacy octal 0755
      digits = clean.c_str() + 1;
      for (const char* d = digits; *d; ++d)
        if (*d > '7') error(t.pos, "invalid digit '" + std::string(1, *d) + "' in octal literal");
    }
    if (base == 2)
      for (const char* d = digits; *d; ++d)
        if (*d > '1') error(t.pos, "invalid digit '" + std::string(1, *d) + "' in binary literal");
    errno = 0;
    t.ival = std::strtoull(digits, nullptr, base);
    if (errno == ERANGE) t.overflow = true;
    // also keep a float approximation for huge constants
    t.fval = 0;
    for (const char* d = digits; *d; ++d) {
      int v = std::isdigit(static_cast<unsigned char>(*d)) ? *d - '0' : (std::tolower(*d) - 'a' + 10);
      t.fval = t.fval * base + v;
    }
  }

  void run() {
    while (true) {
      // whitespace and comments
      while (i < s.size()) {
        char c = s[i];
        if (c == '\n') {
          if (needs_semi()) semi(pos_at(i));
          ++i;
          newline();
        } else if (c == ' ' || c == '\t' || c == '\r') {
          ++i;
        } else if (c == '/' && peek(1) == '/') {
          while (i < s.size() && s[i] != '\n') ++i;
        } else if (c == '/' && peek(1) == '*') {
          Pos p = pos_at(i);
          i += 2;
          bool had_newline = false;
          bool closed = false;
          while (i < s.size()) {
            if (s[i] == '*' && peek(1) == '/') {
              i += 2;
              closed = true;
              break;
            }
            if (s[i] == '\n') {
              if (!had_newline && needs_semi()) semi(pos_at(i));
              had_newline = true;
              ++i;
              newline();
            } else {
              ++i;
            }
          }
          if (!closed) error(p, "comment not terminated");
        } else {
          break;
        }
      }
      if (i >= s.size()) {
        if (needs_semi()) semi(pos_at(i));
        Token t;
        t.tok = Tok::Eof;
        t.pos = pos_at(i);
        out.push_back(t);
        return;
      }
      Token t;
      t.pos = pos_at(i);
      char c = s[i];
      auto uc = static_cast<unsigned char>(c);
      if (std::isalpha(uc) || c == '_' || uc >= 0x80) {
        std::size_t start = i;
        while (i < s.size()) {
          auto b = static_cast<unsigned char>(s[i]);
          if (std::isalnum(b) || b == '_') {
            ++i;
          } else if (b >= 0x80) {
            std::size_t j = i;
            std::uint32_t cp = decode_utf8(s, j);
            // letters outside ASCII: accept common letter ranges; reject punctuation like U+00A0
            if (cp == 0xFFFD || cp < 0xC0 || (cp >= 0x2000 && cp < 0x3000)) break;
            i = j;
          } else {
            break;
          }
        }
        if (i == start) {
          std::size_t j = i;
          std::uint32_t cp = decode_utf8(s, j);
          char buf[16];
          std::snprintf(buf, sizeof buf, "U+%04X", cp);
          error(t.pos, std::string("invalid character ") + buf);
          i = j;
          continue;
        }
        t.text = s.substr(start, i - start);
        auto it = keywords().find(t.text);
        t.tok = it != keywords().end() ? it->second : Tok::Ident;
        out.push_back(std::move(t));
        continue;
      }
      if (std::isdigit(uc) || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
        number(t);
        out.push_back(std::move(t));
        continue;
      }
      if (c == '"') {
        ++i;
        std::string v;
        bool ok = true;
        while (true) {
          if (i >= s.size() || s[i] == '\n') {
            error(t.pos, "string literal not terminated");
            ok = false;
            break;
          }
          if (s[i] == '"') {
            ++i;
            break;
          }
          if (s[i] == '\\') {
            if (!escape(v, '"')) ok = false;
          } else {
            v += s[i++];
          }
        }
        (void)ok;
        t.tok = Tok::String;
        t.value = std::move(v);
        t.text = "\"...\"";
        out.push_back(std::move(t));
        continue;
      }
      if (c == '`') {
        ++i;
        std::string v;
        while (true) {
          if (i >= s.size()) {
            error(t.pos, "raw string literal not terminated");
            break;
          }
          if (s[i] == '`') {
            ++i;
            break;
          }
          if (s[i] == '\n') {
            v += '\n';
            ++i;
            newline();
            continue;
          }
          if (s[i] != '\r') v += s[i];
          ++i;
        }
        t.tok = Tok::String;
        t.value = std::move(v);
        t.text = "`...`";
        out.push_back(std::move(t));
        continue;
      }
      if (c == '\'') {
        ++i;
        std::string v;
        std::uint32_t cp = 0;
        int n = 0;
        while (true) {
          if (i >= s.size() || s[i] == '\n') {
            error(t.pos, "rune literal not terminated");
            break;
          }
          if (s[i] == '\'') {
            ++i;
            break;
          }
          ++n;
          if (s[i] == '\\') {
            std::string b;
            char e = peek(1);
            if (!escape(b, '\'')) continue;
            if (e == 'x' || (e >= '0' && e <= '7')) {
              cp = static_cast<unsigned char>(b[0]);
            } else {
              std::size_t j = 0;
              cp = decode_utf8(b, j);
            }
          } else {
            cp = decode_utf8(s, i);
          }
        }
        if (n != 1 && i <= s.size())
          error(t.pos, n == 0 ? "empty rune literal or unescaped ' in rune literal"
                              : "more than one character in rune literal");
        t.tok = Tok::Char;
        t.ival = cp;
        t.text = "'...'";
        out.push_back(std::move(t));
        continue;
      }
      // operators: longest match
      static const struct {
        const char* text;
        Tok tok;
      } ops[] = {{"<<=", Tok::ShlAssign}, {">>=", Tok::ShrAssign}, {"&^=", Tok::AndNotAssign},
                 {"...", Tok::Ellipsis},  {"&&", Tok::LAnd},       {"||", Tok::LOr},
                 {"<-", Tok::Arrow},      {"++", Tok::Inc},        {"--", Tok::Dec},
                 {"==", Tok::Eql},        {"!=", Tok::Neq},        {"<=", Tok::Leq},
                 {">=", Tok::Geq},        {":=", Tok::Define},     {"+=", Tok::AddAssign},
                 {"-=", Tok::SubAssign},  {"*=", Tok::MulAssign},  {"/=", Tok::QuoAssign},
                 {"%=", Tok::RemAssign},  {"&=", Tok::AndAssign},  {"|=", Tok::OrAssign},
                 {"^=", Tok::XorAssign},  {"<<", Tok::Shl},        {">>", Tok::Shr},
                 {"&^", Tok::AndNot},     {"+", Tok::Add},         {"-", Tok::Sub},
                 {"*", Tok::Mul},         {"/", Tok::Quo},         {"%", Tok::Rem},
                 {"&", Tok::And},         {"|", Tok::Or},          {"^", Tok::Xor},
                 {"<", Tok::Lss},         {">", Tok::Gtr},         {"=", Tok::Assign},
                 {"!", Tok::Not},         {"(", Tok::LParen},      {"[", Tok::LBrack},
                 {"{", Tok::LBrace},      {",", Tok::Comma},       {".", Tok::Period},
                 {")", Tok::RParen},      {"]", Tok::RBrack},      {"}", Tok::RBrace},
                 {";", Tok::Semicolon},   {":", Tok::Colon},       {"~", Tok::Tilde}};
      bool matched = false;
      for (const auto& op : ops) {
        std::size_t n = std::strlen(op.text);
        if (s.compare(i, n, op.text) == 0) {
          t.tok = op.tok;
          t.text = op.text;
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) {
        char buf[40];
        if (uc < 0x20 || uc == 0x7f)
          std::snprintf(buf, sizeof buf, "invalid character %#x", uc);
        else
          std::snprintf(buf, sizeof buf, "invalid character %c", c);
        error(t.pos, buf);
        ++i;
        continue;
      }
      out.push_back(std::move(t));
    }
  }
};

}  // namespace

std::vector<Token> lex(const std::string& src, std::vector<LexError>& errors) {
  Lexer l{src, errors};
  l.run();
  return std::move(l.out);
}

}  // namespace interleave::lang
