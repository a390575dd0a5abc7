// app.cpp — the GUI program: the window, the pane layout, the main loop, screenshots and the frame benchmark.
// Implements scenarios/cli/gui_entry.h.
//
// [SECTION] Fonts and themes
// [SECTION] Layout: panes and splitters
// [SECTION] Screenshots
// [SECTION] The main loop (gui_main)
#include "gui/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "gui/browser_view.h"
#include "gui/code_view.h"
#include "gui/controls_view.h"
#include "gui/counters_view.h"
#include "gui/gif_recorder.h"
#include "gui/inspector_view.h"
#include "gui/log_view.h"
#include "gui/run_controller.h"
#include "gui/script.h"
#include "gui/status_view.h"
#include "gui/timeline_view.h"
#include "gui/waitgraph_view.h"
#include "scenarios/cli/gui_entry.h"

namespace interleave::gui {

namespace {

// [SECTION] Fonts and themes ---------------------------------------------------------------------------

std::string find_font(const char* file) {
  namespace fs = std::filesystem;
  const std::string candidates[] = {
      std::string(INTERLEAVE_ASSETS_DIR) + "/fonts/" + file,
      std::string("/usr/share/fonts/truetype/dejavu/") + file,
  };
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::exists(c, ec)) return c;
  }
  return {};
}

// Latin-1, general punctuation, arrows and geometric shapes (▶ ◂ ■ ‖ → ×).
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};

// Loads the fonts at the pixel size they will be shown at, so presenter mode is crisp, not a scaled bitmap.
void load_fonts(ViewState& vs) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float base = 15.0f * vs.scale;
  std::string sans = find_font("DejaVuSans.ttf"), mono = find_font("DejaVuSansMono.ttf");
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  auto load = [&](const std::string& path, float size) -> ImFont* {
    if (!path.empty())
      if (ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), size, &cfg, kGlyphRanges)) return f;
    ImFontConfig def;
    def.SizePixels = size;
    return io.Fonts->AddFontDefault(&def);
  };
  vs.fonts.ui = load(sans, base);
  vs.fonts.mono = load(mono.empty() ? sans : mono, base);
  vs.fonts.big = load(sans, base * 1.3f);
  io.FontDefault = vs.fonts.ui;
}

void apply_theme(const ViewState& vs) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (vs.presenter) {
    // High contrast for projectors: white ground, black text, strong borders.
    ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
    c[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.9f, 0.9f, 0.9f, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.78f, 0.85f, 1.0f, 1);
    c[ImGuiCol_Border] = ImVec4(0.2f, 0.2f, 0.2f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.82f, 0.82f, 0.86f, 1);
    c[ImGuiCol_Button] = ImVec4(0.82f, 0.86f, 0.95f, 1);
    style.FrameBorderSize = 1.0f;
    style.ChildBorderSize = 1.5f;
  } else {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.11f, 0.13f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.19f, 0.19f, 0.22f, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.28f, 0.3f, 0.38f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.22f, 0.22f, 0.27f, 1);
  }
  // Panes have no background of their own: the clear colour shows through. Under a software rasteriser
  // (Mesa llvmpipe under Xvfb) every full-screen layer costs milliseconds, so nothing is painted twice.
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.WindowRounding = 0;
  style.ChildRounding = 3;
  style.FrameRounding = 3;
  style.ItemSpacing = ImVec2(6, 4);
  style.ScaleAllSizes(vs.scale);
}

// [SECTION] Layout: panes and splitters ----------------------------------------------------------------

// A draggable bar between two panes; moves `*frac` (the first pane's share of `total`).
void splitter(const char* id, bool vertical, float length, float total, float* frac, float lo, float hi) {
  const float th = 6.0f;
  ImGui::InvisibleButton(id, vertical ? ImVec2(th, length) : ImVec2(length, th));
  bool active = ImGui::IsItemActive(), hovered = ImGui::IsItemHovered();
  if (active || hovered) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRectFilled(vertical ? ImVec2(a.x + 2, a.y) : ImVec2(a.x, a.y + 2),
                                            vertical ? ImVec2(b.x - 2, b.y) : ImVec2(b.x, b.y - 2),
                                            ImGui::GetColorU32(active    ? ImGuiCol_SeparatorActive
                                                               : hovered ? ImGuiCol_SeparatorHovered
                                                                         : ImGuiCol_Separator));
  if (active) {
    float d = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    *frac = std::clamp(*frac + d / std::max(1.0f, total), lo, hi);
  }
}

