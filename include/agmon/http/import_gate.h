// ImportGate: one import at a time inside the daemon (HTTP uploads and the inbox share it),
// so a second upload is told 409 at once instead of queueing behind the first. Imports by
// other processes (`agmon import`) are kept apart by SQLite's write lock.
#pragma once

#include <mutex>

namespace agmon::http {

class ImportGate {
 public:
  // An owning lock when the gate was free; an empty one (owns_lock() false) when busy.
  std::unique_lock<std::mutex> try_enter() { return std::unique_lock<std::mutex>(mutex_, std::try_to_lock); }
  // Blocks until the gate is free.
  std::unique_lock<std::mutex> enter() { return std::unique_lock<std::mutex>(mutex_); }

 private:
  std::mutex mutex_;
};

}  // namespace agmon::http
