#include "agmon/store/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agmon/store/migrator.h"

namespace agmon::store {

bool StoreError::is_busy() const {
  int primary = code_ & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

bool StoreError::is_constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

bool StoreError::is_disk_problem() const {
  int primary = code_ & 0xff;
  return primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN;
}

core::Result<std::unique_ptr<Database>> Database::open(const std::string& path, OpenMode mode,
                                                       int busy_timeout_ms) {
  using core::ErrorCode;
  if (mode == OpenMode::kReadWrite && path != ":memory:" && access(path.c_str(), F_OK) != 0) {
    // Student records: create the file owner-only before SQLite does (FERPA).
    int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) return core::make_error(ErrorCode::kIoError, "cannot create database " + path);
    ::close(fd);
  }
  sqlite3* raw = nullptr;
  int flags = (mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return core::make_error(ErrorCode::kIoError, "cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<Database> db(new Database(raw, path));
  try {
    sqlite3_busy_timeout(raw, busy_timeout_ms);
    sqlite3_extended_result_codes(raw, 1);
    db->exec("PRAGMA foreign_keys = ON");
    if (mode == OpenMode::kReadWrite) {
      // 8 KB pages for a new file (a no-op on an existing one): a student_evaluations row with
      // its packed report (~1 KB) then fits in its b-tree cell; with 4 KB pages every row
      // spilled into an overflow page of its own (2.6 KB a student instead of 1 KB), and
      // point lookups followed the overflow chain. Must precede the first write (WAL below).
      db->exec("PRAGMA page_size = 8192");
      db->exec("PRAGMA journal_mode = WAL");
      // NORMAL in WAL mode is durable across application crashes (kill -9); only a power
      // loss can roll back the last commit, never corrupt the file.
      db->exec("PRAGMA synchronous = NORMAL");
      auto st = migrate(*db);
      if (!st) return st.error();
    } else {
      int have = current_schema_version(*db);
      if (have > latest_schema_version())
        return core::make_error(ErrorCode::kRejected,
                                path + " was made by a newer agmon (schema " + std::to_string(have) +
                                    ", this build knows " + std::to_string(latest_schema_version()) +
                                    "); upgrade agmon");
    }
    db->exec("PRAGMA cache_size = -65536");  // 64 MiB page cache
  } catch (const StoreError& e) {
    return core::make_error(e.is_busy() ? ErrorCode::kConflict : ErrorCode::kIoError,
                            "cannot open database " + path + ": " + e.what());
  }
  return db;
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(sqlite3_extended_errcode(db_), msg);
  }
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
int Database::schema_version() { return current_schema_version(*this); }
void Database::tune_as_one_of_many_readers(int cache_kib) {
  exec("PRAGMA cache_size = -" + std::to_string(cache_kib));
  exec("PRAGMA mmap_size = 0");
}

void Database::set_busy_timeout(int ms) { sqlite3_busy_timeout(db_, ms); }

Transaction::Transaction(Database& db, bool immediate) : db_(db) {
  db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (open_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {  // already rolled back by SQLite after an I/O error
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

void Transaction::rollback() {
  if (open_) db_.exec("ROLLBACK");
  open_ = false;
}

}  // namespace agmon::store
