#include "feedarchiver/curl_api.hpp"

#include <dlfcn.h>

#include <cstring>
#include <string>

#include "feedarchiver/error.hpp"

namespace feedarchiver {
namespace {

// The soname of libcurl's ABI since 2006 (libcurl 7.16); the headers we build with are of it.
constexpr const char* kLibrary = "libcurl.so.4";

template <typename Function>
void bind(void* library, const char* name, Function& function) {
  void* const symbol = dlsym(library, name);
  if (symbol == nullptr) {
    throw Error(std::string("cannot load libcurl: ") + kLibrary + " has no " + name);
  }
  static_assert(sizeof function == sizeof symbol);
  std::memcpy(&function, &symbol, sizeof function);  // POSIX: a data pointer to a function
}

CurlApi load() {
  // Never closed: libcurl stays loaded until the process ends, as a linked library would.
  void* const library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    throw Error(std::string("cannot load libcurl (") + kLibrary + "): " + (why ? why : "?"));
  }
  CurlApi api{};
  bind(library, "curl_global_init", api.global_init);
  bind(library, "curl_easy_init", api.easy_init);
  bind(library, "curl_easy_cleanup", api.easy_cleanup);
  bind(library, "curl_easy_setopt", api.easy_setopt);
  bind(library, "curl_easy_getinfo", api.easy_getinfo);
  bind(library, "curl_easy_strerror", api.easy_strerror);
  bind(library, "curl_multi_init", api.multi_init);
  bind(library, "curl_multi_cleanup", api.multi_cleanup);
  bind(library, "curl_multi_setopt", api.multi_setopt);
  bind(library, "curl_multi_add_handle", api.multi_add_handle);
  bind(library, "curl_multi_remove_handle", api.multi_remove_handle);
  bind(library, "curl_multi_perform", api.multi_perform);
  bind(library, "curl_multi_poll", api.multi_poll);
  bind(library, "curl_multi_info_read", api.multi_info_read);
  bind(library, "curl_multi_strerror", api.multi_strerror);
  bind(library, "curl_slist_append", api.slist_append);
  bind(library, "curl_slist_free_all", api.slist_free_all);
  bind(library, "curl_getdate", api.getdate);
  bind(library, "curl_url", api.url);
  bind(library, "curl_url_cleanup", api.url_cleanup);
  bind(library, "curl_url_set", api.url_set);
  bind(library, "curl_url_get", api.url_get);
  bind(library, "curl_free", api.free);
  return api;
}

}  // namespace

const CurlApi& curl_api() {
  static const CurlApi api = load();  // once, thread-safe; a failure is retried next call
  return api;
}

}  // namespace feedarchiver
