// parser_stmt.cpp — the statements of Go's grammar (blocks, simple statements, if, switch, select, for).
#include "lang/parser_impl.h"

namespace interleave::lang::parser_detail {

// --- statements----------------------------------------------------------------------------------
Node* Parser::block() {
  Deeper dg(*this);
  Node* b = make(NK::Block, tok().pos);
  want(Tok::LBrace);
  b->list = stmt_list();
  b->pos2 = tok().pos;
  if (t() != Tok::RBrace) unexpected("expecting }");
  next();
  return b;
}
std::vector<Node*> Parser::stmt_list() {
  std::vector<Node*> v;
  while (t() != Tok::RBrace && t() != Tok::Eof && t() != Tok::Case && t() != Tok::Default) {
    Node* s = stmt();
    if (s) v.push_back(s);
    if (t() == Tok::RBrace || t() == Tok::Case || t() == Tok::Default) break;
    if (t() != Tok::Semicolon) {
      if (s && s->kind == NK::Labeled) continue;
      unexpected("at end of statement");
    }
    next();
  }
  return v;
}
Node* Parser::stmt() {
  Deeper dg(*this);
  Pos pos = tok().pos;
  switch (t()) {
    case Tok::Semicolon: return make(NK::Empty, pos);
    case Tok::Var:
    case Tok::Const:
    case Tok::Type: {
      Node* d = make(NK::DeclStmt, pos);
      d->a = gen_decl(t());
      return d;
    }
    case Tok::LBrace: return block();
    case Tok::Go:
    case Tok::Defer: {
      Node* g = make(t() == Tok::Go ? NK::GoStmt : NK::DeferStmt, pos);
      bool is_go = t() == Tok::Go;
      next();
      g->a = expr();
      if (g->a->kind != NK::Call) {
        if (g->a->kind == NK::FuncLit)
          fail(g->a->pos, std::string("expression in ") + (is_go ? "go" : "defer") + " must be function call");
        fail(g->a->pos, std::string("expression in ") + (is_go ? "go" : "defer") + " must be function call");
      }
      return g;
    }
    case Tok::Return: {
      Node* r = make(NK::Return, pos);
      next();
      if (t() != Tok::Semicolon && t() != Tok::RBrace) r->list = expr_list();
      return r;
    }
    case Tok::Break:
    case Tok::Continue:
    case Tok::Goto:
    case Tok::Fallthrough: {
      Node* b = make(NK::Branch, pos);
      b->op = t();
      if (t() == Tok::Goto) not_in_subset(pos, "goto");
      next();
      if (b->op != Tok::Fallthrough && t() == Tok::Ident) {
        b->text = tok().text;
        b->pos2 = tok().pos;
        next();
      }
      return b;
    }
    case Tok::If: return if_stmt();
    case Tok::Switch: return switch_stmt();
    case Tok::Select: return select_stmt();
    case Tok::For: return for_stmt();
    case Tok::Func:
      if (peek() == Tok::Ident) fail(pos, "syntax error: unexpected name " + toks[p + 1].text + ", expecting (");
      return simple_stmt(false);
    default: {
      if (t() == Tok::Ident && peek() == Tok::Colon) {
        Node* l = make(NK::Labeled, pos);
        l->text = tok().text;
        next();
        next();
        if (t() == Tok::RBrace) {
          l->a = make(NK::Empty, tok().pos);
          return l;
        }
        l->a = stmt();
        return l;
      }
      return simple_stmt(false);
    }
  }
}
// A simple statement; in a for header `range` may appear (range_ok).
Node* Parser::simple_stmt(bool range_ok) {
  Pos pos = tok().pos;
  if (range_ok && t() == Tok::Range) {
    next();
    Node* r = make(NK::Range, pos);
    r->c = expr();
    return r;
  }
  std::vector<Node*> lhs = expr_list();
  switch (t()) {
    case Tok::Define:
    case Tok::Assign: {
      Tok op = t();
      Pos opos = tok().pos;
      next();
      if (range_ok && t() == Tok::Range) {
        next();
        Node* r = make(NK::Range, pos);
        r->op = op;
        if (lhs.size() > 2) fail(lhs[0]->pos, "range clause permits at most two iteration variables");
        r->a = lhs[0];
        if (lhs.size() > 1) r->b = lhs[1];
        r->c = expr();
        return r;
      }
      Node* a = make(NK::Assign, pos);
      a->op = op;
      a->pos2 = opos;
      a->list = lhs;
      a->list2 = expr_list();
      return a;
    }
    case Tok::AddAssign:
    case Tok::SubAssign:
    case Tok::MulAssign:
    case Tok::QuoAssign:
    case Tok::RemAssign:
    case Tok::AndAssign:
    case Tok::OrAssign:
    case Tok::XorAssign:
    case Tok::ShlAssign:
    case Tok::ShrAssign:
    case Tok::AndNotAssign: {
      Node* a = make(NK::Assign, pos);
      a->op = t();
      a->pos2 = tok().pos;
      next();
      a->list = lhs;
      a->list2.push_back(expr());
      return a;
    }
    case Tok::Inc:
    case Tok::Dec: {
      Node* s = make(NK::IncDec, pos);
      s->op = t();
      next();
      s->a = lhs[0];
      return s;
    }
    case Tok::Arrow: {
      Node* s = make(NK::SendStmt, pos);
      s->pos2 = tok().pos;
      next();
      s->a = lhs[0];
      s->b = expr();
      return s;
    }
    default: {
      Node* e = make(NK::ExprStmt, pos);
      e->a = lhs[0];
      if (lhs.size() > 1) unexpected("expecting := or = or comma");
      return e;
    }
  }
}
Node* Parser::if_stmt() {
  Node* s = make(NK::If, tok().pos);
  next();
  header(s, false);
  if (!s->b) fail(s->pos, "missing condition in if statement");
  s->c = block();
  if (got(Tok::Else)) {
    if (t() == Tok::If)
      s->d = if_stmt();
    else if (t() == Tok::LBrace)
      s->d = block();
    else
      fail(tok().pos, "syntax error: else must be followed by if or statement block");
  }
  return s;
}
// init; cond  (for if and switch). Sets a (init) and b (cond/tag).
void Parser::header(Node* s, bool is_switch) {
  if (t() == Tok::LBrace) return;
  int saved = expr_lev;
  expr_lev = -1;
  Node* init = nullptr;
  if (t() != Tok::Semicolon) init = simple_stmt(false);
  if (t() == Tok::Semicolon) {
    next();
    s->a = init;
    if (t() != Tok::LBrace) {
      Node* c = simple_stmt(false);
      s->b = c;
    }
  } else {
    s->b = init;
  }
  expr_lev = saved;
  if (s->b) {
    if (s->b->kind == NK::ExprStmt) {
      s->b = s->b->a;
    } else if (!(is_switch && s->b->kind == NK::Assign && s->b->op == Tok::Define)) {
      if (is_switch) fail(s->b->pos, "syntax error: switch expression must be an expression");
      fail(s->b->pos, "cannot use " + std::string("assignment") + " as value");
    }
  }
  if (t() != Tok::LBrace) unexpected("expecting {");
}
Node* Parser::switch_stmt() {
  Node* s = make(NK::Switch, tok().pos);
  next();
  header(s, true);
  // a type switch: x.(type) or v := x.(type)
  Node* tag = s->b;
  if (tag && tag->kind == NK::TypeAssert && !tag->b) {
    s->kind = NK::TypeSwitch;
    s->b = tag->a;
  } else if (tag && tag->kind == NK::Assign && tag->op == Tok::Define && tag->list2.size() == 1 &&
             tag->list2[0]->kind == NK::TypeAssert && !tag->list2[0]->b && tag->list.size() == 1 &&
             tag->list[0]->kind == NK::Ident) {
    s->kind = NK::TypeSwitch;
    s->text = tag->list[0]->text;
    s->pos2 = tag->list[0]->pos;
    s->b = tag->list2[0]->a;
  } else if (tag && tag->kind == NK::Assign) {
    fail(tag->pos, "syntax error: switch expression must be an expression");
  }
  want(Tok::LBrace);
  while (t() == Tok::Case || t() == Tok::Default) {
    Node* cc = make(NK::CaseClause, tok().pos);
    if (got(Tok::Default)) {
      cc->flag = true;
    } else {
      next();
      if (s->kind == NK::TypeSwitch) {
        do cc->list.push_back(type_or_nil());
        while (got(Tok::Comma));
      } else {
        cc->list = expr_list();
      }
    }
    want(Tok::Colon);
    cc->list2 = stmt_list();
    s->list.push_back(cc);
  }
  if (t() != Tok::RBrace) unexpected("expecting case or default or }");
  next();
  return s;
}
Node* Parser::type_or_nil() { return type_(); }
Node* Parser::select_stmt() {
  Node* s = make(NK::Select, tok().pos);
  next();
  if (t() != Tok::LBrace) unexpected("expecting {");
  next();
  while (t() == Tok::Case || t() == Tok::Default) {
    Node* cc = make(NK::CommClause, tok().pos);
    if (got(Tok::Default)) {
      cc->flag = true;
    } else {
      next();
      cc->a = simple_stmt(false);
    }
    want(Tok::Colon);
    cc->list2 = stmt_list();
    s->list.push_back(cc);
  }
  if (t() != Tok::RBrace) unexpected("expecting case or default or }");
  next();
  return s;
}
Node* Parser::for_stmt() {
  Pos pos = tok().pos;
  next();
  int saved = expr_lev;
  expr_lev = -1;
  Node* init = nullptr;
  Node* cond = nullptr;
  Node* post = nullptr;
  Node* range = nullptr;
  if (t() != Tok::LBrace) {
    if (t() != Tok::Semicolon) {
      Node* s1 = simple_stmt(true);
      if (s1->kind == NK::Range)
        range = s1;
      else
        init = s1;
    }
    if (!range && t() == Tok::Semicolon) {
      next();
      if (t() != Tok::Semicolon) {
        if (t() == Tok::LBrace) fail(tok().pos, "syntax error: expected for loop condition");
        Node* c = simple_stmt(false);
        if (c->kind != NK::ExprStmt) fail(c->pos, "syntax error: cannot use assignment as value");
        cond = c->a;
      }
      want(Tok::Semicolon);
      if (t() != Tok::LBrace) post = simple_stmt(false);
      if (post && post->kind == NK::Assign && post->op == Tok::Define)
        fail(post->pos, "syntax error: cannot declare in post statement of for loop");
    } else if (!range) {
      if (init && init->kind != NK::ExprStmt) unexpected("expecting for loop condition");
      cond = init ? init->a : nullptr;
      init = nullptr;
    }
  }
  expr_lev = saved;
  if (t() != Tok::LBrace) unexpected("expecting {");
  Node* body = block();
  if (range) {
    range->d = body;
    range->pos = pos;
    return range;
  }
  Node* f = make(NK::For, pos);
  f->a = init;
  f->b = cond;
  f->c = post;
  f->d = body;
  return f;
}
}  // namespace interleave::lang::parser_detail
