#include "feedarchiver/fetch/curl_fetcher.hpp"

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/curl_api.hpp"
#include "feedarchiver/url.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace feedarchiver::fetch {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A retry starts only when this much of the budget is left after its wait.
constexpr milliseconds kMinTry{1000};
// How often the loop looks at the stop signal while one is watched.
constexpr milliseconds kStopCheck{100};
// All the header bytes one transfer may receive (every redirect hop together).
constexpr std::size_t kMaxHeaderBytes = 256u * 1024u;
// What parse_retry_after may return when nothing is to be capped (about ten years).
constexpr milliseconds kNoCap{315360000000LL};

// What the callbacks fill in during one transfer. They never throw: a failure is a flag.
struct TransferData {
  std::size_t max_bytes = 0;
  std::string body;
  std::size_t received = 0;  // the last response's header and body bytes (body decoded)
  std::size_t header_bytes = 0;
  bool too_large = false;
  bool headers_too_large = false;
  bool out_of_memory = false;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> retry_after;
};

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// A header value as we send it: no CR or LF (the value came from a server once).
std::string header_safe(std::string_view value) {
  std::string safe;
  for (char c : trim(value)) {
    if (c != '\r' && c != '\n') safe += c;
  }
  return safe;
}

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* transfer = static_cast<TransferData*>(user);
  const std::size_t bytes = size * count;
  transfer->received += bytes;
  if (bytes > transfer->max_bytes - transfer->body.size()) {
    transfer->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  try {
    transfer->body.append(data, bytes);
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;
  }
  return bytes;
}

// Sees the header lines of every response, redirect hops included; a status line starts a
// new response, so only the final one's headers are kept.
std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* transfer = static_cast<TransferData*>(user);
  const std::size_t bytes = size * count;
  transfer->header_bytes += bytes;
  if (transfer->header_bytes > kMaxHeaderBytes) {
    transfer->headers_too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  try {
    const std::string_view line(data, bytes);
    if (line.size() >= 5 && equals_ignoring_ascii_case(line.substr(0, 5), "HTTP/")) {
      transfer->received = bytes;  // a redirect hop's bytes are not this response's
      transfer->etag.reset();
      transfer->last_modified.reset();
      transfer->retry_after.reset();
      return bytes;
    }
    transfer->received += bytes;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return bytes;
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (value.empty()) return bytes;
    if (equals_ignoring_ascii_case(name, "etag")) transfer->etag = std::string(value);
    if (equals_ignoring_ascii_case(name, "last-modified"))
      transfer->last_modified = std::string(value);
    if (equals_ignoring_ascii_case(name, "retry-after")) transfer->retry_after = std::string(value);
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;
  }
  return bytes;
}

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_api().easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_api().slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// Collects the first failing curl_easy_setopt; a transfer is not started half-configured.
class Options {
 public:
  explicit Options(CURL* curl) : curl_(curl) {}
  template <typename Value>
  void set(CURLoption option, Value value) {
    if (result_ == CURLE_OK) result_ = curl_api().easy_setopt(curl_, option, value);
  }
  CURLcode result() const { return result_; }

 private:
  CURL* curl_;
  CURLcode result_ = CURLE_OK;
};

std::string user_agent(const FetchLimits& limits) {
  if (!limits.user_agent.empty()) return limits.user_agent;
  return std::string("feedarchiver/") + FEEDARCHIVER_VERSION;
}

std::string curl_message(CURLcode code, const char* error_buffer) {
  std::string message = curl_api().easy_strerror(code);
  if (error_buffer != nullptr && error_buffer[0] != '\0') {
    message += ": ";
    message += trim(error_buffer);
  }
  return message;
}

// The host a request counts against for --per-host ("" when the URL does not parse).
std::string host_of(const std::string& url) {
  return url_host(url).value_or("");
}

// One request through its tries.
struct Job {
  std::size_t index = 0;
  std::string host;
  int tries = 0;  // sent so far
  Clock::time_point not_before{};
  std::optional<Clock::time_point> budget_end;  // set when the first try starts
  std::optional<FetchResult> last;              // the failed try a retry waits to repeat
};

