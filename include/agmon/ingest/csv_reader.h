// CsvReader: a streaming RFC 4180 reader. Reads a file in large blocks and yields one record
// at a time as string_views into a reused buffer, with the physical line where the record
// starts and its raw text (for quarantine). Never crashes or reads out of bounds, whatever the
// input: malformed records are reported and reading resumes on the next line.
#pragma once

#include <cstdio>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::ingest {

struct CsvOptions {
  char delimiter = ',';
  // RFC 4180 double-quote handling. Off for CALPADS extracts ('^', quotes are plain text).
  bool quoting = true;
  // Bytes read per block.
  std::size_t block_size = std::size_t{1} << 20;
  // A record longer than this is reported as malformed (bounds memory on a runaway quote).
  std::size_t max_record_bytes = std::size_t{64} << 20;
};

// One record. The views stay valid until the next call to CsvReader::next().
struct CsvRecord {
  std::vector<std::string_view> fields;
  long line = 0;         // 1-based physical line where the record starts
  std::string_view raw;  // the record verbatim, without its final line ending
};

enum class CsvStatus {
  kRecord,     // record() holds the next record
  kEnd,        // no more records
  kMalformed,  // record() holds line and raw text of a bad record (fields empty); see
               // error_message(). Reading goes on at the line after the record's first line.
  kIoError,    // the file could not be read; see error_message(). Further calls return kEnd.
};

// Not thread-safe; one reader per file. What is NOT an error: blank lines (including lines of
// only spaces/tabs) are skipped, a missing final newline, a UTF-8 BOM at the start, a stray
// quote inside an unquoted field (kept as text), text after a closing quote (appended).
class CsvReader {
 public:
  explicit CsvReader(CsvOptions options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Opens a file for reading. kNotFound if it does not exist, kIoError otherwise.
  core::Status open(const std::string& path);
  // Reads from memory instead (tests, fuzzing, uploaded bodies). Copies `data`.
  void open_text(std::string_view data);

  CsvStatus next();
  const CsvRecord& record() const { return record_; }
  const std::string& error_message() const { return error_; }

 private:
  enum class Attempt { kDone, kNeedMore, kBlankLine, kEndOfData, kUnterminated };
  struct FieldSpan {
    std::size_t offset;  // into buf_ (relative to data start) or side_
    std::size_t size;
    bool in_side;        // unescaped copy lives in side_
  };

  Attempt parse_record();
  bool refill();  // false on EOF or error (sets io_failed_)
  CsvStatus report_malformed(const std::string& why);
  CsvStatus report_too_long();

  static constexpr std::size_t kNoPos = static_cast<std::size_t>(-1);

  CsvOptions options_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0;
  std::size_t begin_ = 0;  // start of the unconsumed data (the current record)
  std::size_t end_ = 0;    // end of the data read so far
  bool eof_ = false;
  bool io_failed_ = false;
  bool at_file_start_ = true;
  bool skip_line_pending_ = false;  // an over-long line continues past the buffer
  // Once at EOF: no '"' at or after this offset (keeps runs of unclosed quotes linear).
  std::size_t quote_free_from_ = kNoPos;
  long line_ = 1;  // physical line at begin_

  // Results of the last successful parse_record().
  std::size_t record_end_ = 0;   // end of the record text (before its line ending)
  std::size_t next_begin_ = 0;   // where the next record starts
  long lines_spanned_ = 0;       // line endings consumed by the record

  std::string side_;  // unescaped field text ("" -> ") for the current record
  std::vector<FieldSpan> spans_;
  CsvRecord record_;
  std::string error_;
  std::string malformed_raw_;
};

}  // namespace agmon::ingest
