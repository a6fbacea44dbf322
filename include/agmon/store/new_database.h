// NewDatabase: a database file that does not exist yet, built under a temporary name beside its
// path and moved into place when complete, the way a first import creates a district's database.
//
// Nothing else can open a file no one knows the name of, so the build needs neither the WAL
// (every page written twice: to the WAL, then copied into the file at the checkpoint) nor a
// sync per commit: it keeps a rollback journal (an import that is refused rolls back) without
// syncing, and publish() syncs the finished file once, switches it to WAL as every database
// agmon opens is, and renames it into place. A kill at any moment leaves the path as it was:
// absent. (1M marks: the commit, mostly the checkpoint, 0.45 -> 0.04 s; the whole first import
// 4.6-4.9 -> 3.9-4.1 s.)
#pragma once

#include <memory>
#include <string>

#include "agmon/core/result.h"
#include "agmon/store/database.h"

namespace agmon::store {

class NewDatabase {
 public:
  // True when `path` names no file yet (nor a link to one).
  static bool absent(const std::string& path);

  // Removes what an earlier build killed midway left beside `path` (its process is gone).
  explicit NewDatabase(std::string path);
  ~NewDatabase();  // removes the temporary file unless published
  NewDatabase(const NewDatabase&) = delete;
  NewDatabase& operator=(const NewDatabase&) = delete;

  const std::string& building_path() const { return building_; }

  // Creates the database at the temporary name (migrated, as Database::open does), set up for
  // the build.
  core::Result<std::unique_ptr<Database>> open();

  // Makes the built database the one at the path: closes `db`, syncs the file and renames it
  // into place, unless a file appeared at the path meanwhile (kConflict: nothing is replaced,
  // the build is discarded).
  core::Status publish(std::unique_ptr<Database> db);

 private:
  std::string path_, building_;
  bool published_ = false;
};

}  // namespace agmon::store
