// go_program.cpp — a Go program (lang/) as the engine's Program: its package-level constants and variables
// are the parameters a scenario may set, its source is what the code view shows, and each run is a GoRun
// whose output, exit status and fatal-error text the CLI prints as `go run` would.
#include "lang/go_program.h"

#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "scenarios/engine/program.h"
#include "scenarios/engine/scenario.h"

namespace interleave::engine {

namespace {

// The range of Go's integer types, for parameter validation.
std::optional<std::pair<std::int64_t, std::int64_t>> int_range(const std::string& type) {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
  if (type == "int" || type == "int64") return std::pair{lo, hi};
  if (type == "int8") return std::pair<std::int64_t, std::int64_t>{-128, 127};
  if (type == "int16") return std::pair<std::int64_t, std::int64_t>{-32768, 32767};
  if (type == "int32" || type == "rune") return std::pair<std::int64_t, std::int64_t>{INT32_MIN, INT32_MAX};
  if (type == "uint8" || type == "byte") return std::pair<std::int64_t, std::int64_t>{0, 255};
  if (type == "uint16") return std::pair<std::int64_t, std::int64_t>{0, 65535};
  if (type == "uint32") return std::pair<std::int64_t, std::int64_t>{0, UINT32_MAX};
  if (type == "uint" || type == "uint64" || type == "uintptr") return std::pair<std::int64_t, std::int64_t>{0, hi};
  return std::nullopt;
}

// The invariants a program names in interleave.Check(ok, "name") calls (a string literal as the last
// argument), in order of appearance: what a scenario's [expect] may name.
std::vector<patterns::Invariant> check_invariants(const std::string& src) {
  std::vector<patterns::Invariant> out;
  const std::string call = "interleave.Check(";
  for (std::size_t at = src.find(call); at != std::string::npos; at = src.find(call, at + 1)) {
    int depth = 1;
    std::size_t i = at + call.size(), last_lit = std::string::npos, lit_end = 0;
    for (; i < src.size() && depth > 0; ++i) {
      char c = src[i];
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (c == '"') {
        std::size_t j = i + 1;
        while (j < src.size() && src[j] != '"' && src[j] != '\n') j += src[j] == '\\' ? 2 : 1;
        last_lit = i;
        lit_end = j;
        i = j;
      }
    }
    if (last_lit == std::string::npos || depth != 0) continue;
    std::string name = src.substr(last_lit + 1, lit_end - last_lit - 1);
    bool seen = false;
    for (const auto& inv : out) seen = seen || inv.name == name;
    if (!seen) out.push_back(patterns::Invariant{name, "interleave.Check(..., \"" + name + "\")"});
  }
  return out;
}

class GoProgramRun final : public ProgramRun {
 public:
  GoProgramRun(std::shared_ptr<const lang::GoProgram> p, std::map<std::string, std::string> overrides,
               std::uint64_t seed)
      : run_(std::move(p), std::move(overrides), seed) {}
  void main_goroutine() override { run_.main_goroutine(); }
  void finish(const Scheduler& s) override {
    run_.finish(s);
    sync_output();
  }
  const std::vector<patterns::Metric>& metrics() const override { return metrics_; }
  const std::vector<OutputWrite>& output() const override {
    const_cast<GoProgramRun*>(this)->sync_output();
    return output_;
  }
  int exit_status() const override { return run_.exit_status(); }
  std::vector<VariableValue> package_variables() const override {
    std::vector<VariableValue> out;
    for (auto& v : run_.package_vars()) out.push_back(VariableValue{v.name, v.type, v.value, v.line});
    return out;
  }
  std::vector<FrameVariables> goroutine_frames(GoroutineId g, int line = 0) const override {
    std::vector<FrameVariables> out;
    for (auto& f : run_.frames(g, line)) {
      FrameVariables fv{f.function, f.line, {}};
      for (auto& v : f.vars) fv.vars.push_back(VariableValue{v.name, v.type, v.value, v.line});
      out.push_back(std::move(fv));
    }
    return out;
  }

 private:
  // The run's writes, in the engine's record type (copied as they appear; a run only ever appends).
  void sync_output() {
    const auto& w = run_.writes();
    for (std::size_t i = output_.size(); i < w.size(); ++i)
      output_.push_back(OutputWrite{w[i].time, w[i].g, w[i].to_stderr, w[i].text});
  }
  lang::GoRun run_;
  std::vector<patterns::Metric> metrics_;
  std::vector<OutputWrite> output_;
};

class GoProgramAdapter final : public Program {
 public:
  explicit GoProgramAdapter(std::shared_ptr<const lang::GoProgram> p)
      : go_(std::move(p)), invariants_(check_invariants(go_->source())) {
    describe_from_comment();
    for (const lang::GoParam& gp : go_->params()) {
      std::string help = std::string(gp.is_const ? "const " : "var ") + gp.name + " " + gp.type;
      if (auto r = int_range(gp.type)) {
        std::int64_t def = 0;
        std::istringstream(gp.default_text) >> def;
        specs_.push_back(patterns::ParamSpec::integer(gp.name, def, r->first, r->second, "", help));
      } else if (gp.type == "bool") {
        specs_.push_back(patterns::ParamSpec::boolean(gp.name, gp.default_text == "true", help));
      } else {
        // Strings, floats, durations: any text Go's rules accept (checked by check_override).
        patterns::ParamSpec s = patterns::ParamSpec::choice(gp.name, gp.default_text, {}, help);
        specs_.push_back(std::move(s));
      }
    }
  }

