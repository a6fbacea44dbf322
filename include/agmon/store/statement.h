// Statement: an RAII prepared SQLite statement with typed bind and column access.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace agmon::store {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);  // throws StoreError on a bad statement
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, like SQLite. Text is copied (SQLITE_TRANSIENT) unless `static_text`.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int index);
  // Text NOT copied: `text` must stay valid until the statement is reset or rebound (saves a
  // malloc and a free per bind on hot paths such as staging a million marks).
  Statement& bind_static(int index, std::string_view text);
  // Binary data for a BLOB column (copied).
  Statement& bind_blob(int index, std::string_view bytes);
  // Binary data NOT copied, as bind_static().
  Statement& bind_blob_static(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances: true when a row is available, false when done. Throws StoreError on failure.
  bool step();
  // Runs to completion (for statements returning no rows).
  void run();
  void reset();  // also clears bindings

  std::string_view text(int column) const;  // "" for NULL
  std::string_view blob(int column) const;  // the bytes of a BLOB column; empty for NULL
  std::string str(int column) const { return std::string(text(column)); }
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;
  std::optional<double> optional_real(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a reused (prepared-once) statement on every way out of a scope, so no read
// transaction stays open between uses: it would pin an old snapshot and stall WAL checkpoints.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& st) : st_(st) {}
  ~ResetOnExit() { st_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& st_;
};

}  // namespace agmon::store
