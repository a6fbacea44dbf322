#include "agmon/store/new_database.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace agmon::store {
namespace {

constexpr const char* kMarker = ".building-";

std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

void remove_build_files(const std::string& building) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((building + suffix).c_str());
}

bool sync_file(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Renames only if `to` does not exist, atomically.
bool rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
  // A file system without RENAME_NOREPLACE: a hard link fails as well when `to` exists.
  if (::link(from.c_str(), to.c_str()) != 0) return false;
  ::unlink(from.c_str());
  return true;
}

}  // namespace

bool NewDatabase::absent(const std::string& path) {
  struct stat st;
  return path != ":memory:" && ::lstat(path.c_str(), &st) != 0 && errno == ENOENT;
}

NewDatabase::NewDatabase(std::string path)
    : path_(std::move(path)), building_(path_ + kMarker + std::to_string(::getpid())) {
  // A build killed midway left its file: remove it once its process is gone.
  std::string dir = directory_of(path_);
  std::string prefix =
      path_.substr(path_.rfind('/') == std::string::npos ? 0 : path_.rfind('/') + 1) + kMarker;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        ::unlink((dir + "/" + name).c_str());
    }
    ::closedir(d);
  }
  remove_build_files(building_);
}

NewDatabase::~NewDatabase() {
  if (!published_) remove_build_files(building_);
}

core::Result<std::unique_ptr<Database>> NewDatabase::open() {
  auto db = Database::open(building_);
  if (!db) return db;
  try {
    // Database::open made it a WAL database; the build keeps an unsynced rollback journal.
    (*db)->exec("PRAGMA journal_mode = DELETE");
    (*db)->exec("PRAGMA synchronous = OFF");
  } catch (const StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError,
                            std::string("cannot set up ") + building_ + ": " + e.what());
  }
  return db;
}

core::Status NewDatabase::publish(std::unique_ptr<Database> db) {
  try {
    db->exec("PRAGMA journal_mode = WAL");  // what every agmon database is (Database::open)
  } catch (const StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError,
                            std::string("cannot finish ") + building_ + ": " + e.what());
  }
  db.reset();  // closed: no journal or WAL file is left beside it
  if (!sync_file(building_, O_RDWR))
    return core::make_error(core::ErrorCode::kIoError, "cannot write " + building_ + " to disk");
  if (!rename_no_replace(building_, path_)) {
    if (errno == EEXIST)
      return core::make_error(core::ErrorCode::kConflict,
                              path_ + " was created by another program during the import");
    return core::make_error(core::ErrorCode::kIoError, "cannot move " + building_ + " to " + path_);
  }
  published_ = true;
  sync_file(directory_of(path_), O_RDONLY);  // the rename itself, on disk
  return core::Status::success();
}

}  // namespace agmon::store