// One running transfer: the easy handle and everything its options point to. Heap-allocated
// and never moved while the handle is in the multi handle.
struct Transfer {
  Job job;
  bool cut_by_budget = false;  // the time-out is what was left of the budget
  TransferData data;
  HeaderList headers;
  std::string agent;
  char error_buffer[CURL_ERROR_SIZE] = {};
  EasyHandle curl;  // last: cleaned up before what it points to
};

// Configures `transfer` for `request`; CURLE_OK or the first option that failed.
// `timeout` is the transfer's time-out: limits.total_timeout or less.
CURLcode configure(Transfer& transfer, const FetchRequest& request, milliseconds timeout) {
  const FetchLimits& limits = request.limits;
  const auto add_header = [&transfer](const std::string& line) {
    curl_slist* appended = curl_api().slist_append(transfer.headers.get(), line.c_str());
    if (appended != nullptr) {
      (void)transfer.headers.release();
      transfer.headers.reset(appended);
    }
  };
  if (request.etag && !header_safe(*request.etag).empty()) {
    add_header("If-None-Match: " + header_safe(*request.etag));
  }
  if (request.last_modified && !header_safe(*request.last_modified).empty()) {
    add_header("If-Modified-Since: " + header_safe(*request.last_modified));
  }
  transfer.data.max_bytes = limits.max_bytes;
  transfer.agent = user_agent(limits);

  CURL* curl = transfer.curl.get();
  Options options(curl);
  options.set(CURLOPT_URL, request.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  options.set(CURLOPT_PROTOCOLS_STR, "http,https");
  options.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  options.set(CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
  options.set(CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  options.set(CURLOPT_FOLLOWLOCATION, 1L);
  options.set(CURLOPT_MAXREDIRS, limits.max_redirects);
  const milliseconds connect = std::min<milliseconds>(limits.connect_timeout, timeout);
  options.set(CURLOPT_CONNECTTIMEOUT_MS,
              static_cast<long>(std::max<long long>(connect.count(), 1)));
  options.set(CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(timeout.count(), 1)));
  // A stall: slower than stall_bytes_per_second for stall_timeout seconds.
  if (limits.stall_bytes_per_second > 0 && limits.stall_timeout.count() > 0) {
    options.set(CURLOPT_LOW_SPEED_LIMIT, limits.stall_bytes_per_second);
    options.set(CURLOPT_LOW_SPEED_TIME, static_cast<long>(limits.stall_timeout.count()));
  }
  options.set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes (gzip, br)
  // A Content-Length over the cap fails before the body is read; the write callback
  // enforces the cap on the decoded bytes whatever the server announced.
  if (limits.max_bytes <= static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max())) {
    options.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes));
  }
  options.set(CURLOPT_NOSIGNAL, 1L);
  // Over TLS, ALPN says at once whether a connection multiplexes (HTTP/2): wait for it rather
  // than open another. Over plain http that would serialize the transfers to a host.
  if (request.url.size() >= 8 &&
      equals_ignoring_ascii_case(std::string_view(request.url).substr(0, 8), "https://")) {
    options.set(CURLOPT_PIPEWAIT, 1L);
  }
  options.set(CURLOPT_USERAGENT, transfer.agent.c_str());
  if (!limits.proxy.empty()) options.set(CURLOPT_PROXY, limits.proxy.c_str());
  if (limits.insecure) {
    options.set(CURLOPT_SSL_VERIFYPEER, 0L);
    options.set(CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (transfer.headers) options.set(CURLOPT_HTTPHEADER, transfer.headers.get());
  options.set(CURLOPT_WRITEFUNCTION, &write_body);
  options.set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer.data));
  options.set(CURLOPT_HEADERFUNCTION, &read_header);
  options.set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer.data));
  options.set(CURLOPT_ERRORBUFFER, transfer.error_buffer);
  options.set(CURLOPT_PRIVATE, static_cast<void*>(&transfer));
  return options.result();
}

// The outcome of one finished try.
struct Finished {
  FetchResult result;
  bool retryable = false;
  std::optional<milliseconds> retry_after;  // as asked, uncapped
};

