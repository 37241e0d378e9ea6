#pragma once
// A thin RAII layer over the SQLite C API: a connection and prepared statements whose
// failures throw feedarchiver::Error naming the database. No callbacks are registered, so no
// exception ever crosses SQLite.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace feedarchiver::state {

class Database {
 public:
  /// Opens (creating when `create`) the database at `path`; ":memory:" for a private one.
  /// Throws Error when it cannot.
  Database(const std::filesystem::path& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs one or more statements without results. Throws Error on failure.
  void exec(const std::string& sql);
  sqlite3* handle() const { return db_; }
  const std::string& name() const { return name_; }
  /// Throws Error "state NAME: `what`: <sqlite message>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string name_;
};

class Statement {
 public:
  /// Prepares `sql` on `db`. Throws Error on a syntax error.
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  /// Binds parameter `index` (1-based); nullopt binds NULL.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  /// Steps once: true while a row is available, false when done. Throws Error on failure.
  bool step();
  /// Steps to completion and resets (for statements without results).
  void run();
  /// Resets the statement and clears its bindings for the next use.
  void reset();

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace feedarchiver::state
