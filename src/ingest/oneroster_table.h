// OneRosterSource: the folder or zip holding an export. OneRosterTable: one of its CSV files
// read by header name through an alias table (real exports rename, add and reorder columns).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/ingest/csv_reader.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest::oneroster {

class OneRosterSource {
 public:
  static core::Result<OneRosterSource> open(const std::string& path);
  // A file of the export by base name, case-insensitively ("users.csv").
  bool has(std::string_view file) const;
  // Opens it in `reader`; kNotFound when the export lacks it.
  core::Status open_csv(std::string_view file, CsvReader& reader) const;

 private:
  std::map<std::string, std::string> paths_;  // lower-case base name -> path (folder)
  std::map<std::string, std::string> zip_;    // lower-case base name -> bytes (zip)
};

// A column the mapping reads: its OneRoster name and the other names exports use.
struct Column {
  std::string_view name;
  std::vector<std::string_view> aliases = {};
  bool required = false;
};

class OneRosterTable {
 public:
  // Binds the header of `file` to `columns`. kRejected "users.csv: missing column 'role'"
  // when a required one is absent; kNotFound when the export lacks the file.
  core::Status open(const OneRosterSource& source, std::string_view file,
                    std::vector<Column> columns);
  // The next row; a malformed or ragged row goes to `sink` as a RowError (file `where`) and
  // is skipped. False at the end.
  bool next(RecordSink& sink, const std::string& where, long* quarantined);
  // The trimmed value of column `c` ("" when the file lacks it).
  std::string_view get(int c) const;
  bool present(int c) const { return field_of_[c] >= 0; }
  long line() const { return reader_.record().line; }
  std::string_view raw() const { return reader_.record().raw; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  CsvReader reader_;
  std::vector<Column> columns_;
  std::vector<int> field_of_;
  std::size_t width_ = 0;
};

// Lower case, ASCII.
std::string lower(std::string_view text);

}  // namespace agmon::ingest::oneroster
