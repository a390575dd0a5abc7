// fuzz_loader.cpp — libFuzzer target for the scenario loader: any bytes must give a Scenario or a
// ScenarioError, never a crash, a hang or a sanitizer report. Overrides are fuzzed too: the input's first
// line, when it starts with "--set ", is taken as a --set argument.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scenarios/engine/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<interleave::engine::Override> overrides;
  if (text.starts_with("--set ")) {
    auto nl = text.find('\n');
    overrides.emplace_back(std::string(text.substr(6, nl == std::string_view::npos ? std::string_view::npos : nl - 6)));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  try {
    auto sc = interleave::engine::parse_scenario(text, "fuzz.toml", overrides);
    (void)sc;
  } catch (const interleave::engine::ScenarioError& e) {
    // Formatting the report (quoting the offending line) is part of what is fuzzed.
    volatile std::size_t n = std::string(e.what()).size() + e.first_line().size();
    (void)n;
  }
  return 0;
}