bool retryable_code(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_COULDNT_RESOLVE_HOST ||
         code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT;
}

bool retryable_status(long status) {
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

Finished finish(Transfer& transfer, CURLcode code, const FetchRequest& request) {
  Finished finished;
  FetchResult& result = finished.result;
  const FetchLimits& limits = request.limits;
  CURL* curl = transfer.curl.get();
  long http_status = 0;
  char* effective_url = nullptr;
  char* content_type = nullptr;
  curl_api().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  curl_api().easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective_url);
  curl_api().easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  result.http_status = http_status;
  if (effective_url != nullptr) result.final_url = effective_url;
  if (content_type != nullptr) result.content_type = content_type;
  result.etag = std::move(transfer.data.etag);
  result.last_modified = std::move(transfer.data.last_modified);
  result.tries = transfer.job.tries;

  if (transfer.data.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    result.status = FetchStatus::too_large;
    result.error = "response larger than " + std::to_string(limits.max_bytes) + " bytes";
    return finished;
  }
  if (transfer.data.headers_too_large) {
    result.error = "response headers larger than " + std::to_string(kMaxHeaderBytes) + " bytes";
    return finished;
  }
  if (transfer.data.out_of_memory) {
    result.error = "out of memory while reading the response";
    return finished;
  }
  if (code == CURLE_UNSUPPORTED_PROTOCOL) {
    // The effective URL is then the refused one; it is no document's address.
    result.status = FetchStatus::refused;
    result.error =
        result.final_url.empty() || result.final_url == request.url
            ? "refusing to fetch '" + request.url + "': only http and https are supported"
            : "refusing to follow the redirect to '" + result.final_url +
                  "': only http and https are supported";
    result.final_url.clear();
    return finished;
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    result.error = "more than " + std::to_string(limits.max_redirects) + " redirects";
    return finished;
  }
  if (code != CURLE_OK) {
    result.error = curl_message(code, transfer.error_buffer);
    if (code == CURLE_OPERATION_TIMEDOUT) {
      if (result.error.find("too slow") != std::string::npos) {
        result.error = "stalled: " + result.error;
      } else if (transfer.cut_by_budget) {
        result.error = "time budget of " + std::to_string(limits.budget.count()) +
                       " s used up: " + result.error;
      }
    }
    // A time-out while data was arriving would only time out again: it is not retried.
    finished.retryable =
        retryable_code(code) && !(code == CURLE_OPERATION_TIMEDOUT && transfer.data.received > 0);
    return finished;
  }
  if (http_status == 304) {
    result.status = FetchStatus::not_modified;
    return finished;
  }
  if (http_status < 200 || http_status >= 300) {
    result.status = FetchStatus::http_error;
    result.error = "HTTP " + std::to_string(http_status);
    finished.retryable = retryable_status(http_status);
    if (finished.retryable && transfer.data.retry_after) {
      finished.retry_after =
          parse_retry_after(*transfer.data.retry_after, std::chrono::system_clock::now(), kNoCap);
      if (finished.retry_after) {
        result.retry_after = std::chrono::ceil<std::chrono::seconds>(*finished.retry_after);
      }
    }
    return finished;
  }
  result.status = FetchStatus::ok;
  result.body = std::move(transfer.data.body);
  return finished;
}

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_api().multi_cleanup(multi); }
};

