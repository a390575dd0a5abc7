// paths.h — where the shipped scenarios are.
#pragma once

#include <filesystem>
#include <optional>

namespace interleave::engine {

// The scenarios folder: ./scenarios, then next to the executable's directory (build/../scenarios), then the
// source tree the program was built from (INTERLEAVE_SOURCE_ROOT).
std::optional<std::filesystem::path> find_scenarios_dir();

// The scenario `interleave` opens with no arguments.
inline constexpr const char* kDefaultScenario = "producer_consumer/semaphores.toml";

}  // namespace interleave::engine
