#include "cli/run_stop.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace feedarchiver::cli {
namespace {

// The one process-global state (see run_stop.hpp): what the signal handlers act on.
std::atomic<fetch::StopSignal*> g_stop{nullptr};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_stop_signal(int number) {
  if (g_signal != 0) _exit(128 + number);  // the second signal: at once
  g_signal = number;
  if (fetch::StopSignal* stop = g_stop.load()) stop->request_stop();
}

struct sigaction g_previous_int;
struct sigaction g_previous_term;

}  // namespace

RunStop::RunStop(fetch::Fetcher& fetcher, std::optional<std::chrono::seconds> deadline)
    : fetcher_(fetcher) {
  if (deadline) stop_.set_deadline(fetch::StopSignal::Clock::now() + *deadline);
  fetcher_.set_stop(&stop_);
  g_signal = 0;
  g_stop.store(&stop_);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

RunStop::~RunStop() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  g_stop.store(nullptr);
  fetcher_.set_stop(nullptr);
}

int RunStop::exit_code(int code) const {
  if (g_signal != 0) return 128 + g_signal;
  return code;
}

}  // namespace feedarchiver::cli
