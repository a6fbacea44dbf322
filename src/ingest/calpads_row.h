// CalpadsRow: one CALPADS record read field by field through its layout, with the checks and
// quarantine reasons of a CALPADS error report (file, line, field number and name, value,
// rule). CalpadsFile: the file being read (layout, counts, sink). The record-type mappers
// (calpads_students.cpp, calpads_student_info.cpp, calpads_courses.cpp) build on these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/mark_table.h"
#include "agmon/ingest/calpads_layout.h"
#include "agmon/ingest/csv_reader.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest::calpads {

struct CalpadsFile {
  std::string name;                    // display name
  const CalpadsRecordLayout* layout = nullptr;
  std::string layout_version;
  std::string record_type;             // field 1 as the file has it ("SCSC-R")
  bool ods = false;                    // an ODS extract: two trailing date fields
  std::size_t field_count = 0;         // fields per record (layout + 2 for ODS)
  const ParseOptions* options = nullptr;
  const core::MarkTable* marks = nullptr;
  RecordSink* sink = nullptr;
  FileStats stats;
  std::string io_error;  // set when reading failed part way

  // The position of `key` in the layout; a mapper asks only for keys the layout was checked
  // to have (required_keys_present), so -1 never reaches a record.
  int at(std::string_view key) const { return layout->index_of(key); }
  // A record already counted as emitted turned out bad (a duplicate found at the end).
  void quarantine_later(RowError&& error);
  void warn(long line, const std::string& message);
};

class CalpadsRow {
 public:
  CalpadsRow(CalpadsFile& file, const CsvRecord& record) : file_(file), record_(record) {}

  // The trimmed value of field `idx` ("" when the record is short or idx < 0).
  std::string_view get(int idx) const;
  std::string text(int idx) const { return std::string(get(idx)); }
  long line() const { return record_.line; }
  std::string_view raw() const { return record_.raw; }

  // Checks every record gets: field count, record type, required fields, transaction type.
  void check_common();

  // Quarantine reasons: the first one wins. `rule` completes "<field> '<value>' ...".
  void fail(int idx, RowErrorKind kind, const std::string& rule);
  bool failed() const { return failure_.has_value(); }
  // The RowError for a failed row (file, line, "10.18 Student Course Final Grade", value).
  RowError error() const;
  void warn(std::string message) { warnings_.push_back(std::move(message)); }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Validating readers: "" / nullopt when blank; a bad value fails the row.
  std::string date(int idx);         // DT -> YYYY-MM-DD
  std::string school_year(int idx);  // CCYY-CCYY
  std::string coded(int idx, std::optional<std::string> (*normalise)(std::string_view),
                    std::string_view accepted);
  std::optional<bool> flag(int idx);  // Y / N
  std::string credits(int idx);       // a decimal, warned outside 0-20
  std::string label(int idx) const;   // "10.18 Student Course Final Grade"

 private:
  struct Failure {
    int idx;
    RowErrorKind kind;
    std::string message;
  };
  CalpadsFile& file_;
  const CsvRecord& record_;
  std::optional<Failure> failure_;
  std::vector<std::string> warnings_;
};

// A value as shown in a message: cut when long, control bytes as '?'.
std::string shown(std::string_view value);

// The as-of date (YYYY-MM-DD) that picks SELA/SINF/SPRG records: config ingest.as_of_date,
// else June 30 ending agmon.school_year, else ending the latest SENR year of the call, else
// ending `file_latest_year` (the latest year in the file itself), else "9999-12-31".
std::string as_of_date(const ParseOptions& options, RecordSink& sink,
                       const std::string& file_latest_year);

// Record-type mappers: each reads the file's records from `reader` and streams to the sink.
void read_senr(CalpadsFile& file, CsvReader& reader);
void read_sinf(CalpadsFile& file, CsvReader& reader);
void read_sela(CalpadsFile& file, CsvReader& reader);
void read_sprg(CalpadsFile& file, CsvReader& reader);
void read_crsc(CalpadsFile& file, CsvReader& reader);
void read_scsc(CalpadsFile& file, CsvReader& reader);

// The shared loop: calls `map(row)` for each record that passed check_common(), then counts
// it emitted or quarantined (a failed row's error goes to the sink). Stops early on an I/O
// error (file.io_error).
template <typename Map>
void for_each_record(CalpadsFile& file, CsvReader& reader, Map&& map);

}  // namespace agmon::ingest::calpads

#include "calpads_row_loop.h"
