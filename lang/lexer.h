// lexer.h — Go's tokens, with Go's automatic semicolons (the Go spec, "Semicolons").
//
// A newline (or the end of the file) after an identifier, a literal, one of the keywords break, continue,
// fallthrough, return, or one of ++ -- ) ] } becomes a ";" token, so the parser sees Go's formal grammar.
// String, rune and number literals are decoded here; an invalid one is reported at its position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace interleave::lang {

struct Pos {
  int line = 0, col = 0;
};

enum class Tok : std::uint8_t {
  Eof,
  Ident,
  Int,
  Float,
  Imag,
  Char,
  String,
  // operators
  Add,
  Sub,
  Mul,
  Quo,
  Rem,
  And,
  Or,
  Xor,
  Shl,
  Shr,
  AndNot,
  AddAssign,
  SubAssign,
  MulAssign,
  QuoAssign,
  RemAssign,
  AndAssign,
  OrAssign,
  XorAssign,
  ShlAssign,
  ShrAssign,
  AndNotAssign,
  LAnd,
  LOr,
  Arrow,
  Inc,
  Dec,
  Eql,
  Lss,
  Gtr,
  Assign,
  Not,
  Neq,
  Leq,
  Geq,
  Define,
  Ellipsis,
  LParen,
  LBrack,
  LBrace,
  Comma,
  Period,
  RParen,
  RBrack,
  RBrace,
  Semicolon,
  Colon,
  Tilde,
  // keywords
  Break,
  Case,
  Chan,
  Const,
  Continue,
  Default,
  Defer,
  Else,
  Fallthrough,
  For,
  Func,
  Go,
  Goto,
  If,
  Import,
  Interface,
  Map,
  Package,
  Range,
  Return,
  Select,
  Struct,
  Switch,
  Type,
  Var,
};

const char* tok_text(Tok t);  // "+", "func", "identifier", ...

struct Token {
  Tok tok = Tok::Eof;
  Pos pos;
  std::string text;        // identifier name; a literal's source text
  std::string value;       // a string literal's decoded bytes
  std::uint64_t ival = 0;  // Int: value (if it fits); Char: code point
  bool overflow = false;   // Int: does not fit in 64 bits
  double fval = 0;
  bool auto_semi = false;  // a ";" inserted at a newline
};

struct LexError {
  Pos pos;
  std::string message;
};

// Tokenizes a whole file. Errors are collected; the token list always ends with Eof.
std::vector<Token> lex(const std::string& src, std::vector<LexError>& errors);

}  // namespace interleave::lang
