// Per-thread read-only connections. Poco's pool threads live as long as the server (the pool
// has min == max), so each connection and its statements are reused for every request.
#include "http/worker_db.h"

namespace agmon::http {
namespace {

thread_local std::unique_ptr<WorkerDb> t_worker;

}  // namespace

core::Result<WorkerDb*> worker_db(const std::string& path) {
  if (t_worker && t_worker->path == path) return t_worker.get();
  t_worker.reset();
  auto opened = store::Database::open(path, store::OpenMode::kReadOnly);
  if (!opened) return opened.error();
  auto w = std::make_unique<WorkerDb>();
  w->path = path;
  w->db = std::move(opened.value());
  try {
    w->db->tune_as_one_of_many_readers(8192);  // 8 MiB each, no mmap
    w->auth = std::make_unique<service::TokenAuthenticator>(*w->db);
    w->reader = std::make_unique<service::StudentReader>(*w->db);
  } catch (const store::StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError, std::string("database not ready: ") + e.what());
  }
  t_worker = std::move(w);
  return t_worker.get();
}

void drop_worker_db() { t_worker.reset(); }

}  // namespace agmon::http
