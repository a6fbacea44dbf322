// The signal file: a size that counts signals; see change_signal.h.
#include "agmon/store/change_signal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace agmon::store {

namespace {

// The database's real path: a daemon and a CLI naming the same file differently (relative,
// through a symbolic link) must meet at one signal file. SQLite puts -wal beside the real
// file for the same reason. A path that does not resolve (no file yet) is used as given.
std::string real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (!resolved) return path;
  std::string out(resolved);
  std::free(resolved);
  return out;
}

}  // namespace

ChangeSignal::ChangeSignal(const std::string& db_path, const std::string& topic)
    : path_(real_path(db_path) + "-" + topic) {}

core::Status ChangeSignal::raise() const {
  auto fail = [this](int err) {
    return core::make_error(core::ErrorCode::kIoError, "cannot signal through " + path_ + ": " + std::strerror(err));
  };
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return fail(errno);
  struct stat st {};
  // Two writers at once must both count: the lock makes read-size-then-grow atomic.
  bool ok = ::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &st) == 0 && ::ftruncate(fd, st.st_size + 1) == 0;
  int err = errno;
  ::close(fd);  // also releases the lock
  if (!ok) return fail(err);
  return core::Status::success();
}

SignalStamp ChangeSignal::stamp() const {
  SignalStamp s;
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return s;
  s.present = true;
  s.device = static_cast<std::uint64_t>(st.st_dev);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  s.signals = static_cast<std::int64_t>(st.st_size);
  return s;
}

}  // namespace agmon::store
