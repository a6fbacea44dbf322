// OneRosterSource and OneRosterTable (see oneroster_table.h).
#include "oneroster_table.h"

#include <filesystem>

#include "agmon/ingest/code_sets.h"
#include "agmon/ingest/oneroster_zip.h"

namespace agmon::ingest::oneroster {
namespace {

std::string base_of(std::string_view path) {
  std::size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

std::string lower(std::string_view text) { return to_lower(text); }

core::Result<OneRosterSource> OneRosterSource::open(const std::string& path) {
  OneRosterSource s;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.is_regular_file(ec)) s.paths_[lower(entry.path().filename().string())] = entry.path().string();
    }
    return s;
  }
  auto entries = read_zip(path);
  if (!entries) return entries.error();
  // Exports put the CSVs at the top or in one folder: the base name is what counts.
  for (auto& e : *entries) s.zip_[lower(base_of(e.name))] = std::move(e.data);
  return s;
}

bool OneRosterSource::has(std::string_view file) const {
  std::string key = lower(file);
  return paths_.count(key) > 0 || zip_.count(key) > 0;
}

core::Status OneRosterSource::open_csv(std::string_view file, CsvReader& reader) const {
  std::string key = lower(file);
  if (auto it = paths_.find(key); it != paths_.end()) return reader.open(it->second);
  if (auto it = zip_.find(key); it != zip_.end()) {
    reader.open_text(it->second);
    return core::Status::success();
  }
  return core::make_error(core::ErrorCode::kNotFound, std::string(file) + " is not in the export");
}

core::Status OneRosterTable::open(const OneRosterSource& source, std::string_view file,
                                  std::vector<Column> columns) {
  file_ = std::string(file);
  columns_ = std::move(columns);
  field_of_.assign(columns_.size(), -1);
  if (core::Status opened = source.open_csv(file, reader_); !opened) return opened;
  CsvStatus st = reader_.next();
  if (st != CsvStatus::kRecord) {
    return core::make_error(core::ErrorCode::kRejected, file_ + ": no header row");
  }
  const auto& header = reader_.record().fields;
  width_ = header.size();
  for (std::size_t f = 0; f < header.size(); ++f) {
    std::string name = lower(trim(header[f]));
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (field_of_[c] >= 0) continue;
      bool match = lower(columns_[c].name) == name;
      for (std::string_view alias : columns_[c].aliases) match = match || lower(alias) == name;
      if (match) {
        field_of_[c] = static_cast<int>(f);
        break;
      }
    }
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].required && field_of_[c] < 0) {
      return core::make_error(core::ErrorCode::kRejected,
                              file_ + ": missing column '" + std::string(columns_[c].name) + "'");
    }
  }
  return core::Status::success();
}

bool OneRosterTable::next(RecordSink& sink, const std::string& where, long* quarantined) {
  for (;;) {
    CsvStatus st = reader_.next();
    if (st == CsvStatus::kEnd || st == CsvStatus::kIoError) return false;
    const CsvRecord& rec = reader_.record();
    if (st == CsvStatus::kRecord && rec.fields.size() == width_) return true;
    bool blank = st == CsvStatus::kRecord;
    for (std::string_view f : rec.fields) blank = blank && trim(f).empty();
    if (blank) continue;  // a row of only commas
    RowError e;
    e.file = where;
    e.line = rec.line;
    e.column = file_;
    e.raw = std::string(rec.raw);
    if (st == CsvStatus::kMalformed) {
      e.kind = RowErrorKind::kMalformedCsv;
      e.message = file_ + ": the row could not be read as CSV: " + reader_.error_message();
    } else {
      e.kind = RowErrorKind::kWrongColumnCount;
      e.value = std::to_string(rec.fields.size());
      e.message = file_ + ": the row has " + std::to_string(rec.fields.size()) +
                  " fields but the header has " + std::to_string(width_) + " columns";
    }
    sink.on_error(std::move(e));
    if (quarantined) ++*quarantined;
  }
}

std::string_view OneRosterTable::get(int c) const {
  int f = field_of_[c];
  const auto& fields = reader_.record().fields;
  if (f < 0 || static_cast<std::size_t>(f) >= fields.size()) return {};
  return trim(fields[f]);
}

}  // namespace agmon::ingest::oneroster
