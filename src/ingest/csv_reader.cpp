// The streaming CSV reader (see csv_reader.h). The unconsumed data is kept contiguous in one
// buffer: when a record runs past the data read so far, the buffer is compacted (and grown if
// the record fills half of it), more is read, and the record is parsed again from its start.
// Fields are views into that buffer, or into `side_` when they needed unescaping.
#include "agmon/ingest/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace agmon::ingest {
namespace {

// The raw text kept for a malformed record is cut here: it is for a clerk to read.
constexpr std::size_t kMaxMalformedRaw = 4096;

}  // namespace

CsvReader::CsvReader(CsvOptions options) : options_(options) {
  if (options_.block_size == 0) options_.block_size = 1;
  if (options_.max_record_bytes == 0) options_.max_record_bytes = 1;
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

core::Status CsvReader::open(const std::string& path) {
  if (file_ != nullptr) std::fclose(file_);
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    int err = errno;
    return core::make_error(err == ENOENT ? core::ErrorCode::kNotFound : core::ErrorCode::kIoError,
                            "cannot open '" + path + "': " + std::strerror(err));
  }
  cap_ = options_.block_size;
  buf_.reset(new char[cap_]);  // not zeroed: only bytes read are ever looked at
  begin_ = end_ = 0;
  eof_ = io_failed_ = skip_line_pending_ = false;
  at_file_start_ = true;
  line_ = 1;
  quote_free_from_ = kNoPos;
  return core::Status::success();
}

void CsvReader::open_text(std::string_view data) {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  cap_ = std::max<std::size_t>(data.size(), 1);
  buf_ = std::make_unique<char[]>(cap_);
  if (!data.empty()) std::memcpy(buf_.get(), data.data(), data.size());
  begin_ = 0;
  end_ = data.size();
  eof_ = true;
  io_failed_ = skip_line_pending_ = false;
  at_file_start_ = true;
  line_ = 1;
  quote_free_from_ = kNoPos;
}

bool CsvReader::refill() {
  if (eof_ || io_failed_ || file_ == nullptr) {
    eof_ = true;
    return false;
  }
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ > cap_ / 2) {
    // The pending record fills half the buffer: grow so each read stays large.
    std::size_t new_cap = cap_ * 2;
    std::unique_ptr<char[]> grown(new char[new_cap]);
    std::memcpy(grown.get(), buf_.get(), end_);
    buf_ = std::move(grown);
    cap_ = new_cap;
  }
  std::size_t got = std::fread(buf_.get() + end_, 1, cap_ - end_, file_);
  end_ += got;
  if (got == 0) {
    if (std::ferror(file_)) {
      io_failed_ = true;
      error_ = std::string("read failed: ") + std::strerror(errno);
    }
    eof_ = true;
    return false;
  }
  return true;
}

CsvStatus CsvReader::next() {
  record_.fields.clear();
  record_.raw = {};
  if (at_file_start_) {
    while (end_ - begin_ < 3 && refill()) {
    }
    static const char kBom[] = "\xEF\xBB\xBF";
    if (end_ - begin_ >= 3 && std::memcmp(buf_.get() + begin_, kBom, 3) == 0) begin_ += 3;
    at_file_start_ = false;
  }
  while (skip_line_pending_) {
    // The rest of an over-long line: drop it up to its newline.
    const void* nl = std::memchr(buf_.get() + begin_, '\n', end_ - begin_);
    if (nl != nullptr) {
      begin_ = static_cast<const char*>(nl) - buf_.get() + 1;
      skip_line_pending_ = false;
    } else {
      begin_ = end_;
      if (!refill()) skip_line_pending_ = false;
    }
  }
  for (;;) {
    if (io_failed_) {
      io_failed_ = false;  // reported once; later calls see kEnd
      begin_ = end_;
      return CsvStatus::kIoError;
    }
    switch (parse_record()) {
      case Attempt::kDone: {
        if (next_begin_ - begin_ > options_.max_record_bytes) return report_too_long();
        const char* b = buf_.get();
        for (const FieldSpan& s : spans_) {
          record_.fields.emplace_back((s.in_side ? side_.data() : b) + s.offset, s.size);
        }
        record_.line = line_;
        record_.raw = std::string_view(b + begin_, record_end_ - begin_);
        begin_ = next_begin_;
        line_ += lines_spanned_;
        return CsvStatus::kRecord;
      }
      case Attempt::kBlankLine:
        if (next_begin_ - begin_ > options_.max_record_bytes) return report_too_long();
        begin_ = next_begin_;
        line_ += 1;
        break;
      case Attempt::kEndOfData:
        if (end_ - begin_ > options_.max_record_bytes) return report_too_long();
        begin_ = end_;
        return CsvStatus::kEnd;
      case Attempt::kNeedMore:
        // The record runs at least to end_: too long already, whatever follows.
        if (end_ - begin_ > options_.max_record_bytes) return report_too_long();
        refill();  // on EOF the next attempt sees eof_ and never asks for more
        break;
      case Attempt::kUnterminated:
        return report_malformed("quoted field is not closed before the end of the file");
    }
  }
}

// The limit applies to the record's bytes with its line ending, the same whether the record
// came from memory or across file blocks.
CsvStatus CsvReader::report_too_long() {
  return report_malformed("record is longer than " + std::to_string(options_.max_record_bytes) +
                          " bytes");
}

