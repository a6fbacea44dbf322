// The inbox: a folder the nightly SIS export is dropped into. Complete files (a NAME.done
// marker beside them, or the same size and time on two polls in a row) are imported together
// in one call once every file in the folder is complete, then moved to processed/ (or
// rejected/) with the import report beside each. A file is only moved after its import
// committed or was refused, so a crash leaves it in the inbox to be imported again (which
// changes nothing when it was already applied).
#pragma once

#include <condition_variable>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "agmon/app/serve_config.h"
#include "agmon/http/import_gate.h"
#include "agmon/http/server.h"
#include "agmon/service/settings.h"

namespace agmon::app {

class InboxScheduler {
 public:
  InboxScheduler(InboxOptions options, service::Settings settings, http::ImportGate& gate, http::LogFn log);
  ~InboxScheduler();  // stop()

  // Creates DIR, DIR/processed and DIR/rejected (0700).
  core::Status prepare();
  // prepare(), then polls every poll_seconds on a thread of its own.
  core::Status start();
  // Stops polling; an import in progress is finished first.
  void stop();
  // Called after each import this inbox ran (the server drops its cached reports).
  void on_imported(std::function<void()> callback) { on_imported_ = std::move(callback); }

  // One poll, as the thread does it (tests drive it directly, without start()). Returns how
  // many files were imported and moved. Thread-safe.
  int poll_once(std::time_t now);

 private:
  struct Seen {
    long long size = -1;
    long long mtime_ns = -1;
  };
  void run();
  bool due(std::time_t now);
  void settle(const std::vector<std::string>& names, const std::string& outcome, const std::string& report_json,
              std::time_t now);

  InboxOptions options_;
  service::Settings settings_;
  http::ImportGate& gate_;
  http::LogFn log_;
  std::function<void()> on_imported_;
  std::map<std::string, Seen> seen_;   // last poll's observation of each file
  std::map<std::string, int> failures_;  // consecutive failed attempts per batch
  int last_run_day_ = -1;              // day of year of the last scheduled batch (agmon.inbox.at)
  std::mutex poll_mutex_;              // one poll at a time
  std::mutex mutex_;                   // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace agmon::app
