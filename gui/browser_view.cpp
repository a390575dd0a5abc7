// browser_view.cpp — scenario tree, lesson text and parameter editor.
#include "gui/browser_view.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace fs = std::filesystem;

fs::path scenarios_root(const fs::path& scenario) {
  std::error_code ec;
  fs::path p = fs::absolute(scenario, ec).parent_path();
  for (int i = 0; i < 4 && !p.empty() && p != p.root_path(); ++i, p = p.parent_path())
    if (p.filename() == "scenarios") return p;
  return INTERLEAVE_SCENARIOS_DIR;
}

fs::path default_scenario() {
  std::error_code ec;
  std::vector<fs::path> all;
  for (auto it = fs::recursive_directory_iterator(INTERLEAVE_SCENARIOS_DIR, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->path().extension() == ".toml" && it->path().parent_path().filename() != "engine") all.push_back(it->path());
  std::ranges::sort(all);
  // Prefer the classic first lesson when it is there.
  for (const auto& p : all)
    if (p.parent_path().filename() == "producer_consumer") return p;
  return all.empty() ? fs::path{} : all.front();
}

void BrowserView::scan(const fs::path& root) {
  root_ = root;
  folders_.clear();
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->path().extension() != ".toml") continue;
    std::string folder = fs::relative(it->path().parent_path(), root, ec).string();
    if (folder == "engine" || folder.starts_with("engine/")) continue;
    folders_[folder == "." ? "" : folder].push_back(it->path());
  }
  for (auto& [_, files] : folders_) std::ranges::sort(files);
}

void BrowserView::draw_tree(RunController& run, ViewState& vs) {
  (void)vs;
  fs::path root = scenarios_root(run.path().empty() ? fs::path(INTERLEAVE_SCENARIOS_DIR) / "x" : run.path());
  if (root != root_ || ImGui::GetTime() - last_scan_ > 3.0) {
    scan(root);
    last_scan_ = ImGui::GetTime();
  }
  if (folders_.empty()) {
    ImGui::TextDisabled("No scenario files under %s", root_.string().c_str());
    return;
  }
  std::error_code ec;
  fs::path current = fs::weakly_canonical(run.path(), ec);
  for (const auto& [folder, files] : folders_) {
    bool contains_current = std::ranges::any_of(files, [&](const fs::path& f) {
      std::error_code e2;
      return fs::weakly_canonical(f, e2) == current;
    });
    if (contains_current) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::TreeNodeEx(folder.empty() ? "(top)" : folder.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth)) {
      for (const fs::path& f : files) {
        std::error_code e2;
        bool sel = fs::weakly_canonical(f, e2) == current;
        if (ImGui::Selectable(f.stem().string().c_str(), sel)) {
          run.open(f);
          vs.fit = true;
          vs.follow = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.string().c_str());
      }
      ImGui::TreePop();
    }
  }
}

namespace {
// A lesson written in a scenario file is wrapped to the file's width: one line break is a space, so the pane
// wraps it to its own width; a blank line (a new paragraph) and a line starting a list item ("- ", "* ", "1.")
// stay.
std::string reflow(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' && i > 0 && text[i - 1] != '\n' && i + 1 < text.size() && text[i + 1] != '\n') {
      std::string_view next(text.data() + i + 1, text.size() - i - 1);
      bool item = next.starts_with("- ") || next.starts_with("* ") ||
                  (!next.empty() && std::isdigit(static_cast<unsigned char>(next[0])) && next.find(". ") < 3);
      if (!item) c = ' ';
    }
    out += c;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}
}  // namespace

