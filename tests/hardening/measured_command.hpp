#pragma once
// Runs our feedarchiver binary with stdin from a file (inputs of many MiB are not copied into
// memory), for the hostile-input tests, which bound memory and time as well as behaviour.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace feedarchiver::testing {

using MeasuredResult = CommandResult;

/// Runs FEEDARCHIVER_BINARY with `args`, stdin from the file `stdin_path` (or empty).
inline MeasuredResult run_measured(std::vector<std::string> args,
                                   const std::filesystem::path& stdin_path = {},
                                   std::chrono::seconds limit = std::chrono::seconds(120)) {
  args.insert(args.begin(), FEEDARCHIVER_BINARY);
  if (!stdin_path.empty()) return run_process(args, stdin_path, limit);
  TempDir io;
  write_file(io.path() / "in", "");
  return run_process(args, io.path() / "in", limit);
}

}  // namespace feedarchiver::testing
