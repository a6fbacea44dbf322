// for_each_record(): the record loop every CALPADS mapper shares (declared in calpads_row.h).
#pragma once

namespace agmon::ingest::calpads {

template <typename Map>
void for_each_record(CalpadsFile& file, CsvReader& reader, Map&& map) {
  for (;;) {
    CsvStatus status = reader.next();
    if (status == CsvStatus::kEnd) return;
    if (status == CsvStatus::kIoError) {
      file.io_error = reader.error_message();
      return;
    }
    const CsvRecord& rec = reader.record();
    ++file.stats.rows_read;
    if (status == CsvStatus::kMalformed) {
      file.sink->on_error(RowError{file.name, rec.line, "", "", RowErrorKind::kMalformedCsv,
                                   "the record could not be read: " + reader.error_message(),
                                   std::string(rec.raw)});
      ++file.stats.rows_quarantined;
      continue;
    }
    CalpadsRow row(file, rec);
    row.check_common();
    if (!row.failed()) map(row);
    if (row.failed()) {
      file.sink->on_error(row.error());
      ++file.stats.rows_quarantined;
      continue;
    }
    ++file.stats.rows_emitted;
    for (const std::string& w : row.warnings()) file.warn(rec.line, w);
  }
}

}  // namespace agmon::ingest::calpads
