// browser_view.cpp — scenario tree, lesson text and parameter editor.
#include "gui/browser_view.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
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

void BrowserView::draw_lesson(RunController& run, ViewState& vs) {
  if (!run.has_run()) return;
  const engine::Scenario& sc = run.scenario();
  const patterns::Pattern& p = run.session().pattern();
  const patterns::Variant& v = run.session().variant();
  ImGui::PushFont(vs.fonts.big);
  ImGui::TextWrapped("%s", !sc.lesson.title.empty() ? sc.lesson.title.c_str() : p.title.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s / %s", p.name.c_str(), v.name.c_str());
  if (v.bug != patterns::Bug::None) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "deliberately broken: %s",
                       std::string(patterns::to_string(v.bug)).c_str());
  }
  if (!sc.lesson.text.empty())
    ImGui::TextWrapped("%s", sc.lesson.text.c_str());
  else
    ImGui::TextWrapped("%s", p.lesson.c_str());
  auto trimmed = [](std::string_view t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
    return t;
  };
  if (!v.lesson.empty() && trimmed(v.lesson) != trimmed(sc.lesson.text)) {
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
  const patterns::Pattern& p = run.session().pattern();
  engine::RunConfig& cfg = run.config();
  bool restart = false;
  ImGui::PushItemWidth(-ImGui::GetContentRegionAvail().x * 0.45f);
  for (const patterns::ParamSpec& spec : p.params) {
    const patterns::ParamValue* current = nullptr;
    auto it = cfg.params.values().find(spec.name);
    if (it != cfg.params.values().end()) current = &it->second;
    const patterns::ParamValue& value = current ? *current : spec.default_value;
    ImGui::PushID(spec.name.c_str());
    switch (spec.type) {
      case patterns::ParamType::Int: {
        std::int64_t v = std::get<std::int64_t>(value);
        std::int64_t step = 1;
        if (ImGui::InputScalar(spec.name.c_str(), ImGuiDataType_S64, &v, &step, nullptr, nullptr,
                               ImGuiInputTextFlags_EnterReturnsTrue) ||
            ImGui::IsItemDeactivatedAfterEdit()) {
          v = std::clamp(v, spec.min, spec.max);
          if (v != std::get<std::int64_t>(value)) {
            cfg.params.set(spec.name, v);
            restart = true;
          }
        }
        break;
      }
      case patterns::ParamType::Bool: {
        bool b = std::get<bool>(value);
        if (ImGui::Checkbox(spec.name.c_str(), &b)) {
          cfg.params.set(spec.name, b);
          restart = true;
        }
        break;
      }
      case patterns::ParamType::Duration: {
        auto& buf = duration_text_[spec.name];
        if (!active_.contains(spec.name) && !edit_error_.contains(spec.name))
          std::snprintf(buf.data(), buf.size(), "%s", std::get<patterns::Distribution>(value).to_string().c_str());
        if (ImGui::InputText(spec.name.c_str(), buf.data(), buf.size(), ImGuiInputTextFlags_EnterReturnsTrue)) {
          std::string err;
          if (auto d = patterns::Distribution::parse(buf.data(), &err)) {
            cfg.params.set(spec.name, *d);
            edit_error_.erase(spec.name);
            restart = true;
          } else {
            edit_error_[spec.name] = err;
          }
        }
        if (ImGui::IsItemActive())
          active_.insert(spec.name);
        else
          active_.erase(spec.name);
        break;
      }
      case patterns::ParamType::Choice: {
        const std::string& cur = std::get<std::string>(value);
        if (ImGui::BeginCombo(spec.name.c_str(), cur.c_str())) {
          for (const std::string& c : spec.choices) {
            if (ImGui::Selectable(c.c_str(), c == cur)) {
              cfg.params.set(spec.name, c);
              restart = true;
            }
          }
          ImGui::EndCombo();
        }
        break;
      }
    }
    if (ImGui::IsItemHovered() && !spec.help.empty()) ImGui::SetTooltip("%s %s", spec.help.c_str(), spec.unit.c_str());
    if (auto e = edit_error_.find(spec.name); e != edit_error_.end())
      ImGui::TextColored(ImVec4(1, 0.35f, 0.3f, 1), "%s", e->second.c_str());
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
  if (restart) {
    if (auto err = patterns::resolve_params(p, cfg.params, p.variant(cfg.variant))) {
      vs.set_message(*err);
    } else {
      run.restart();
      vs.fit = true;
      vs.follow = true;
    }
  }
}

}  // namespace interleave::gui
