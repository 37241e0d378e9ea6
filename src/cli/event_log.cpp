#include "cli/event_log.hpp"

namespace feedarchiver::cli {

namespace {
// Invalid UTF-8 from a feed must never make the log line throw.
// Every JSON line carries the time it was written ("time", ISO-8601 UTC), for cron logs.
std::string dump(nlohmann::json value) {
  if (value.is_object()) value["time"] = Diagnostics::utc_now();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

void EventLog::error(const std::string& feed, const std::string& url, const std::string& message) {
  if (!json_) return diagnostics_.error(feed, message);
  err_ << dump({{"event", "error"}, {"feed", feed}, {"url", url}, {"message", message}}) << '\n';
}

void EventLog::warning(const std::string& feed, const std::string& url,
                       const std::string& message) {
  if (quiet_) return;
  if (!json_) return diagnostics_.warning(feed, message);
  err_ << dump({{"event", "warning"}, {"feed", feed}, {"url", url}, {"message", message}}) << '\n';
}

void EventLog::run_warning(const std::string& message) {
  if (quiet_) return;
  if (!json_) {
    diagnostics_.line() << "feedarchiver: warning: " << message << '\n';
    return;
  }
  err_ << dump({{"event", "warning"}, {"message", message}}) << '\n';
}

void EventLog::event(const nlohmann::json& event) {
  if (json_) err_ << dump(event) << '\n';
}

void EventLog::summary(const std::string& human, const nlohmann::json& event) {
  if (json_) {
    err_ << dump(event) << '\n';
  } else {
    diagnostics_.summary(human);
  }
}

void EventLog::info(const std::string& message) {
  if (!json_) return diagnostics_.info(message);
  if (!verbose_) return;
  err_ << dump({{"event", "info"}, {"message", message}}) << '\n';
}

}  // namespace feedarchiver::cli
