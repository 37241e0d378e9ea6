#include "feedarchiver/fetch/curl_fetcher.hpp"

#include <curl/curl.h>

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace feedarchiver::fetch {

namespace {

// What the callbacks fill in during one transfer. They never throw: a failure is a flag.
struct Transfer {
  std::size_t max_bytes = 0;
  std::string body;
  bool too_large = false;
  bool out_of_memory = false;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
};

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

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
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
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
// new response, so only the final one's validators are kept.
std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  try {
    const std::string_view line(data, bytes);
    if (line.size() >= 5 && iequals(line.substr(0, 5), "HTTP/")) {
      transfer->etag.reset();
      transfer->last_modified.reset();
      return bytes;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return bytes;
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (value.empty()) return bytes;
    if (iequals(name, "etag")) transfer->etag = std::string(value);
    if (iequals(name, "last-modified")) transfer->last_modified = std::string(value);
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;
  }
  return bytes;
}

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// Collects the first failing curl_easy_setopt; a transfer is not started half-configured.
class Options {
 public:
  explicit Options(CURL* curl) : curl_(curl) {}
  template <typename Value>
  void set(CURLoption option, Value value) {
    if (result_ == CURLE_OK) result_ = curl_easy_setopt(curl_, option, value);
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
  std::string message = curl_easy_strerror(code);
  if (error_buffer != nullptr && error_buffer[0] != '\0') {
    message += ": ";
    message += trim(error_buffer);
  }
  return message;
}

}  // namespace

CurlFetcher::CurlFetcher() {
  // Once per process (not thread-safe in libcurl itself; the static makes it so).
  static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)global_init;
}

// curl_global_cleanup is left to process exit: other fetchers may still be alive.
CurlFetcher::~CurlFetcher() = default;

FetchResult CurlFetcher::fetch(const FetchRequest& request) {
  FetchResult result;
  const FetchLimits& limits = request.limits;
  HeaderList headers(nullptr, &curl_slist_free_all);
  const auto add_header = [&headers](const std::string& line) {
    curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
    if (appended != nullptr) {
      (void)headers.release();
      headers.reset(appended);
    }
  };
  if (request.etag && !header_safe(*request.etag).empty()) {
    add_header("If-None-Match: " + header_safe(*request.etag));
  }
  if (request.last_modified && !header_safe(*request.last_modified).empty()) {
    add_header("If-Modified-Since: " + header_safe(*request.last_modified));
  }

  Transfer transfer;
  transfer.max_bytes = limits.max_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  const std::string agent = user_agent(limits);

  // Declared last: the handle is cleaned up before the headers, buffers and callback state
  // it points to.
  EasyHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    result.error = "cannot initialise libcurl";
    return result;
  }

  Options options(curl.get());
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
  options.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count() * 1000));
  options.set(CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total_timeout.count() * 1000));
  options.set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  // A Content-Length over the cap fails before the body is read; the write callback
  // enforces the cap on the decoded bytes whatever the server announced.
  if (limits.max_bytes <= static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max())) {
    options.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes));
  }
  options.set(CURLOPT_NOSIGNAL, 1L);
  options.set(CURLOPT_USERAGENT, agent.c_str());
  if (!limits.proxy.empty()) options.set(CURLOPT_PROXY, limits.proxy.c_str());
  if (limits.insecure) {
    options.set(CURLOPT_SSL_VERIFYPEER, 0L);
    options.set(CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (headers) options.set(CURLOPT_HTTPHEADER, headers.get());
  options.set(CURLOPT_WRITEFUNCTION, &write_body);
  options.set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  options.set(CURLOPT_HEADERFUNCTION, &read_header);
  options.set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
  options.set(CURLOPT_ERRORBUFFER, error_buffer);
  if (options.result() != CURLE_OK) {
    result.error = "cannot configure libcurl: " + curl_message(options.result(), nullptr);
    return result;
  }

  const CURLcode code = curl_easy_perform(curl.get());

  long http_status = 0;
  char* effective_url = nullptr;
  char* content_type = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &http_status);
  curl_easy_getinfo(curl.get(), CURLINFO_EFFECTIVE_URL, &effective_url);
  curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &content_type);
  result.http_status = http_status;
  if (effective_url != nullptr) result.final_url = effective_url;
  if (content_type != nullptr) result.content_type = content_type;
  result.etag = std::move(transfer.etag);
  result.last_modified = std::move(transfer.last_modified);

  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    result.status = FetchStatus::too_large;
    result.error = "response larger than " + std::to_string(limits.max_bytes) + " bytes";
    return result;
  }
  if (transfer.out_of_memory) {
    result.error = "out of memory while reading the response";
    return result;
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
    return result;
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    result.error = "more than " + std::to_string(limits.max_redirects) + " redirects";
    return result;
  }
  if (code != CURLE_OK) {
    result.error = curl_message(code, error_buffer);
    return result;
  }
  if (http_status == 304) {
    result.status = FetchStatus::not_modified;
    return result;
  }
  if (http_status < 200 || http_status >= 300) {
    result.status = FetchStatus::http_error;
    result.error = "HTTP " + std::to_string(http_status);
    return result;
  }
  result.status = FetchStatus::ok;
  result.body = std::move(transfer.body);
  return result;
}

}  // namespace feedarchiver::fetch
