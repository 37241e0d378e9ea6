#include "cli/run_printer.hpp"

#include <ostream>

#include "feedarchiver/dates.hpp"

namespace feedarchiver::cli {
namespace {

std::string joined(const std::vector<std::string>& labels) {
  std::string out;
  for (const std::string& label : labels) out += (out.empty() ? "" : ", ") + label;
  return out;
}

}  // namespace

std::string named_feeds(const archive::RunReport& report) {
  std::string out;
  if (!report.deferred.empty()) {
    std::vector<std::string> labels;
    for (const auto& [label, until] : report.deferred) {
      labels.push_back(label + " (until " + format_iso_seconds(until) + ")");
    }
    out += "; deferred: " + joined(labels);
  }
  if (!report.backing_off.empty()) out += "; backing off: " + joined(report.backing_off);
  if (!report.not_reached.empty()) out += "; not reached: " + joined(report.not_reached);
  return out;
}

void add_named_feeds(nlohmann::json& event, const archive::RunReport& report) {
  nlohmann::json deferred = nlohmann::json::array();
  for (const auto& [label, until] : report.deferred) {
    deferred.push_back({{"feed", label}, {"until", format_iso_seconds(until)}});
  }
  event["deferred"] = deferred;
  event["backing_off"] = report.backing_off;
  event["not_reached"] = report.not_reached;
}

RunPrinter::RunPrinter(Streams streams, const CommonOptions& common, bool json_log)
    : streams_(streams),
      quiet_(common.quiet),
      log_(streams.err, common.quiet, common.verbose, json_log, common.log_time),
      progress_enabled_(common.progress && !json_log) {}

RunPrinter::~RunPrinter() {
  if (progress_) progress_->clear();
}

void RunPrinter::started(std::size_t sources) {
  progress_.emplace(streams_.err, progress_enabled_, sources);
}

void RunPrinter::source_read(std::uint64_t bytes, bool failed) {
  if (progress_) progress_->finished(bytes, failed);
}

void RunPrinter::source_finished(const archive::SourceReport& report) {
  if (progress_) progress_->clear();
  // -q: nothing on success, so a cron log holds only problems.
  if (!quiet_) {
    for (const auto& path : report.written) streams_.out << path.string() << '\n';
  }
  if (report.status == "not_modified") {
    log_.info(report.label + ": unchanged (HTTP 304)");
  }
  if (!report.attempted && !report.failed) {
    log_.info(report.label + ": " + report.status + ", not due before " +
              (report.next_attempt ? format_iso_seconds(*report.next_attempt) : "-") +
              (report.error.empty() ? "" : " (last error: " + report.error + ")"));
  }
  for (const std::string& warning : report.warnings) {
    log_.warning(report.label, report.location, warning);
  }
  for (const archive::SkippedItem& skipped : report.skipped) {
    log_.info(report.label + ": " + skipped.reason + ": " + skipped.item + " (" +
              skipped.post_path + ")");
  }
  if (report.failed) log_.error(report.label, report.location, report.error);
  log_.event({{"event", "feed"},
              {"feed", report.label},
              {"url", report.location},
              {"status", report.status},
              {"http_status", report.http_status},
              {"items", report.items},
              {"items_new", report.items_new},
              {"items_updated", report.items_updated},
              {"ms", report.elapsed.count()},
              {"elapsed_ms", report.since_start.count()}});
  if (progress_) progress_->draw();
}

void RunPrinter::info(const std::string& message) {
  if (progress_) progress_->clear();
  log_.info(message);
}

void RunPrinter::warning(const std::string& message) {
  if (progress_) progress_->clear();
  log_.run_warning(message);
}

void RunPrinter::summary(const std::string& human, const nlohmann::json& event) {
  if (progress_) progress_->clear();
  streams_.out.flush();
  log_.summary(human, event);
}

}  // namespace feedarchiver::cli