// The multi handle and its running transfers; the destructor detaches and frees them all,
// also when a callback's exception unwinds fetch_all.
class Session {
 public:
  Session() : multi_(curl_api().multi_init()) {
    if (multi_) curl_api().multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  }
  ~Session() {
    for (auto& [curl, transfer] : running_) curl_api().multi_remove_handle(multi_.get(), curl);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  CURLM* multi() const { return multi_.get(); }
  bool empty() const { return running_.empty(); }
  std::size_t size() const { return running_.size(); }

  CURLMcode add(std::unique_ptr<Transfer> transfer) {
    CURL* curl = transfer->curl.get();
    const CURLMcode code = curl_api().multi_add_handle(multi_.get(), curl);
    if (code == CURLM_OK) running_.emplace(curl, std::move(transfer));
    return code;
  }
  std::vector<std::unique_ptr<Transfer>> remove_all() {
    std::vector<std::unique_ptr<Transfer>> removed;
    for (auto& [curl, transfer] : running_) {
      curl_api().multi_remove_handle(multi_.get(), curl);
      removed.push_back(std::move(transfer));
    }
    running_.clear();
    return removed;
  }
  std::unique_ptr<Transfer> remove(CURL* curl) {
    const auto found = running_.find(curl);
    if (found == running_.end()) return nullptr;
    curl_api().multi_remove_handle(multi_.get(), curl);
    std::unique_ptr<Transfer> transfer = std::move(found->second);
    running_.erase(found);
    return transfer;
  }

 private:
  std::unique_ptr<CURLM, MultiDeleter> multi_;
  std::map<CURL*, std::unique_ptr<Transfer>> running_;
};

FetchResult failed_to_start(const Job& job, const std::string& why) {
  FetchResult result;
  result.error = why;
  result.tries = job.tries;
  return result;
}

// The result of a job a stop ended; the failed try it was to repeat is named.
FetchResult cancelled_job(const StopSignal& stop, const Job& job) {
  FetchResult result = cancelled_result(stop, job.tries);
  if (job.last) result.error += " (the previous try: " + describe(*job.last) + ")";
  return result;
}

std::string seconds_text(milliseconds duration) {
  return std::to_string(std::chrono::ceil<std::chrono::seconds>(duration).count()) + " s";
}

}  // namespace

std::optional<milliseconds> parse_retry_after(std::string_view value,
                                              std::chrono::system_clock::time_point now,
                                              milliseconds cap) {
  const std::string_view text = trim(value);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 9) return cap;  // more than 31 years: capped anyway
    long long seconds = 0;
    for (char c : text) seconds = seconds * 10 + (c - '0');
    return std::min(cap, milliseconds(seconds * 1000));
  }
  const std::string date(text);
  const time_t when = curl_api().getdate(date.c_str(), nullptr);
  if (when == static_cast<time_t>(-1)) return std::nullopt;
  const auto wait =
      std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::from_time_t(when) - now);
  return std::clamp(wait, milliseconds(0), cap);
}

CurlFetcher::CurlFetcher(CurlFetcherOptions options)
    : options_(std::move(options)), random_(std::random_device{}()) {
  options_.jobs = std::max<std::size_t>(options_.jobs, 1);
  options_.per_host = std::max<std::size_t>(options_.per_host, 1);
  options_.retry.max_tries = std::max(options_.retry.max_tries, 1);
  set_stop(options_.stop);
}

// curl_global_cleanup is left to process exit: other fetchers may still be alive.
CurlFetcher::~CurlFetcher() = default;

Clock::time_point CurlFetcher::now() const {
  return options_.now ? options_.now() : Clock::now();
}

void CurlFetcher::sleep(milliseconds duration) const {
  if (duration <= milliseconds(0)) return;
  if (options_.sleep) {
    options_.sleep(duration);
  } else {
    std::this_thread::sleep_for(duration);
  }
}

void CurlFetcher::pause(milliseconds duration) const {
  if (stop() == nullptr) {
    sleep(duration);
    return;
  }
  while (duration > milliseconds(0) && !stop_requested()) {
    const milliseconds slice = std::min(duration, kStopCheck);
    sleep(slice);
    duration -= slice;
  }
}