  std::string name() const override { return go_->path(); }
  std::string title() const override { return title_; }
  std::string lesson() const override { return lesson_; }
  std::string kind() const override { return "go"; }
  const std::vector<patterns::ParamSpec>& params() const override { return specs_; }
  const std::vector<patterns::Invariant>& invariants() const override { return invariants_; }
  std::optional<std::string> resolve_params(patterns::Params& params) const override {
    for (const auto& [name, value] : params.values()) {
      const patterns::ParamSpec* spec = nullptr;
      for (const auto& s : specs_)
        if (s.name == name) spec = &s;
      if (!spec) {
        std::vector<std::string> names;
        for (const auto& s : specs_) names.push_back(s.name);
        return unknown_value_message("package-level constant or variable of " + go_->path(), name, names);
      }
      if (auto err = go_->check_override(name, param_value_text(value))) return name + ": " + *err;
    }
    for (const auto& s : specs_)
      if (!params.values().count(s.name)) params.set(s.name, s.default_value);
    return std::nullopt;
  }
  std::vector<std::string> source_files() const override { return {go_->path()}; }
  std::string_view source_text(std::string_view file) const override {
    return file == go_->path() ? std::string_view(go_->source()) : std::string_view();
  }
  std::string default_policy() const override { return "go"; }
  std::size_t stack_size() const override { return lang::GoProgram::kStackSize; }
  std::shared_ptr<const Program> for_another_thread() const override {
    return load_program_text(go_->source(), go_->path()).program;  // compiled before: compiles again
  }
  std::unique_ptr<ProgramRun> start(const patterns::Params& params, std::uint64_t seed) const override {
    // Only what differs from the program's own values is handed over: the program keeps its own text.
    std::map<std::string, std::string> overrides;
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      auto it = params.values().find(specs_[i].name);
      if (it == params.values().end()) continue;
      std::string text = param_value_text(it->second);
      if (text != param_value_text(specs_[i].default_value)) overrides[specs_[i].name] = text;
    }
    return std::make_unique<GoProgramRun>(go_, std::move(overrides), seed);
  }

 private:
  // The title and lesson a program without a scenario gets: its leading comment (the comment before
  // `package`): its first sentence (or phrase) as the title, the rest as the lesson; else the file's name.
  void describe_from_comment() {
    std::string text;
    std::istringstream in(go_->source());
    for (std::string line; std::getline(in, line);) {
      std::string_view l = line;
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
      if (l.starts_with("//")) {
        l.remove_prefix(2);
        if (!l.empty() && l.front() == ' ') l.remove_prefix(1);
        if (l.starts_with("go:build") || l.starts_with("+build")) continue;
        if (!text.empty()) text += ' ';
        text += l;
      } else if (l.empty()) {
        if (!text.empty()) text.clear();  // a comment not attached to `package` (a licence header, say)
      } else {
        break;
      }
    }
    title_ = std::filesystem::path(go_->path()).filename().string();
    if (text.empty()) return;
    // The first sentence when it is short enough for a title, else the phrase before its first ':' or ';'.
    auto first = [&](std::string_view marks, std::size_t limit) {
      for (std::size_t i = 0; i < text.size() && i < limit; ++i)
        if (marks.find(text[i]) != std::string_view::npos && (i + 1 == text.size() || text[i + 1] == ' ')) return i;
      return std::string::npos;
    };
    std::size_t cut = first(".", 100);
    if (cut == std::string::npos) cut = first(":;", 90);
    if (cut == std::string::npos) {
      lesson_ = text;
      return;
    }
    title_ = text.substr(0, cut);
    lesson_ = cut + 2 < text.size() ? text.substr(cut + 2) : "";
    if (!lesson_.empty()) lesson_[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(lesson_[0])));
  }

  std::shared_ptr<const lang::GoProgram> go_;
  std::string title_, lesson_;
  std::vector<patterns::ParamSpec> specs_;
  std::vector<patterns::Invariant> invariants_;
};

}  // namespace

bool is_program_file(const std::filesystem::path& path) { return path.extension() == ".go"; }

ProgramLoad load_program_file(const std::filesystem::path& path, const std::string& display_path) {
  ProgramLoad r;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.errors.push_back({display_path, 0, 0, "cannot open the file (does it exist, and may this user read it?)"});
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_program_text(text.str(), display_path);
}

ProgramLoad load_program_text(std::string text, const std::string& display_path) {
  ProgramLoad r;
  r.source = std::move(text);
  std::vector<lang::Diagnostic> diags;
  auto go = lang::GoProgram::compile(display_path, r.source, &diags);
  if (!go) {
    for (const auto& d : diags)
      r.errors.push_back({d.file, static_cast<std::uint32_t>(d.line), static_cast<std::uint32_t>(d.col), d.message});
    if (r.errors.empty()) r.errors.push_back({display_path, 0, 0, "the program does not compile"});
    return r;
  }
  r.program = std::make_shared<GoProgramAdapter>(std::move(go));
  return r;
}

}  // namespace interleave::engine
