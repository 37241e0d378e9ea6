#include "feedarchiver/config/time_zone_file.hpp"

#include <fstream>
#include <iterator>

namespace feedarchiver::config {
namespace {

bool is_zone_name_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
         c == '_' || c == '-' || c == '+';
}

}  // namespace

std::optional<TimeZone> load_time_zone(std::string_view name, const std::string& zoneinfo_dir) {
  if (name.empty() || name.size() > 64) return std::nullopt;
  if (auto zone = fixed_time_zone(name)) return zone;
  // An IANA name: letters, digits, '_', '-', '+', and '/' between parts; never "..".
  if (name.front() == '/' || name.find("..") != std::string_view::npos) return std::nullopt;
  for (char c : name) {
    if (!is_zone_name_byte(c)) return std::nullopt;
  }
  std::ifstream in(zoneinfo_dir + "/" + std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() > 1 << 20) return std::nullopt;
  return TimeZone::from_tzif(bytes, std::string(name));
}

}  // namespace feedarchiver::config