double CurlFetcher::jitter() {
  if (options_.jitter) return options_.jitter();
  return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

FetchResult CurlFetcher::fetch(const FetchRequest& request) {
  FetchResult fetched;
  fetch_all({request},
            [&fetched](std::size_t, FetchResult result) { fetched = std::move(result); });
  return fetched;
}

void CurlFetcher::fetch_all(const std::vector<FetchRequest>& requests,
                            const OnFetched& on_fetched) {
  if (requests.empty()) return;
  // Once per process, at the first transfer rather than when the fetcher is made: the CLI
  // makes one for every command, and curl_global_init (OpenSSL's set-up, its configuration
  // file read) took 2-3 ms of CPU from `extract FILE`, which fetches nothing (issue 19).
  // Not thread-safe in libcurl itself; the static makes it so.
  static const CURLcode global_init = curl_api().global_init(CURL_GLOBAL_DEFAULT);
  (void)global_init;
  Session session;
  if (session.multi() == nullptr) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      on_fetched(i, failed_to_start(Job{i, {}, 0, {}, {}, {}}, "cannot initialise libcurl"));
    }
    return;
  }

  std::deque<Job> ready;    // in request order
  std::deque<Job> waiting;  // retries, each with its not-before time
  for (std::size_t i = 0; i < requests.size(); ++i) {
    ready.push_back(Job{i, host_of(requests[i].url), 0, {}, {}, {}});
  }
  std::map<std::string, std::size_t> per_host;  // running transfers by host

  // The failed try a retry was to repeat, reported when the budget leaves no time for it.
  const auto give_up = [](Job& job, const std::string& why) {
    FetchResult result = job.last ? std::move(*job.last) : FetchResult{};
    if (job.tries > 1 && !result.error.empty()) {
      result.error += " (after " + std::to_string(job.tries) + " tries)";
    }
    result.error += (result.error.empty() ? "" : "; ") + why;
    result.tries = job.tries;
    return result;
  };
  const auto budget_used_up = [](const FetchRequest& request) {
    return "no retry: the time budget of " + std::to_string(request.limits.budget.count()) +
           " s is used up";
  };

  const auto start = [&](Job job) -> std::optional<FetchResult> {
    const FetchRequest& request = requests[job.index];
    const Clock::time_point current = now();
    if (!job.budget_end) job.budget_end = current + request.limits.budget;
    const milliseconds left = std::chrono::ceil<milliseconds>(*job.budget_end - current);
    if (job.tries > 0 && left < kMinTry) return give_up(job, budget_used_up(request));
    ++job.tries;
    auto transfer = std::make_unique<Transfer>();
    const milliseconds timeout = std::min<milliseconds>(request.limits.total_timeout, left);
    transfer->cut_by_budget = timeout < request.limits.total_timeout;
    transfer->job = std::move(job);
    transfer->curl.reset(curl_api().easy_init());
    if (!transfer->curl) return failed_to_start(transfer->job, "cannot initialise libcurl");
    const CURLcode configured = configure(*transfer, request, timeout);
    if (configured != CURLE_OK) {
      return failed_to_start(transfer->job,
                             "cannot configure libcurl: " + curl_message(configured, nullptr));
    }
    const std::string host = transfer->job.host;
    const Job started = transfer->job;
    const CURLMcode added = session.add(std::move(transfer));
    if (added != CURLM_OK) {
      return failed_to_start(
          started, std::string("cannot start the transfer: ") + curl_api().multi_strerror(added));
    }
    ++per_host[host];
    return std::nullopt;
  };

  // Starts what the limits allow, oldest first; a host at its limit does not block others.
  const auto start_ready = [&] {
    for (auto it = ready.begin(); it != ready.end() && session.size() < options_.jobs;) {
      if (per_host[it->host] >= options_.per_host) {
        ++it;
        continue;
      }
      Job job = std::move(*it);
      it = ready.erase(it);
      const std::size_t index = job.index;
      if (auto failed = start(std::move(job))) on_fetched(index, std::move(*failed));
    }
  };

  const auto promote_due = [&] {
    const Clock::time_point current = now();
    for (auto it = waiting.begin(); it != waiting.end();) {
      if (it->not_before <= current) {
        ready.push_back(std::move(*it));
        it = waiting.erase(it);
      } else {
        ++it;
      }
    }
  };

  const auto earliest_wait = [&]() -> milliseconds {
    Clock::time_point earliest = Clock::time_point::max();
    for (const Job& job : waiting) earliest = std::min(earliest, job.not_before);
    return std::max(milliseconds(0), std::chrono::ceil<milliseconds>(earliest - now()));
  };

  const auto backoff = [&](const Job& job) {
    const double factor = std::pow(2.0, job.tries - 1) * (0.5 + jitter());
    const double wait = static_cast<double>(options_.retry.base_delay.count()) * factor;
    const double cap = static_cast<double>(options_.retry.max_delay.count());
    return milliseconds(static_cast<long long>(std::min(wait, cap)));
  };

  // Once a stop is requested: every request not completed is reported, once, as cancelled.
  const auto cancel_all = [&] {
    const StopSignal& signal = *stop();
    std::vector<std::pair<std::size_t, FetchResult>> cancelled;
    for (const auto& transfer : session.remove_all()) {
      cancelled.emplace_back(transfer->job.index, cancelled_job(signal, transfer->job));
    }
    for (const std::deque<Job>* queue : {&ready, &waiting}) {
      for (const Job& job : *queue) cancelled.emplace_back(job.index, cancelled_job(signal, job));
    }
    ready.clear();
    waiting.clear();
    std::sort(cancelled.begin(), cancelled.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, result] : cancelled) on_fetched(index, std::move(result));
  };

  // A finished try: reported, or queued again when it may be retried within the budget.
  const auto settle = [&](Job job, Finished finished) {
    const FetchRequest& request = requests[job.index];
    const FetchLimits& limits = request.limits;
    std::string note;
    if (finished.retryable && job.tries < options_.retry.max_tries) {
      const Clock::time_point current = now();
      const milliseconds left = std::chrono::floor<milliseconds>(*job.budget_end - current);
      std::optional<milliseconds> wait;
      if (finished.retry_after) {
        const milliseconds asked = *finished.retry_after;
        if (asked > limits.max_retry_after_sleep) {
          note = "no retry: Retry-After asks for " + seconds_text(asked) + ", more than the " +
                 std::to_string(limits.max_retry_after_sleep.count()) + " s a fetch waits";
        } else if (asked + kMinTry > left) {
          note = "no retry: Retry-After asks for " + seconds_text(asked) +
                 ", more than is left of the " + std::to_string(limits.budget.count()) +
                 " s time budget";
        } else {
          wait = asked;
        }
      } else if (left <= kMinTry) {
        note = budget_used_up(request);
      } else {
        wait = std::min(backoff(job), left - kMinTry);
      }
      if (wait) {
        job.not_before = current + *wait;
        job.last = std::move(finished.result);
        waiting.push_back(std::move(job));
        return;
      }
    }
    FetchResult& result = finished.result;
    if (job.tries > 1 && !result.error.empty()) {
      result.error += " (after " + std::to_string(job.tries) + " tries)";
    }
    if (!note.empty()) result.error += "; " + note;
    on_fetched(job.index, std::move(result));
  };

  while (!ready.empty() || !waiting.empty() || !session.empty()) {
    if (stop_requested()) {
      cancel_all();
      return;
    }
    promote_due();
    start_ready();
    if (session.empty()) {
      if (!ready.empty()) continue;  // every start failed at once; try the rest
      if (waiting.empty()) break;
      pause(earliest_wait());  // nothing runs: only retries are left
      continue;
    }

    int running = 0;
    curl_api().multi_perform(session.multi(), &running);
    int queued = 0;
    while (CURLMsg* message = curl_api().multi_info_read(session.multi(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      const CURLcode code = message->data.result;
      std::unique_ptr<Transfer> transfer = session.remove(message->easy_handle);
      if (!transfer) continue;
      Finished finished = finish(*transfer, code, requests[transfer->job.index]);
      Job job = std::move(transfer->job);
      --per_host[job.host];
      transfer.reset();
      settle(std::move(job), std::move(finished));
    }

    if (!session.empty()) {
      long long timeout_ms = stop() != nullptr ? kStopCheck.count() : 1000;
      if (!waiting.empty()) timeout_ms = std::min<long long>(timeout_ms, earliest_wait().count());
      curl_api().multi_poll(session.multi(), nullptr, 0, static_cast<int>(timeout_ms), nullptr);
    }
  }
}

}  // namespace feedarchiver::fetch