void BrowserView::draw_lesson(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  const engine::Scenario& sc = run.scenario();
  const engine::Program& program = run.session().program();
  ImGui::PushFont(vs.fonts.big);
  ImGui::TextWrapped("%s", !sc.lesson.title.empty() ? sc.lesson.title.c_str() : program.title().c_str());
  ImGui::PopFont();
  if (!program.pattern() || !program.variant()) {  // not a catalogue variant: its own lesson only
    // A program file is named by its file name (its title may be that name already), never its whole path.
    std::string file = std::filesystem::path(program.name()).filename().string();
    if (file != program.title() || !sc.lesson.title.empty()) ImGui::TextDisabled("%s", file.c_str());
    std::string text = !sc.lesson.text.empty() ? reflow(sc.lesson.text) : program.lesson();
    if (!text.empty()) ImGui::TextWrapped("%s", text.c_str());
    vs.report.lesson = text.empty() ? (!sc.lesson.title.empty() ? sc.lesson.title : program.title()) : text;
    return;
  }
  ImGui::TextDisabled("%s", program.name().c_str());
  const patterns::Pattern& p = *program.pattern();
  const patterns::Variant& v = *program.variant();
  if (v.bug != patterns::Bug::None) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "deliberately broken: %s",
                       std::string(patterns::to_string(v.bug)).c_str());
  }
  if (!sc.lesson.text.empty())
    ImGui::TextWrapped("%s", reflow(sc.lesson.text).c_str());
  else
    ImGui::TextWrapped("%s", p.lesson.c_str());
  auto trimmed = [](std::string_view t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
    return t;
  };
  // A scenario's own text replaces the variant's built-in one (which may speak of other parameter values).
  if (sc.lesson.text.empty() && !v.lesson.empty() && trimmed(v.lesson) != trimmed(p.lesson)) {
    ImGui::Spacing();
    ImGui::TextWrapped("%s", v.lesson.c_str());
  }
  if (!sc.lesson.notes.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("Notes during the run:");
    for (const auto& n : sc.lesson.notes) {
      std::string when = n.at ? format_time(*n.at) : "on " + n.on;
      ImGui::Bullet();
      ImGui::TextWrapped("%s: %s", when.c_str(), n.text.c_str());
    }
  }
}

