// AuditSpool: a file beside the database for audit rows the database cannot take yet.
//
// The nightly import holds SQLite's one write lock for its whole transaction (tens of seconds
// at 10M marks). Reads go on meanwhile, and each must be audited before its answer leaves; held
// in memory, a busy server's rows filled the daemon's backlog within seconds (74k reads/s
// during a 1M-mark import), and every read past it was refused with a 503. Spooled to a file
// instead, they cost a sequential append, and are written into audit_log, oldest first, once
// the lock is free. The daemon's AuditLog uses it; internal to the service layer.
//
// The file holds student ids, token names and client addresses, like the database: it is
// created owner-only (0600) in the database's directory. Its format: the header line
// "agmon audit spool 1\n", then per row six fields (at, token, role, student id, endpoint,
// client), each a 32-bit little-endian length and its bytes. A row cut short by a crash is
// dropped when the file is read. A crash after the rows were committed and before the file is
// removed writes them twice on the next start: for an audit log, twice is better than never.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/service/audit.h"
#include "agmon/store/database.h"

namespace agmon::service {

class AuditSpool {
 public:
  // Counts the complete rows of a file left by an earlier run. `max_bytes` bounds the file.
  AuditSpool(std::string path, std::uintmax_t max_bytes);

  std::size_t rows() const { return rows_; }

  // Appends the entries after the rows already spooled, all or none: fails (the file as it
  // was) when the file cannot be written, would pass max_bytes, or is not a spool.
  core::Status append(const std::vector<AuditEntry>& entries);

  // Writes every spooled row into audit_log in one transaction, in order, then removes the
  // file. On failure (the database still locked, say) nothing is written and the file stays.
  core::Status drain(store::Database& db);

 private:
  std::string path_;
  std::uintmax_t max_bytes_;
  std::size_t rows_ = 0;
  std::uintmax_t bytes_ = 0;  // the file's length up to its last complete row (0: no file)
  // Why append() refuses, if it does: the file at path_ is not a spool (left alone), or was
  // drained and could not be removed.
  std::string unusable_;
};

}  // namespace agmon::service
