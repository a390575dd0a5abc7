// go_program.cpp — GoProgram (compile once) and GoRun (one run on a Scheduler), with Go's texts for the
// ends of runs: panics, fatal errors and the deadlock dump.
#include "lang/go_program.h"

#include <algorithm>
#include <sstream>

#include "lang/compiler.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/errors.h"
#include "runtime/scheduler.h"

namespace interleave::lang {

void set_current_program(const CompiledProgram* p);

std::string format(const Diagnostic& d) {
  if (d.line == 0) return d.file + ": " + d.message;
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message;
}

GoProgram::GoProgram(std::string path, std::string source) : path_(std::move(path)), source_(std::move(source)) {}
GoProgram::~GoProgram() = default;

namespace {

// The source text of an initialiser: from its position to the end of its line (or the next comma).
std::string expr_source(const std::string& src, Node* n) {
  std::size_t at = 0;
  for (int l = 1; l < n->pos.line && at < src.size(); ++l) at = src.find('\n', at) + 1;
  at += static_cast<std::size_t>(n->pos.col - 1);
  std::size_t end = at;
  int depth = 0;
  while (end < src.size() && src[end] != '\n') {
    char c = src[end];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if ((c == ',' && depth == 0) || (c == '/' && end + 1 < src.size() && src[end + 1] == '/') || depth < 0) break;
    ++end;
  }
  std::string s = src.substr(at, end - at);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == ';' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

std::shared_ptr<GoProgram> build_program(const std::string& path, const std::string& source,
                                         const std::map<std::string, std::string>& overrides,
                                         std::vector<Diagnostic>* errors) {
  auto prog = std::make_shared<GoProgram>(path, source);
  auto cp = std::make_unique<CompiledProgram>();
  std::vector<Diagnostic> diags;
  std::vector<SyntaxError> syn;
  parse(source, cp->ast, syn);
  if (!syn.empty()) {
    for (auto& e : syn) diags.push_back(Diagnostic{path, e.pos.line, e.pos.col, e.message});
  } else if (cp->ast.root) {
    Compiler c(*cp, path, diags);
    // overrides: each is parsed as its own little file; its expression replaces the initialiser
    std::vector<std::unique_ptr<Ast>> keep;
    for (auto& [name, text] : overrides) {
      auto a = std::make_unique<Ast>();
      std::vector<SyntaxError> e2;
      parse("package p\nvar _ = " + text + "\n", *a, e2);
      if (!e2.empty() || !a->root || a->root->list.empty() || a->root->list[0]->list.empty() ||
          a->root->list[0]->list[0]->list.size() != 1) {
        diags.push_back(Diagnostic{path, 0, 0, "--set " + name + "=" + text + ": not a Go value"});
        continue;
      }
      c.overrides[name] = a->root->list[0]->list[0]->list[0];
      keep.push_back(std::move(a));
    }
    if (diags.empty()) c.compile_file(cp->ast.root);
    for (auto& a : keep) cp->override_asts.push_back(std::move(a));
  }
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  if (!diags.empty()) {
    if (errors) {
      std::size_t n = std::min<std::size_t>(diags.size(), 10);
      errors->insert(errors->end(), diags.begin(), diags.begin() + static_cast<long>(n));
      if (diags.size() > 10) {
        Diagnostic d = diags[10];
        d.message = "too many errors";
        errors->push_back(d);
      }
    }
    return nullptr;
  }
  // parameters: package-level constants and variables of basic types, in source order
  std::vector<std::pair<Pos, GoParam>> ps;
  for (Node* d : cp->ast.root->list) {
    if (d->kind != NK::GenDecl || (d->op != Tok::Const && d->op != Tok::Var)) continue;
    for (Node* spec : d->list) {
      for (std::size_t i = 0; i < spec->names.size(); ++i) {
        Node* id = spec->names[i];
        auto it = cp->package_names.find(id->text);
        if (it == cp->package_names.end()) continue;
        Entity* e = it->second;
        const Type* t = e->k == Entity::Const ? e->type : (e->var ? e->var->type : nullptr);
        if (!t || !is_const_type(t)) continue;
        GoParam gp;
        gp.name = id->text;
        gp.is_const = e->k == Entity::Const;
        const Type* shown = is_untyped(t) ? nullptr : t;
        gp.type = shown ? type_string(shown) : type_string(t).substr(8);  // "untyped int" -> "int"
        if (gp.is_const && shown && shown->kind == Kind::Named)
          gp.default_text = gp.type + "(" + const_string(e->cval, t) + ")";  // time.Duration(1000000)
        else if (gp.is_const)
          gp.default_text = const_string(e->cval, t);
        else if (i < spec->list.size())
          gp.default_text = expr_source(source, spec->list[i]);
        ps.emplace_back(id->pos, gp);
      }
    }
  }
  for (auto& [pos, gp] : ps) prog->params_.push_back(gp);
  prog->compiled_ = std::move(cp);
  return prog;
}

std::shared_ptr<const GoProgram> GoProgram::compile(std::string display_path, std::string source,
                                                    std::vector<Diagnostic>* errors) {
  return build_program(display_path, source, {}, errors);
}

std::optional<std::string> GoProgram::check_override(const std::string& name, const std::string& value) const {
  auto it = std::find_if(params_.begin(), params_.end(), [&](const GoParam& p) { return p.name == name; });
  if (it == params_.end()) return "no package-level constant or variable " + name + " in " + path_;
  std::vector<Diagnostic> errs;
  auto p = build_program(path_, source_, {{name, value}}, &errs);
  if (p) {
    // the value must keep the parameter's type (an untyped constant keeps its default type)
    for (const GoParam& q : p->params())
      if (q.name == name && q.type != it->type)
        return name + "=" + value + ": cannot use " + value + " (" + q.type + ") as " + it->type + " value";
    return std::nullopt;
  }
  if (errs.empty()) return "cannot use " + value + " for " + name;
  std::string m = errs[0].message;
  return name + "=" + value + ": " + m;
}

// --- one run --------------------------------------------------------------------------------------------

namespace {

std::string go_wait_reason(const Goroutine* g) {
  if (!g) return "running";
  switch (g->state) {
    case GState::Running: return "running";
    case GState::Runnable: return "runnable";
    case GState::Sleeping: return "sleep";
    case GState::Done: return "dead";
    case GState::Blocked: break;
  }
  switch (g->reason) {
    case WaitReason::ChanSend: return "chan send";
    case WaitReason::ChanReceive: return "chan receive";
    case WaitReason::Select: return "select";
    case WaitReason::SelectNoCases: return "select (no cases)";
    case WaitReason::ChanSendNilChan: return "chan send (nil chan)";
    case WaitReason::ChanRecvNilChan: return "chan receive (nil chan)";
    case WaitReason::CondWait: return "sync.Cond.Wait";
    case WaitReason::Sleep: return "sleep";
    default: return "semacquire";
  }
}

std::string elide(const std::string& trace) {
  // Go prints at most 100 frames of a goroutine
  std::size_t lines = 0, at = 0;
  while (at < trace.size()) {
    std::size_t nl = trace.find('\n', at);
    if (nl == std::string::npos) break;
    ++lines;
    at = nl + 1;
    if (lines == 200) return trace.substr(0, at) + "...additional frames elided...\n";
  }
  return trace;
}

}  // namespace

void run_goroutine_body(Thread& th, const Value& fn, std::vector<Value> args);

// The body of every goroutine (main included): runs `body`, and turns what escapes it into Go's texts.
static void run_top(Thread& th, const std::function<void()>& body) {
  RunState& st = *th.run;
  Scheduler& s = *Scheduler::current();
  th.id = s.self();
  th.globals = st.globals.as<Cells>();
  if (const Goroutine* g = s.running()) th.stack_limit = reinterpret_cast<const char*>(g->stack.bottom) + 64 * 1024;
  st.threads[th.id] = &th;
  set_current_program(&st.program->compiled());
  struct Unregister {
    RunState& st;
    GoroutineId id;
    ~Unregister() { st.threads.erase(id); }
  } unregister{st, th.id};
  auto header = [&](const char* reason) { return "goroutine " + std::to_string(th.go_id()) + " [" + reason + "]:\n"; };
  try {
    body();
  } catch (GoPanic& p) {
    std::string text = "panic: " + p.message;
    if (p.sigsegv) text += "\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]";
    text += "\n\n" + header("running") + elide(p.trace);
    st.fatal_text = text;
    st.failed = true;
    st.exit_status = 2;
    s.raise(Outcome::Panic, p.message,
            st.program->compiled().site(th.stack.empty() ? 0 : th.stack.back().line, nullptr)->location());
  } catch (GoFatal& f) {
    std::string text;
    if (f.message == "stack overflow") text = "runtime: goroutine stack exceeds 1000000000-byte limit\n";
    text +=
        "fatal error: " + f.message + "\n\n" + header("running") + elide(f.trace.empty() ? go_traceback(th) : f.trace);
    st.fatal_text = text;
    st.failed = true;
    st.exit_status = 2;
    s.raise(Outcome::Fatal, f.message, st.program->compiled().site(0, nullptr)->location());
  } catch (const ForcedUnwind&) {
    // the run is over: remember where this goroutine was, for the dump
    RunState::Snapshot snap;
    snap.go_id = th.go_id();
    snap.reason = go_wait_reason(s.running());
    snap.trace = elide(go_traceback(th));
    st.snapshots[th.id] = snap;
    throw;
  }
}

void run_goroutine_body(Thread& th, const Value& fn, std::vector<Value> args) {
  run_top(th, [&] { call_value(th, fn, std::move(args)); });
}

GoRun::GoRun(std::shared_ptr<const GoProgram> program, std::map<std::string, std::string> overrides, std::uint64_t seed)
    : state_(std::make_unique<RunState>()) {
  cells_made = 0;
  state_->seed = seed;
  state_->rng = Rng(seed);
  if (!overrides.empty()) {
    std::vector<Diagnostic> errs;
    auto p = build_program(program->path(), program->source(), overrides, &errs);
    if (p) program = p;
  }
  state_->program = std::move(program);
  state_->overrides = std::move(overrides);
}

GoRun::~GoRun() = default;

void GoRun::main_goroutine() {
  RunState& st = *state_;
  const CompiledProgram& cp = st.program->compiled();
  st.sched = Scheduler::current();
  set_current_program(&cp);
  auto* g = new Cells(static_cast<std::size_t>(cp.nglobals));
  st.globals = Value(g);
  std::map<int, std::string> sync_globals;  // package variables holding sync values, named after themselves
  for (const auto& [name, e] : cp.package_names)
    if (e && e->k == Entity::Var && e->var && e->var->global && holds_sync_values(e->var->type))
      sync_globals[e->var->slot] = name;
  for (auto& [slot, t] : cp.global_types) {
    auto named = sync_globals.find(slot);
    g->v[static_cast<std::size_t>(slot)] =
        named == sync_globals.end() ? zero_value(t) : zero_value_named(t, named->second);
  }
  Thread th;
  th.run = &st;
  run_top(th, [&] {
    // package initialisation: library variables, then the program's, then init functions, then main
    std::vector<Value> slots(static_cast<std::size_t>(std::max(cp.init_proto->nslots, 1)));
    Frame f{slots.data(), nullptr, &th};
    for (auto& e : cp.lib_inits) e(f);
    th.stack.push_back(FrameRec{cp.init_proto, 0});
    cp.init_proto->body(f);
    th.stack.pop_back();
    for (const FuncProto* p : cp.inits) {
      std::vector<Value> s2(static_cast<std::size_t>(std::max(p->nslots, 1)));
      invoke(th, p, nullptr, s2.data());
    }
    std::vector<Value> ms(static_cast<std::size_t>(std::max(cp.main->nslots, 1)));
    invoke(th, cp.main, nullptr, ms.data());
  });
}

void GoRun::finish(const Scheduler& s) {
  RunState& st = *state_;
  auto add = [&](const std::string& text) {
    if (text.empty()) return;
    st.writes.push_back(OutputWrite{s.now(), s.outcome_goroutine(), true, text});
  };
  auto others = [&](GoroutineId except) {
    std::string out;
    for (auto& [id, snap] : st.snapshots) {
      if (id == except) continue;
      out += "\ngoroutine " + std::to_string(snap.go_id) + " [" + snap.reason + "]:\n" + snap.trace;
    }
    return out;
  };
  switch (s.outcome()) {
    case Outcome::Completed:
      if (!st.exited) st.exit_status = 0;
      break;
    case Outcome::Panic:
      if (st.fatal_text.empty()) st.fatal_text = "panic: " + s.outcome_message() + "\n";
      add(st.fatal_text);
      st.exit_status = 2;
      break;
    case Outcome::Fatal:
      if (st.fatal_text.empty()) st.fatal_text = "fatal error: " + s.outcome_message() + "\n";
      add(st.fatal_text + others(s.outcome_goroutine()));
      st.exit_status = 2;
      break;
    case Outcome::Deadlock: {
      std::string text = "fatal error: all goroutines are asleep - deadlock!\n";
      text += others(kNoGoroutine);
      add(text);
      st.exit_status = 2;
      break;
    }
    default:
      add("interleave: the run ended: " + std::string(to_string(s.outcome())) +
          (s.outcome_message().empty() ? "" : ": " + s.outcome_message()) + "\n");
      st.exit_status = 2;
      break;
  }
}

const std::vector<OutputWrite>& GoRun::writes() const { return state_->writes; }

std::string GoRun::stdout_text() const {
  std::string s;
  for (auto& w : state_->writes)
    if (!w.to_stderr) s += w.text;
  return s;
}

std::string GoRun::stderr_text() const {
  std::string s;
  for (auto& w : state_->writes)
    if (w.to_stderr) s += w.text;
  return s;
}

int GoRun::exit_status() const { return state_->exit_status; }

}  // namespace interleave::lang