CsvStatus CsvReader::report_malformed(const std::string& why) {
  // Resume at the line after the record's first line, so one bad quote costs one row. The
  // raw text shown is that first line, cut at kMaxMalformedRaw; read enough to see it whole,
  // so it is the same however the file was split into blocks.
  const std::size_t window_max = kMaxMalformedRaw + 2;
  auto newline_in = [this](std::size_t from, std::size_t count) -> std::size_t {
    const void* nl = std::memchr(buf_.get() + from, '\n', count);
    return nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.get())
                         : kNoPos;
  };
  while (!eof_ && end_ - begin_ < window_max &&
         newline_in(begin_, end_ - begin_) == kNoPos) {
    refill();
  }
  const char* b = buf_.get();
  const std::size_t window = std::min(end_ - begin_, window_max);
  std::size_t nl = newline_in(begin_, window);
  std::size_t raw_end = nl != kNoPos ? nl : begin_ + window;
  if (nl != kNoPos && raw_end > begin_ && b[raw_end - 1] == '\r') --raw_end;
  malformed_raw_.assign(b + begin_, std::min(raw_end - begin_, kMaxMalformedRaw));
  record_.line = line_;
  record_.raw = malformed_raw_;
  error_ = why;
  if (nl == kNoPos && window < end_ - begin_) nl = newline_in(begin_ + window, end_ - begin_ - window);
  if (nl != kNoPos) {
    begin_ = nl + 1;
  } else {
    begin_ = end_;
    skip_line_pending_ = !eof_;
  }
  line_ += 1;
  return CsvStatus::kMalformed;
}

CsvReader::Attempt CsvReader::parse_record() {
  const char* b = buf_.get();
  const char delim = options_.delimiter;
  spans_.clear();
  side_.clear();

  // Blank line (or only spaces/tabs): skipped.
  std::size_t k = begin_;
  while (k < end_ && (b[k] == ' ' || b[k] == '\t' || b[k] == '\r')) ++k;
  if (k == end_) return eof_ ? Attempt::kEndOfData : Attempt::kNeedMore;
  if (b[k] == '\n') {
    next_begin_ = k + 1;
    return Attempt::kBlankLine;
  }

  long lines = 0;
  std::size_t i = begin_;
  for (;;) {
    if (options_.quoting && i < end_ && b[i] == '"') {
      const std::size_t open = i;
      std::size_t seg = open + 1;  // start of the text not yet copied to side_
      std::size_t j = seg;
      std::size_t side_start = side_.size();
      bool in_side = false;
      std::size_t close = 0;
      for (;;) {
        if (eof_ && quote_free_from_ != kNoPos && j >= quote_free_from_) {
          return Attempt::kUnterminated;
        }
        const void* q = std::memchr(b + j, '"', end_ - j);
        if (q == nullptr) {
          if (!eof_) return Attempt::kNeedMore;
          quote_free_from_ = quote_free_from_ == kNoPos ? j : std::min(quote_free_from_, j);
          return Attempt::kUnterminated;
        }
        std::size_t qi = static_cast<const char*>(q) - b;
        if (qi + 1 >= end_ && !eof_) return Attempt::kNeedMore;
        if (qi + 1 < end_ && b[qi + 1] == '"') {  // "" is one quote
          in_side = true;
          side_.append(b + seg, qi + 1 - seg);
          j = seg = qi + 2;
          continue;
        }
        close = qi;
        break;
      }
      lines += std::count(b + open + 1, b + close, '\n');
      // Text between the closing quote and the delimiter is kept (lenient).
      std::size_t t = close + 1;
      while (t < end_ && b[t] != delim && b[t] != '\n') ++t;
      if (t == end_ && !eof_) return Attempt::kNeedMore;
      std::size_t trail_end = t;
      if (trail_end > close + 1 && b[trail_end - 1] == '\r') --trail_end;
      if (trail_end > close + 1) in_side = true;
      if (in_side) {
        side_.append(b + seg, close - seg);
        side_.append(b + close + 1, trail_end - (close + 1));
        spans_.push_back({side_start, side_.size() - side_start, true});
      } else {
        spans_.push_back({open + 1, close - (open + 1), false});
      }
      i = t;
    } else {
      std::size_t j = i;
      while (j < end_ && b[j] != delim && b[j] != '\n') ++j;
      if (j == end_ && !eof_) return Attempt::kNeedMore;
      std::size_t field_end = j;
      if (field_end > i && b[field_end - 1] == '\r' && (j == end_ || b[j] == '\n')) --field_end;
      spans_.push_back({i, field_end - i, false});
      i = j;
    }
    if (i < end_ && b[i] == delim) {
      ++i;
      continue;
    }
    break;  // newline or end of data: the record is complete
  }
  if (i < end_) {  // at '\n'
    record_end_ = (i > begin_ && b[i - 1] == '\r') ? i - 1 : i;
    next_begin_ = i + 1;
    lines += 1;
  } else {
    record_end_ = (i > begin_ && b[i - 1] == '\r') ? i - 1 : i;
    next_begin_ = end_;
  }
  lines_spanned_ = lines;
  return Attempt::kDone;
}

}  // namespace agmon::ingest
