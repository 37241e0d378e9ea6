#pragma once
// libcurl, loaded at its first use rather than at start-up. libcurl.so.4 brings some 30
// shared libraries (TLS, HTTP/2, IDN, LDAP, Kerberos, SSH...): loading and relocating them
// is about 15 ms of CPU, half of what `extract FILE` costs, and most pages never need libcurl
// at all (no relative URL to resolve, nothing to fetch). So the binary does not link it:
// curl_api() dlopens it once, on the first call (thread-safe), and every caller goes through
// the table it returns. The declarations (types, constants) are libcurl's own headers; each
// pointer has the exact type of the function it stands for.

#include <curl/curl.h>

namespace feedarchiver {

struct CurlApi {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_setopt) multi_setopt;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_multi_strerror) multi_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_getdate) getdate;
  decltype(&::curl_url) url;
  decltype(&::curl_url_cleanup) url_cleanup;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_free) free;
};

/// libcurl's functions, from libcurl.so.4 loaded on the first call. Throws Error (saying
/// which library or function is missing) when it cannot be loaded: an installation problem.
const CurlApi& curl_api();

}  // namespace feedarchiver