void BrowserView::draw_params(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  if (!run.session().program().pattern()) return;  // only catalogue variants have editable parameters (yet)
  const patterns::Pattern& p = *run.session().program().pattern();
  const patterns::Variant* variant = p.variant(run.config().variant);
  engine::RunConfig& cfg = run.config();
  if (run.generation() != generation_) {  // a new run (reload, restart, another scenario): refusals are stale
    generation_ = run.generation();
    edit_error_.clear();
  }
  // The values in force, the variant's own defaults included.
  patterns::Params shown = cfg.params;
  if (patterns::resolve_params(p, shown, variant)) shown = patterns::Params{};
  // A new value is checked exactly as a scenario file's would be (type and range, in the engine's words) and
  // applied only if it is good; a bad one is refused, with the reason under its field, and the run keeps the
  // value it had.
  bool restart = false;
  auto offer = [&](const patterns::ParamSpec& spec, patterns::ParamValue v) {
    patterns::Params candidate = cfg.params;
    candidate.set(spec.name, std::move(v));
    if (auto err = patterns::resolve_params(p, candidate, variant)) {
      edit_error_[spec.name] = *err;
      scroll_to_ = spec.name;
      return;
    }
    edit_error_.erase(spec.name);
    auto before = shown.values().find(spec.name);
    if (before != shown.values().end() && before->second == candidate.values().at(spec.name)) return;
    cfg.params = std::move(candidate);
    restart = true;
  };
  const ImVec4 red(1.0f, 0.35f, 0.3f, 1.0f);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushItemWidth(-ImGui::GetContentRegionAvail().x * 0.45f);
  for (const patterns::ParamSpec& spec : p.params) {
    auto cur = shown.values().find(spec.name);
    const patterns::ParamValue& value = cur != shown.values().end() ? cur->second : spec.default_value;
    const bool refused = edit_error_.contains(spec.name);
    ImGui::PushID(spec.name.c_str());
    switch (spec.type) {
      case patterns::ParamType::Int:
      case patterns::ParamType::Duration: {
        // Typed as text and checked when Enter is pressed or the field is left, so a bad value can be told
        // about (never quietly clamped). A refused text stays, in a red field, until it is fixed.
        const bool is_int = spec.type == patterns::ParamType::Int;
        auto& buf = text_[spec.name];
        if (!active_.contains(spec.name) && !refused) {
          std::string t = is_int ? std::to_string(std::get<std::int64_t>(value))
                                 : std::get<patterns::Distribution>(value).to_string();
          std::snprintf(buf.data(), buf.size(), "%s", t.c_str());
        }
        const float button = ImGui::GetFrameHeight();
        float w = ImGui::CalcItemWidth();
        if (is_int) w -= 2 * (button + style.ItemInnerSpacing.x);
        ImGui::SetNextItemWidth(std::max(w, 3 * button));
        if (refused) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.55f, 0.1f, 0.1f, 1.0f));
        ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
        if (is_int) flags |= ImGuiInputTextFlags_CharsDecimal;
        bool enter = ImGui::InputText("##value", buf.data(), buf.size(), flags);
        if (refused) ImGui::PopStyleColor();
        bool commit = enter || ImGui::IsItemDeactivatedAfterEdit();
        if (ImGui::IsItemActive())
          active_.insert(spec.name);
        else
          active_.erase(spec.name);
        if (ImGui::IsItemHovered() && !spec.help.empty())
          ImGui::SetTooltip("%s\nallowed: %s..%s %s", spec.help.c_str(),
                            is_int ? std::to_string(spec.min).c_str() : format_time(spec.min).c_str(),
                            is_int ? std::to_string(spec.max).c_str() : format_time(spec.max).c_str(),
                            spec.unit.c_str());
        if (commit) offer(spec, std::string(buf.data()));  // text: the engine converts and checks it
        if (is_int) {
          std::int64_t v = std::get<std::int64_t>(value);
          ImGui::SameLine(0, style.ItemInnerSpacing.x);
          if (ImGui::Button("-", ImVec2(button, button))) offer(spec, v - 1);
          ImGui::SameLine(0, style.ItemInnerSpacing.x);
          if (ImGui::Button("+", ImVec2(button, button))) offer(spec, v + 1);
        }
        ImGui::SameLine(0, style.ItemInnerSpacing.x);
        ImGui::TextUnformatted(spec.name.c_str());
        break;
      }
      case patterns::ParamType::Bool: {
        bool b = std::get<bool>(value);
        if (ImGui::Checkbox(spec.name.c_str(), &b)) offer(spec, b);
        if (ImGui::IsItemHovered() && !spec.help.empty()) ImGui::SetTooltip("%s", spec.help.c_str());
        break;
      }
      case patterns::ParamType::Choice: {
        const std::string& current = std::get<std::string>(value);
        if (ImGui::BeginCombo(spec.name.c_str(), current.c_str())) {
          for (const std::string& c : spec.choices)
            if (ImGui::Selectable(c.c_str(), c == current)) offer(spec, c);
          ImGui::EndCombo();
        }
        if (ImGui::IsItemHovered() && !spec.help.empty()) ImGui::SetTooltip("%s", spec.help.c_str());
        break;
      }
    }
    if (auto e = edit_error_.find(spec.name); e != edit_error_.end()) {
      std::string kept = cur != shown.values().end() ? shown.to_string(spec.name) : std::string("?");
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(red, "%s", e->second.c_str());
      ImGui::TextDisabled("not applied: the run keeps %s = %s", spec.name.c_str(), kept.c_str());
      ImGui::PopTextWrapPos();
      if (scroll_to_ == spec.name) {  // a new refusal: make sure it is seen, even at the bottom of the pane
        ImGui::SetScrollHereY(1.0f);
        scroll_to_.clear();
      }
    }
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
  if (restart) {
    run.restart();
    run.playing = true;  // show what the change does
    vs.fit = true;
    vs.follow = true;
  }
}

}  // namespace interleave::gui
