// A change signal between processes sharing one database: a small file beside it
// (`<db>-<topic>`, e.g. `district.db-tokens`) that a writer replaces after each commit that
// readers in other processes must not miss, and that a reader stat()s before trusting what it
// cached. Why not ask SQLite: `PRAGMA data_version` opens a read transaction on every call
// (file locks, a shared-memory mutex) and changes with every commit, audit rows included;
// the daemon checks tokens on every request and must see a revocation made by
// `agmon token revoke` in another process from its very next request.
//
// The file's size counts the signals: each one grows it by a byte (a sparse file, no data is
// written), under an exclusive lock. A size only grows, so a reader's stamp changes with every
// signal, even two within one tick of the file system's clock (mtime alone could repeat).
#pragma once

#include <cstdint>
#include <string>

#include "agmon/core/result.h"

namespace agmon::store {

struct SignalStamp {
  bool present = false;  // no file: nothing signalled since the database was made
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t signals = 0;  // the file's size

  bool operator==(const SignalStamp& o) const {
    return present == o.present && device == o.device && inode == o.inode && signals == o.signals;
  }
  bool operator!=(const SignalStamp& o) const { return !(*this == o); }
};

class ChangeSignal {
 public:
  ChangeSignal(const std::string& db_path, const std::string& topic);
  // Signals a change (call it after the commit). kIoError when the file cannot be written.
  core::Status raise() const;
  // The current stamp: one stat(), no lock. Equal stamps = no signal in between.
  SignalStamp stamp() const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace agmon::store
