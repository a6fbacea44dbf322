// One read-only SQLite connection per worker thread (thread_local), with the prepared
// statements of the hot paths (token check, student report) kept alongside it.
#pragma once

#include <memory>
#include <string>

#include "agmon/core/result.h"
#include "agmon/service/access.h"
#include "agmon/service/tokens.h"
#include "agmon/store/database.h"

namespace agmon::http {

struct WorkerDb {
  std::string path;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::TokenAuthenticator> auth;
  std::unique_ptr<service::StudentReader> reader;
};

// This thread's connection to `path`, opened on first use. kIoError when it cannot open.
core::Result<WorkerDb*> worker_db(const std::string& path);
// Closes this thread's connection (after a database error), so the next use reopens it.
void drop_worker_db();

}  // namespace agmon::http