// A pane: a bordered child window with a small title.
bool begin_pane(const char* title, ImVec2 size, const ViewState& vs, ImGuiWindowFlags flags = 0) {
  bool open = ImGui::BeginChild(title, size, true, flags);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  (void)vs;
  return open;
}

}  // namespace

void App::lesson_tabs() {
  // The lesson and the parameters as tabs: the parameters never sit below a long lesson.
  if (ImGui::BeginTabBar("lesson_tabs")) {
    if (ImGui::BeginTabItem("Lesson")) {
      ImGui::BeginChild("lesson_text");
      browser.draw_lesson(run, vs);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (run.has_run() && ImGui::BeginTabItem("Parameters")) {
      ImGui::BeginChild("params");
      browser.draw_params(run, vs);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

void App::desktop_layout(float width, float body_h) {
  const float split = 6.0f;
  const float left_w = std::floor(width * left);
  const float right_w = std::floor(width * right);
  const float center_w = std::max(100.0f, width - left_w - right_w - 2 * split);

  // Left: scenarios, lesson, parameters.
  ImGui::BeginChild("left", ImVec2(left_w, body_h));
  {
    float h = ImGui::GetContentRegionAvail().y;
    begin_pane("Scenarios", ImVec2(0, std::floor((h - split) * tree)), vs);
    browser.draw_tree(run, vs);
    ImGui::EndChild();
    splitter("split_tree", false, left_w, h, &tree, 0.1f, 0.8f);
    ImGui::BeginChild("lesson_pane", ImVec2(0, 0), true);
    lesson_tabs();
    ImGui::EndChild();
  }
  ImGui::EndChild();
  ImGui::SameLine(0, 0);
  splitter("split_left", true, body_h, width, &left, 0.1f, 0.4f);
  ImGui::SameLine(0, 0);

  // Centre: goal, narration, timeline, counters, event log.
  ImGui::BeginChild("center", ImVec2(center_w, body_h));
  {
    goal.draw(run, vs);
    narration.draw(run, vs);
    float h = ImGui::GetContentRegionAvail().y - 2 * split;
    // A Go program's output matters more than its counters: its panes have proportions of their own.
    float& tl_h = go_program() ? timeline_h_go : timeline_h;
    float& ct_h = go_program() ? counters_h_go : counters_h;
    // Two runs compared need two timelines' room.
    const float timeline_share = compare.active() ? std::max(tl_h, 0.8f) : tl_h;
    begin_pane("Timeline", ImVec2(0, std::floor(h * timeline_share)), vs, ImGuiWindowFlags_NoScrollbar);
    compare.draw(run, timeline, vs);
    ImGui::EndChild();
    splitter("split_timeline", false, center_w, h, &tl_h, 0.2f, 0.9f);
    float rest = h * (1 - timeline_share);
    begin_pane("Counters", ImVec2(0, std::floor(rest * ct_h)), vs, ImGuiWindowFlags_NoScrollbar);
    counters.draw(run, vs);
    ImGui::EndChild();
    splitter("split_counters", false, center_w, rest, &ct_h, 0.1f, 0.9f);
    begin_pane(go_program() ? "Output and events" : "Event log", ImVec2(0, 0), vs, ImGuiWindowFlags_NoScrollbar);
    log_pane();
    ImGui::EndChild();
  }
  ImGui::EndChild();
  ImGui::SameLine(0, 0);
  float right_frac = 1.0f - right;
  splitter("split_right", true, body_h, width, &right_frac, 0.4f, 0.9f);
  right = 1.0f - right_frac;
  ImGui::SameLine(0, 0);

  // Right: code, inspector, wait-for graph.
  ImGui::BeginChild("right", ImVec2(0, body_h));
  {
    float h = ImGui::GetContentRegionAvail().y - 2 * split;
    begin_pane("Code", ImVec2(0, std::floor(h * code_h)), vs, ImGuiWindowFlags_NoScrollbar);
    code_pane();
    ImGui::EndChild();
    splitter("split_code", false, right_w, h, &code_h, 0.15f, 0.85f);
    float rest = h * (1 - code_h);
    // A wait-for cycle at the cursor is the thing to look at: the graph gets most of the room then.
    bool cycle = run.has_run() && !run.model().wait_for(vs.cursor).cycles.empty();
    float share = cycle ? std::min(inspector_h, 0.35f) : inspector_h;
    begin_pane(go_program() ? "Variables and goroutines" : "Inspector", ImVec2(0, std::floor(rest * share)), vs);
    inspector_pane();
    ImGui::EndChild();
    splitter("split_inspector", false, right_w, rest, cycle ? &share : &inspector_h, 0.1f, 0.9f);
    begin_pane("Wait-for graph", ImVec2(0, 0), vs, ImGuiWindowFlags_NoScrollbar);
    waitgraph.draw(run, vs);
    ImGui::EndChild();
  }
  ImGui::EndChild();
}

// Presenter mode, for a projector: the timeline and the code side by side on top of each other at the left
// (the timeline as wide as the screen allows, the code at least 60 columns), and at the right the counters
// and, as tabs, the wait-for graph, the inspector, the lesson and its parameters. No event log, no file tree.
void App::presenter_layout(float width, float body_h) {
  const float split = 6.0f;
  const float main_w = std::floor(width * presenter_main);
  ImGui::BeginChild("p_main", ImVec2(main_w, body_h));
  {
    goal.draw(run, vs);
    narration.draw(run, vs);
    float h = ImGui::GetContentRegionAvail().y - split;
    const float timeline_share = compare.active() ? std::max(presenter_timeline, 0.75f) : presenter_timeline;
    begin_pane("Timeline", ImVec2(0, std::floor(h * timeline_share)), vs, ImGuiWindowFlags_NoScrollbar);
    compare.draw(run, timeline, vs);
    ImGui::EndChild();
    splitter("p_split_timeline", false, main_w, h, &presenter_timeline, 0.3f, 0.85f);
    begin_pane("Code", ImVec2(0, 0), vs, ImGuiWindowFlags_NoScrollbar);
    code.draw(run, vs);
    ImGui::EndChild();
  }
  ImGui::EndChild();
  ImGui::SameLine(0, 0);
  splitter("p_split_main", true, body_h, width, &presenter_main, 0.45f, 0.8f);
  ImGui::SameLine(0, 0);
  ImGui::BeginChild("p_side", ImVec2(0, body_h));
  {
    float h = ImGui::GetContentRegionAvail().y - split;
    begin_pane("Counters", ImVec2(0, std::floor(h * presenter_counters)), vs, ImGuiWindowFlags_NoScrollbar);
    counters.draw(run, vs);
    ImGui::EndChild();
    splitter("p_split_side", false, width - main_w, h, &presenter_counters, 0.15f, 0.7f);
    ImGui::BeginChild("p_tabs", ImVec2(0, 0), true);
    // The wait-for graph comes forward by itself when a cycle appears at the cursor.
    bool cycle = run.has_run() && !run.model().wait_for(vs.cursor).cycles.empty();
    bool bring_graph = cycle && !cycle_shown_;
    cycle_shown_ = cycle;
    if (ImGui::BeginTabBar("p_tab_bar")) {
      if (ImGui::BeginTabItem("Lesson")) {
        ImGui::BeginChild("p_lesson");
        browser.draw_lesson(run, vs);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      presenter_go_tabs();
      if (ImGui::BeginTabItem("Wait-for graph", nullptr, bring_graph ? ImGuiTabItemFlags_SetSelected : 0)) {
        waitgraph.draw(run, vs);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Inspector")) {
        ImGui::BeginChild("p_inspector");
        inspector.draw(run, vs);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      if (run.has_run() && ImGui::BeginTabItem("Parameters")) {
        ImGui::BeginChild("p_params");
        browser.draw_params(run, vs);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::EndChild();
  }
  ImGui::EndChild();
}

// The Compare menu: a second run under the first, with another seed or another scenario of the same folder
// (the correct and the broken variant side by side).
void App::compare_menu() {
  if (!ImGui::BeginMenu("Compare")) return;
  const bool can = run.has_run() && !run.path().empty();
  const std::uint64_t seed = run.has_run() ? run.config().seed : 0;
  auto opened = [&](bool ok) { vs.set_message(ok ? "comparing: " + compare.summary() : compare.error()); };
  if (ImGui::MenuItem(("With the next seed (" + std::to_string(seed + 1) + ")").c_str(), nullptr, false, can))
    opened(compare.open_seed(run, seed + 1));
  if (ImGui::BeginMenu("With another seed", can)) {
    for (std::uint64_t s = 1; s <= 10; ++s)
      if (s != seed && ImGui::MenuItem(("seed " + std::to_string(s)).c_str())) opened(compare.open_seed(run, s));
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("With another scenario", can)) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(run.path().parent_path(), ec))
      if (e.path().extension() == ".toml" || e.path().extension() == ".go") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      if (ImGui::MenuItem(f.filename().string().c_str(), nullptr, false, f != run.path())) opened(compare.open_file(f));
    if (files.size() <= 1) ImGui::TextDisabled("(no other scenario in %s)", run.path().parent_path().string().c_str());
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Stop comparing", nullptr, false, compare.active())) compare.close();
  ImGui::EndMenu();
}

void App::frame() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                           ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                           ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("Interleave", nullptr, flags);
  controls.draw_menu(run, vs, [this] { compare_menu(); });
  controls.shortcuts(run, vs);
  compare.follow(run, 50.0);
  if (vs.follow) vs.cursor = run.play_time();
  if (vs.selected_g == kNoGoroutine && run.model().goroutine_count() >= 2) vs.selected_g = 2;

  // A bad scenario file: its error, where it is, without leaving.
  if (!run.error().empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.45f, 0.05f, 0.05f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    int lines = 1 + static_cast<int>(std::count(run.error().begin(), run.error().end(), '\n'));
    float h = std::min(10, lines + 1) * ImGui::GetTextLineHeightWithSpacing() + 12;
    ImGui::BeginChild("error", ImVec2(0, h), true);
    if (ImGui::SmallButton("Dismiss")) run.clear_error();
    ImGui::SameLine();
    ImGui::TextUnformatted("The scenario file has a problem (fix it and save: it reloads by itself):");
    ImGui::PushFont(vs.fonts.mono);
    ImGui::TextUnformatted(run.error().c_str());
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
  }
  controls.draw(run, vs);

  const float status_h = ImGui::GetFrameHeightWithSpacing();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const float body_h = std::max(100.0f, avail.y - status_h);
  if (vs.presenter)
    presenter_layout(avail.x, body_h);
  else
    desktop_layout(avail.x, body_h);
  status.draw(run, vs, frame_ms);
  ImGui::End();
  if (vs.show_help) help.draw(vs);
}

void print_report(const App& app) {
  const FrameReport& r = app.vs.report;
  std::string note = r.narration;
  for (char& c : note)
    if (c == '\n') c = '|';
  std::printf("status: %s\ndecided by: %s\n", r.status.c_str(), r.decided_by.c_str());
  if (app.run.has_run())
    std::printf("step: %llu\nvirtual time: %s\ncursor: %s\n", static_cast<unsigned long long>(app.run.steps()),
                format_time(app.run.play_time()).c_str(), format_time(app.vs.cursor).c_str());
  std::printf("narration: %s\n", note.c_str());
  std::printf("goal: %s\n", r.goal.c_str());
  std::printf("end marker: %s\n", r.end_marker ? "yes" : "no");
  std::printf("lanes: %d of %d visible, %.0f px each\n", r.lanes_visible, r.lanes, r.lane_px);
  std::printf("code: %.0f columns, font %.0f px\n", r.code_columns, r.font_px);
  std::printf("markers: %d, over text: %d\n", r.markers, r.markers_over_text);
  std::printf("doing: %s\nprocessors busy: %d\n", r.doing.c_str(), r.processors_busy);
  std::string lesson = r.lesson;
  std::replace(lesson.begin(), lesson.end(), '\n', ' ');
  std::printf("lesson: %s\n", lesson.c_str());
  std::printf("code lines: %s\nwait-for graph: %s\n", r.code_lines.c_str(), r.graph.c_str());
  // The Go program panes, when they were on screen.
  if (r.output_rows >= 0)
    std::printf("output: %d rows, %d at the cursor, last: %s\n", r.output_rows, r.output_shown, r.output_last.c_str());
  std::printf("output ticks: %d\n", r.output_ticks);
  if (r.variables_rows >= 0) std::printf("variables: %d rows: %s\n", r.variables_rows, r.variables.c_str());
  if (r.editor_lines >= 0) std::printf("editor: %d lines, error: %s\n", r.editor_lines, r.editor_error.c_str());
  std::printf("toolbar: %s\n", r.toolbar_fits ? "fits" : "cut off");
  if (!r.dialog.empty()) std::printf("dialog: %s\n", r.dialog.c_str());
  if (app.compare.active())
    std::printf("compare: %s\ncompare marker: %s\n", r.compare.c_str(), r.compare_marker ? "yes" : "no");
  std::fflush(stdout);
}

namespace {

// [SECTION] Screenshots --------------------------------------------------------------------------------

// Reads the back buffer (call before swapping): RGB, rows bottom-up.
std::vector<unsigned char> read_pixels(int w, int h) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  return pixels;
}

// Reads the back buffer (call before swapping) and writes it as a PNG.
bool write_screenshot(const std::string& path, int w, int h) {
  std::vector<unsigned char> pixels = read_pixels(w, h);
  stbi_flip_vertically_on_write(1);  // OpenGL's rows go bottom-up
  return stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3) != 0;
}

// Renders each window's draw list on its own and waits for it, printing its GL time, vertices and the
// pixels its triangles cover (for INTERLEAVE_GUI_PROFILE=3: what each pane costs the rasteriser).
void render_each_window(ImDrawData* all) {
  using Clock = std::chrono::steady_clock;
  glFinish();
  for (int i = 0; i < all->CmdListsCount; ++i) {
    const ImDrawList* l = all->CmdLists[i];
    ImDrawData one = *all;
    one.CmdLists = &all->CmdLists[i];
    one.CmdListsCount = 1;
    one.TotalVtxCount = l->VtxBuffer.Size;
    one.TotalIdxCount = l->IdxBuffer.Size;
    double area = 0;
    for (const ImDrawCmd& c : l->CmdBuffer) {
      if (c.UserCallback) continue;
      for (unsigned k = 0; k + 2 < c.ElemCount; k += 3) {
        const ImVec2& a =
            l->VtxBuffer[static_cast<int>(c.VtxOffset + l->IdxBuffer[static_cast<int>(c.IdxOffset + k)])].pos;
        const ImVec2& b =
            l->VtxBuffer[static_cast<int>(c.VtxOffset + l->IdxBuffer[static_cast<int>(c.IdxOffset + k + 1)])].pos;
        const ImVec2& d =
            l->VtxBuffer[static_cast<int>(c.VtxOffset + l->IdxBuffer[static_cast<int>(c.IdxOffset + k + 2)])].pos;
        area += std::fabs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) * 0.5;
      }
    }
    auto start = Clock::now();
    ImGui_ImplOpenGL3_RenderDrawData(&one);
    glFinish();
    std::fprintf(stderr, "  %s: %.2f ms, %d vertices, %d commands, %.0f pixels\n", l->_OwnerName,
                 std::chrono::duration<double, std::milli>(Clock::now() - start).count(), l->VtxBuffer.Size,
                 l->CmdBuffer.Size, area);
  }
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::ranges::sort(v);
  auto i = static_cast<std::size_t>(
      std::clamp(p * static_cast<double>(v.size() - 1), 0.0, static_cast<double>(v.size() - 1)));
  return v[i];
}

// Presenter mode's font scale: large enough for the back of a room, small enough that every pane still fits
// (1.35 at 900 pixels high, growing with the window).
float presenter_scale(GLFWwindow* w) {
  int width = 0, height = 0;
  glfwGetWindowSize(w, &width, &height);
  return std::clamp(1.35f * static_cast<float>(std::min(height, width * 9 / 16)) / 900.0f, 1.2f, 3.0f);
}

void toggle_fullscreen(GLFWwindow* w) {
  static int saved[4] = {100, 100, 1600, 900};
  if (glfwGetWindowMonitor(w)) {
    glfwSetWindowMonitor(w, nullptr, saved[0], saved[1], saved[2], saved[3], 0);
    return;
  }
  glfwGetWindowPos(w, &saved[0], &saved[1]);
  glfwGetWindowSize(w, &saved[2], &saved[3]);
  GLFWmonitor* mon = glfwGetPrimaryMonitor();
  if (!mon) return;
  const GLFWvidmode* mode = glfwGetVideoMode(mon);
  glfwSetWindowMonitor(w, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
}

}  // namespace

}  // namespace interleave::gui

// [SECTION] The main loop (gui_main) -----------------------------------------------------------------------

namespace interleave::engine {

bool gui_available() {
  const char* x = std::getenv("DISPLAY");
  const char* w = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (w && *w);
}

int gui_main(const GuiRequest& req) {
  using namespace interleave::gui;
  using Clock = std::chrono::steady_clock;
  const bool headless = req.screenshot.has_value() || req.bench_frames.has_value() || req.play_for.has_value() ||
                        req.record.has_value() || req.report || !req.actions.empty();

  std::optional<VirtualTime> at;
  if (req.at) {
    at = patterns::parse_duration(*req.at);
    if (!at) {
      std::fprintf(stderr, "interleave gui: --at '%s' is not a virtual time (write it like 20ms, 150us, 1.5s)\n",
                   req.at->c_str());
      return 2;
    }
  }
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(stderr, "interleave gui: cannot open a window (is DISPLAY set? headless: run under xvfb-run -a)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  if (headless) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(req.width, req.height, "Interleave", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "interleave gui: cannot create an OpenGL 3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(headless ? 0 : 1);

  // 1. Dear ImGui with the GLFW and OpenGL3 backends.
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is the program's, not a file in the working directory
  auto app = std::make_unique<App>();
  app->vs.presenter = req.presenter;
  app->vs.scale = req.presenter ? presenter_scale(window) : 1.0f;
  load_fonts(app->vs);
  apply_theme(app->vs);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  if (req.fullscreen) toggle_fullscreen(window);

  // 2. The scenario: a bad file shows its error in the window.
  std::filesystem::path path =
      req.scenario_path.empty() ? default_scenario() : std::filesystem::path(req.scenario_path);
  if (path.empty()) {
    std::fprintf(stderr, "interleave gui: no scenario given and none found under %s\n", INTERLEAVE_SCENARIOS_DIR);
  } else if (!app->run.open(path) && headless) {
    std::fprintf(stderr, "%s\n", app->run.error().c_str());
  }
  if (req.speed) app->run.speed = *req.speed;
  if (app->run.has_run() && (req.compare || req.compare_seed)) {
    bool ok = req.compare ? app->compare.open_file(*req.compare) : app->compare.open_seed(app->run, *req.compare_seed);
    if (!ok) {
      std::fprintf(stderr, "interleave gui: --compare: %s\n", app->compare.error().c_str());
      if (headless) return 1;
    }
  }
  const bool plays = req.play_for.has_value() || req.record.has_value();
  if (headless && app->run.has_run() && plays) {
    app->run.playing = true;  // from the start, through the same playback path as the window
  } else if (headless && app->run.has_run()) {
    if (req.steps)
      app->run.run_to_step(*req.steps);
    else if (at)
      app->run.run_to_time(*at);
    else
      app->run.run_to_end(30'000);
  } else if (app->run.has_run()) {
    app->run.playing = true;
  }

  // 3. The loop.
  Script script(req.actions);
  int exit_code = 0;
  // Recording a GIF (--record, or the Record button): the run plays from its start at a fixed 10 frames per
  // second of playback, whatever the frame time, and every frame goes into the file.
  constexpr int kRecordFps = 10, kRecordHold = 10, kRecordMaxFrames = 900;
  GifRecorder gif;
  int record_hold = 0;
  auto start_recording = [&](const std::string& out) {
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    app->run.restart();
    app->vs.fit = app->vs.follow = true;
    app->run.playing = true;
    record_hold = 0;
    return gif.open(out, fw, fh, kRecordFps);
  };
  if (req.record && app->run.has_run() && !start_recording(*req.record)) {
    std::fprintf(stderr, "interleave gui: %s\n", gif.error().c_str());
    exit_code = 1;
  }
  double played_s = 0;
  bool played = !req.play_for.has_value();
  std::vector<double> frame_times;
  const int bench = req.bench_frames.value_or(0);
  const int frames_before_shot = 3;  // ImGui settles its layout in the first frames
  int frame = 0;
  auto last = Clock::now();
  while (!glfwWindowShouldClose(window)) {
    auto frame_start = Clock::now();
    double dt = std::chrono::duration<double>(frame_start - last).count();
    last = frame_start;

    // 3a. Poll input; apply mode changes that need a new font atlas (between frames only).
    glfwPollEvents();
    if (app->vs.request_presenter_toggle) {
      app->vs.request_presenter_toggle = false;
      app->vs.presenter = !app->vs.presenter;
      app->vs.scale = app->vs.presenter ? presenter_scale(window) : 1.0f;
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      load_fonts(app->vs);
      apply_theme(app->vs);
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (app->vs.request_fullscreen) {
      app->vs.request_fullscreen = false;
      toggle_fullscreen(window);
    }

    // 3b. Advance the run inside the frame, within a wall-clock budget: the window never freezes.
    if (app->vs.request_record) {
      app->vs.request_record = false;
      if (gif.recording()) {
        gif.close();
        app->vs.set_message("recording stopped: " + gif.path());
      } else if (app->run.has_run()) {
        std::string out = (app->run.path().empty() ? std::string("interleave") : app->run.path().stem().string()) +
                          "-seed" + std::to_string(app->run.config().seed) + ".gif";
        if (!start_recording(out)) app->vs.set_message(gif.error());
      }
    }
    if (gif.recording()) {
      app->run.playing = !app->run.finished();
      app->run.tick(1.0 / kRecordFps, 1000.0);
    } else if (!headless) {
      app->run.tick(std::min(dt, 0.1), 6.0);
    }
    if (headless && !played) {  // --play-for: the window's playback, for that much wall-clock time
      double step = std::min(dt, *req.play_for - played_s);
      app->run.tick(step, 50.0);
      played_s += step;
      if (played_s >= *req.play_for) {
        played = true;
        app->run.playing = false;
        std::printf("virtual time: %s (%lld ns)\n", format_time(app->run.play_time()).c_str(),
                    static_cast<long long>(app->run.play_time()));
        std::fflush(stdout);
      }
    }
    bool script_busy = false;
    if (headless && played && frame >= frames_before_shot) script_busy = script.apply(*app, frame_start);
    if (bench > 0 && frame >= frames_before_shot) {
      // Exercise the level of detail: alternate between the whole run and a zoomed window, and move the cursor.
      const auto end = static_cast<double>(std::max<VirtualTime>(app->run.model().end_time(), 1));
      int phase = frame % 40;
      app->vs.fit = phase < 20;
      if (!app->vs.fit) {
        double c = end * (0.2 + 0.6 * (phase - 20) / 20.0);
        app->vs.t0 = c - end * 0.05;
        app->vs.t1 = c + end * 0.05;
      }
      app->vs.follow = false;
      app->vs.cursor = static_cast<VirtualTime>(end * (frame % 97) / 97.0);
    }

    // 3c. Build the UI.
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (headless) {
      ImGuiIO& io = ImGui::GetIO();
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no stray tooltip in screenshots
      for (bool& down : io.MouseDown) down = false;
      script.mouse(io);  // a scripted click: the real mouse path
    }
    ImGui::NewFrame();
    app->vs.report = FrameReport{};
    app->vs.targets.clear();
    app->frame();
    ImGui::Render();

    // 3d. Render.
    int fb_w, fb_h;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    auto ui_done = Clock::now();
    // INTERLEAVE_GUI_PROFILE=1 prints each frame's UI and GL times (=2: also vertices per window; =3: GL time
    // and filled pixels per window, each window rendered and waited for on its own), to tell our own cost from
    // the rasteriser's (under Xvfb, Mesa's llvmpipe renders on the CPU).
    const char* profile = std::getenv("INTERLEAVE_GUI_PROFILE");
    if (profile && profile[0] == '3')
      render_each_window(ImGui::GetDrawData());
    else
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (profile) {
      glFinish();
      auto gl_done = Clock::now();
      const ImDrawData* dd = ImGui::GetDrawData();
      std::fprintf(stderr, "frame %d: ui %.2f ms, gl %.2f ms, %d vertices, %d indices\n", frame,
                   std::chrono::duration<double, std::milli>(ui_done - frame_start).count(),
                   std::chrono::duration<double, std::milli>(gl_done - ui_done).count(), dd->TotalVtxCount,
                   dd->TotalIdxCount);
      if (profile[0] == '2')
        for (int i = 0; i < dd->CmdListsCount; ++i)
          std::fprintf(stderr, "  %s: %d vertices, %d commands\n", dd->CmdLists[i]->_OwnerName,
                       dd->CmdLists[i]->VtxBuffer.Size, dd->CmdLists[i]->CmdBuffer.Size);
    }

    // 3e. Screenshots read the back buffer before it is swapped.
    bool last_frame =
        headless && played && !script_busy && script.done() && !gif.recording() && frame >= frames_before_shot + bench;
    if ((last_frame && req.screenshot) || app->vs.request_screenshot) {
      std::string out = app->vs.request_screenshot ? "interleave-screenshot.png" : *req.screenshot;
      app->vs.request_screenshot = false;
      bool ok = write_screenshot(out, fb_w, fb_h);
      if (headless) {
        if (ok)
          std::printf("wrote %s (%dx%d)\n", out.c_str(), fb_w, fb_h);
        else {
          std::fprintf(stderr, "interleave gui: could not write %s\n", out.c_str());
          exit_code = 1;
        }
      } else {
        app->vs.set_message(ok ? "saved " + out : "could not write " + out);
      }
    }

    // 3e'. A recording takes every frame, and holds the end for a second before it closes.
    if (gif.recording() && frame >= 1) {
      if (!gif.add_frame(read_pixels(fb_w, fb_h))) exit_code = 1;
      if ((app->run.finished() || app->run.needs_decision()) && ++record_hold >= kRecordHold) gif.close();
      if (gif.frames() >= kRecordMaxFrames) gif.close();
      if (!gif.recording()) {
        std::string msg = gif.error().empty() ? "wrote " + gif.path() + " (" + std::to_string(gif.frames()) + " frames)"
                                              : gif.error();
        if (headless)
          std::printf("%s\n", msg.c_str());
        else
          app->vs.set_message(msg);
        if (!gif.error().empty()) exit_code = 1;
      }
    }

    // 3f. Present.
    glfwSwapBuffers(window);
    if (headless) glFinish();
    auto frame_end = Clock::now();
    app->frame_ms = std::chrono::duration<double, std::milli>(frame_end - frame_start).count();
    if (bench > 0 && frame >= frames_before_shot) frame_times.push_back(app->frame_ms);
    ++frame;
    if (last_frame) break;
  }
  if (bench > 0) {
    std::printf("frame time over %zu frames at %dx%d, %zu events: p50 %.2f ms, p95 %.2f ms\n", frame_times.size(),
                req.width, req.height, app->run.model().consumed(), percentile(frame_times, 0.5),
                percentile(frame_times, 0.95));
  }
  if (req.report) print_report(*app);
  if (!script.error().empty()) {
    std::fprintf(stderr, "interleave gui: --actions: %s\n", script.error().c_str());
    exit_code = 1;
  }
  if (headless && !app->run.has_run()) exit_code = 1;

  app.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace interleave::engine
