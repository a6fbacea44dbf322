// The inbox scheduler: observe, wait for complete files, import them in one call, move them.
#include "agmon/app/inbox_scheduler.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "agmon/service/importer.h"

namespace agmon::app {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxAttempts = 3;  // a batch that fails (not rejected) this often is set aside

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Names the inbox never imports: hidden files, markers, partial downloads, our own reports.
bool ignored(const std::string& name) {
  return name.empty() || name[0] == '.' || ends_with(name, ".done") || ends_with(name, ".part") ||
         ends_with(name, ".tmp") || ends_with(name, "~") || ends_with(name, ".report.json");
}

std::string utc_stamp(std::time_t now) {
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace

InboxScheduler::InboxScheduler(InboxOptions options, service::Settings settings, http::ImportGate& gate,
                               http::LogFn log)
    : options_(std::move(options)), settings_(std::move(settings)), gate_(gate), log_(std::move(log)) {}

InboxScheduler::~InboxScheduler() { stop(); }

core::Status InboxScheduler::prepare() {
  for (const std::string& d : {options_.dir, options_.dir + "/processed", options_.dir + "/rejected"}) {
    if (::mkdir(d.c_str(), 0700) != 0 && errno != EEXIST)
      return core::make_error(core::ErrorCode::kIoError, "cannot create the inbox folder " + d);
  }
  return core::Status::success();
}

core::Status InboxScheduler::start() {
  auto st = prepare();
  if (!st) return st;
  thread_ = std::thread([this] { run(); });
  if (log_) log_(http::LogLevel::kInfo, "watching inbox " + options_.dir + " every " +
                                            std::to_string(options_.poll_seconds) + " s");
  return core::Status::success();
}

void InboxScheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void InboxScheduler::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      poll_once(std::time(nullptr));
    } catch (const std::exception& e) {
      if (log_) log_(http::LogLevel::kError, std::string("inbox poll failed: ") + e.what());
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(options_.poll_seconds), [this] { return stopping_; });
  }
}

bool InboxScheduler::due(std::time_t now) {
  if (!options_.at_minute) return true;
  std::tm tm{};
  localtime_r(&now, &tm);
  int day = (tm.tm_year + 1900) * 1000 + tm.tm_yday;
  return tm.tm_hour * 60 + tm.tm_min >= *options_.at_minute && day != last_run_day_;
}

int InboxScheduler::poll_once(std::time_t now) {
  std::lock_guard<std::mutex> one_at_a_time(poll_mutex_);
  std::vector<std::string> ready;
  bool waiting = false;
  std::map<std::string, Seen> current;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(options_.dir, ec)) {
    std::string name = entry.path().filename().string();
    struct stat st {};
    // lstat: a symlink is never followed (it could point at any file on the server).
    if (ignored(name) || ::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    Seen s{static_cast<long long>(st.st_size),
           static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
    current[name] = s;
    bool marker = fs::exists(options_.dir + "/" + name + ".done", ec);
    auto prev = seen_.find(name);
    bool stable = prev != seen_.end() && prev->second.size == s.size && prev->second.mtime_ns == s.mtime_ns &&
                  s.size > 0;
    if (marker || stable) ready.push_back(name);
    else waiting = true;
  }
  if (ec && log_) log_(http::LogLevel::kError, "cannot read the inbox " + options_.dir + ": " + ec.message());
  seen_ = std::move(current);
  // One call for the whole export: only when nothing in the inbox is still being written.
  if (ready.empty() || waiting || !due(now)) return 0;
  auto gate = gate_.try_enter();
  if (!gate.owns_lock()) return 0;  // an upload is importing; next poll

  std::sort(ready.begin(), ready.end());
  std::vector<std::string> paths;
  std::string batch;
  for (const auto& n : ready) {
    paths.push_back(options_.dir + "/" + n);
    batch += n + " ";
  }
  service::ImportOptions o;
  o.mode = options_.mode;
  o.max_reject_rate = options_.max_reject_rate;
  o.origin = "inbox";
  o.nice = service::kBackgroundImportNice;  // reads go first
  o.display_names = ready;
  if (log_) log_(http::LogLevel::kInfo, "inbox: importing " + batch);
  auto report = service::run_import(options_.db_path, paths, o, settings_);
  if (report.import_id && on_imported_) on_imported_();
  if (log_)
    log_(report.outcome == "failed" ? http::LogLevel::kError : http::LogLevel::kInfo,
         "inbox: " + report.outcome + " (" + report.message + ")");
  if (report.outcome == "failed" && ++failures_[batch] < kMaxAttempts) return 0;  // retried next poll
  failures_.erase(batch);
  settle(ready, report.outcome, service::import_report_json(report), now);
  if (options_.at_minute) {
    std::tm tm{};
    localtime_r(&now, &tm);
    last_run_day_ = (tm.tm_year + 1900) * 1000 + tm.tm_yday;
  }
  return static_cast<int>(ready.size());
}

void InboxScheduler::settle(const std::vector<std::string>& names, const std::string& outcome,
                            const std::string& report_json, std::time_t now) {
  bool refused = outcome == "rejected" || outcome == "failed";
  const std::string dest = options_.dir + (refused ? "/rejected/" : "/processed/");
  const std::string stamp = utc_stamp(now);
  for (const auto& name : names) {
    std::string target = dest + stamp + "-" + name;
    for (int i = 1; fs::exists(target); ++i) target = dest + stamp + "-" + std::to_string(i) + "-" + name;
    std::error_code ec;
    // The marker goes first: a crash between the two steps then leaves the file without a
    // marker (imported again once stable, which changes nothing), never a stale marker that
    // would pass the next night's half-written file of the same name as complete.
    fs::remove(options_.dir + "/" + name + ".done", ec);
    fs::rename(options_.dir + "/" + name, target, ec);
    if (ec) {
      if (log_) log_(http::LogLevel::kError, "inbox: cannot move " + name + ": " + ec.message());
      continue;
    }
    std::ofstream(target + ".report.json") << report_json << "\n";
    seen_.erase(name);
  }
}

}  // namespace agmon::app
