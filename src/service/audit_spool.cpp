#include "service/audit_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

#include "agmon/store/audit_repo.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

constexpr std::string_view kHeader = "agmon audit spool 1\n";
// A length past this is damage, not a field (the longest real one is a token name).
constexpr std::uint32_t kMaxField = 1u << 16;
// Rows written into audit_log per statement batch while draining.
constexpr std::size_t kDrainChunk = 4096;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

void put_field(std::string& out, std::string_view field) {
  const auto n = static_cast<std::uint32_t>(field.size());
  const char length[4] = {static_cast<char>(n & 0xFF), static_cast<char>((n >> 8) & 0xFF),
                          static_cast<char>((n >> 16) & 0xFF), static_cast<char>(n >> 24)};
  out.append(length, 4);
  out.append(field);
}

// The next complete row; false at the end of the file, or at a row cut short or damaged.
bool read_row(std::FILE* f, store::AuditRecord& row) {
  for (std::string* field :
       {&row.at, &row.token_name, &row.role, &row.student_id, &row.endpoint, &row.client}) {
    unsigned char length[4];
    if (std::fread(length, 1, 4, f) != 4) return false;
    const std::uint32_t n =
        length[0] | length[1] << 8 | length[2] << 16 | static_cast<std::uint32_t>(length[3]) << 24;
    if (n > kMaxField) return false;
    field->resize(n);
    if (n > 0 && std::fread(field->data(), 1, n, f) != n) return false;
  }
  return true;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string not_a_spool(const std::string& path) {
  return path + " is not an agmon audit spool: move it away so reads can be spooled";
}

core::Error io_error(const std::string& what, const std::string& path) {
  return {ErrorCode::kIoError, what + " " + path + ": " + std::strerror(errno)};
}

}  // namespace

AuditSpool::AuditSpool(std::string path, std::uintmax_t max_bytes)
    : path_(std::move(path)), max_bytes_(max_bytes) {
  File f(std::fopen(path_.c_str(), "rb"));
  if (!f) return;  // no spool left over
  char header[kHeader.size()];
  const std::size_t got = std::fread(header, 1, sizeof header, f.get());
  if (got < sizeof header) {
    // Empty, or a header cut short by a crash before any row: nothing spooled. Anything else
    // was not written by agmon.
    if (kHeader.substr(0, got) != std::string_view(header, got)) unusable_ = not_a_spool(path_);
    return;
  }
  if (std::string_view(header, sizeof header) != kHeader) {
    unusable_ = not_a_spool(path_);
    return;
  }
  bytes_ = kHeader.size();
  store::AuditRecord row;
  while (read_row(f.get(), row)) {
    ++rows_;
    bytes_ = static_cast<std::uintmax_t>(std::ftell(f.get()));
  }
}

core::Status AuditSpool::append(const std::vector<AuditEntry>& entries) {
  if (!unusable_.empty()) return make_error(ErrorCode::kConflict, unusable_);
  if (entries.empty()) return core::Status::success();
  std::string bytes;
  if (bytes_ == 0) bytes = kHeader;
  for (const auto& e : entries)
    for (const std::string* field :
         {&e.at, &e.token_name, &e.role, &e.student_id, &e.endpoint, &e.client})
      put_field(bytes, *field);
  if (bytes_ + bytes.size() > max_bytes_)
    return make_error(ErrorCode::kConflict, "the audit spool " + path_ + " is full (" +
                                                std::to_string(max_bytes_) + " bytes)");
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot open the audit spool", path_);
  // From the end of the last complete row: a row cut short by a crash, or the part of a failed
  // append, is written over.
  const auto end = static_cast<off_t>(bytes_);
  bool ok = ::ftruncate(fd, end) == 0 && ::lseek(fd, end, SEEK_SET) == end && write_all(fd, bytes);
  if (!ok) {
    const core::Error error = io_error("cannot append to the audit spool", path_);
    // Back to the last complete row; should that fail too, the next append starts there anyway.
    [[maybe_unused]] const int restored = ::ftruncate(fd, end);
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return io_error("cannot close the audit spool", path_);
  bytes_ += bytes.size();
  rows_ += entries.size();
  return core::Status::success();
}

core::Status AuditSpool::drain(store::Database& db) {
  if (bytes_ == 0) return core::Status::success();
  File f(std::fopen(path_.c_str(), "rb"));
  if (!f || std::fseek(f.get(), static_cast<long>(kHeader.size()), SEEK_SET) != 0)
    return io_error("cannot read the audit spool", path_);
  try {
    store::Transaction tx(db);
    store::AuditRepo repo(db);
    std::vector<store::AuditRecord> chunk;
    chunk.reserve(kDrainChunk);
    store::AuditRecord row;
    for (std::size_t read = 0; read < rows_ && read_row(f.get(), row); ++read) {
      chunk.push_back(std::move(row));
      if (chunk.size() == kDrainChunk) {
        repo.append(chunk);
        chunk.clear();
      }
    }
    if (!chunk.empty()) repo.append(chunk);
    tx.commit();
  } catch (const store::StoreError& e) {
    return make_error(e.is_busy() ? ErrorCode::kConflict : ErrorCode::kIoError,
                      std::string("cannot write the spooled audit rows: ") + e.what());
  }
  f.reset();
  // Written: the file goes. Should it stay (a read-only directory), it is emptied instead, so
  // its rows are not written again.
  if (std::remove(path_.c_str()) != 0 && ::truncate(path_.c_str(), 0) != 0) {
    const core::Error error = io_error("cannot remove the drained audit spool", path_);
    // Never append after rows already in the database, nor write them again.
    unusable_ = error.message;
    rows_ = 0;
    return error;
  }
  rows_ = 0;
  bytes_ = 0;
  return core::Status::success();
}

}  // namespace agmon::service
