// Database: one SQLite connection (RAII) with agmon's pragmas, migrations applied at open,
// and transactions. One connection per thread; readers never block the nightly import (WAL).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "agmon/core/result.h"
#include "agmon/store/statement.h"

struct sqlite3;

namespace agmon::store {

// Thrown by the store for SQLite failures (caught at the service edge and turned into
// core::Error values).
class StoreError : public std::runtime_error {
 public:
  StoreError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }
  // SQLITE_BUSY/LOCKED: another writer holds the database.
  bool is_busy() const;
  // SQLITE_CONSTRAINT: the data broke a rule of the schema (or a district's own trigger).
  bool is_constraint() const;
  // SQLITE_FULL / SQLITE_IOERR: the disk failed or is full.
  bool is_disk_problem() const;

 private:
  int code_;
};

enum class OpenMode { kReadWrite, kReadOnly };

class Database {
 public:
  // Opens (creating if needed, 0600) and migrates a read-write database; a read-only open
  // checks the schema version only. Fails clearly when the file was made by a newer agmon.
  static core::Result<std::unique_ptr<Database>> open(const std::string& path,
                                                      OpenMode mode = OpenMode::kReadWrite,
                                                      int busy_timeout_ms = 5000);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);  // throws StoreError
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  std::int64_t last_insert_rowid() const;
  int changes() const;
  int schema_version();
  // How long a statement waits for another writer's lock before failing busy.
  void set_busy_timeout(int ms);
  // For one of many per-thread reader connections: a page cache of `cache_kib` (the OS page
  // cache is shared) and no memory mapping (every commit that grows the file would make each
  // reader remap it, and munmap stalls every thread of the process).
  void tune_as_one_of_many_readers(int cache_kib);
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// A transaction that rolls back unless committed. `immediate` takes the write lock at once
// (BEGIN IMMEDIATE), so a second writer waits its busy timeout and then fails clearly.
class Transaction {
 public:
  explicit Transaction(Database& db, bool immediate = true);
  ~Transaction();
  void commit();
  void rollback();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace agmon::store
