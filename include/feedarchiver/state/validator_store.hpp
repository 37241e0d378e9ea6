#pragma once
// Where the HTTP validators of conditional GET (ETag, Last-Modified) are kept between runs.
// The interim store is a JSON file next to the output; the state store (SQLite) replaces it.

#include <optional>
#include <string>

namespace feedarchiver::state {

struct Validators {
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
};

class ValidatorStore {
 public:
  virtual ~ValidatorStore() = default;
  /// The validators last saved for `url`, if any.
  virtual std::optional<Validators> load(const std::string& url) = 0;
  /// Remembers validators for `url`; persisted by the implementation (on save or on flush).
  virtual void save(const std::string& url, const Validators& validators) = 0;
  /// Makes every save so far durable (a store that persists on save does nothing here).
  /// Throws feedarchiver::Error when it cannot.
  virtual void flush() {}
};

}  // namespace feedarchiver::state
