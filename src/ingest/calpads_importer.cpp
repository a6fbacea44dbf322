// The CALPADS importer driver: detection, the layout check on the first records ("layout
// mismatch" refuses the file whole) and dispatch to the record-type mapper.
#include "agmon/ingest/calpads_importer.h"

#include <algorithm>

#include "agmon/ingest/code_sets.h"
#include "agmon/ingest/csv_reader.h"
#include "calpads_row.h"

namespace agmon::ingest {
namespace {

// How many leading records the layout check reads.
constexpr int kLayoutCheckRecords = 10;

CsvOptions caret_options() {
  CsvOptions o;
  o.delimiter = '^';
  o.quoting = false;  // CALPADS defines no quoting: '"' is plain text
  return o;
}

std::optional<FileKind> kind_of(const std::string& base_type) {
  if (base_type == "SENR") return FileKind::kCalpadsSenr;
  if (base_type == "SINF") return FileKind::kCalpadsSinf;
  if (base_type == "SELA") return FileKind::kCalpadsSela;
  if (base_type == "SPRG") return FileKind::kCalpadsSprg;
  if (base_type == "CRSC") return FileKind::kCalpadsCrsc;
  if (base_type == "SCSC") return FileKind::kCalpadsScsc;
  return std::nullopt;
}

// The layout keys each mapper reads: a layout table lacking one cannot be used.
std::vector<std::string_view> keys_read(FileKind kind) {
  std::vector<std::string_view> keys = {"record_type", "transaction_type", "school_code",
                                        "academic_year", "student_id"};
  auto add = [&keys](std::initializer_list<std::string_view> more) {
    keys.insert(keys.end(), more.begin(), more.end());
  };
  switch (kind) {
    case FileKind::kCalpadsSenr:
      add({"ssid", "first_name", "last_name", "birth_date", "gender", "enroll_start",
           "enroll_status", "grade_level", "enroll_exit"});
      break;
    case FileKind::kCalpadsSinf:
      add({"effective_start", "effective_end", "gender", "hispanic", "ethnicity_missing",
           "race_1", "race_missing", "parent_ed_level"});
      break;
    case FileKind::kCalpadsSela: add({"el_status", "el_status_date"}); break;
    case FileKind::kCalpadsSprg: add({"program_code", "program_start", "program_end"}); break;
    case FileKind::kCalpadsCrsc:
      keys = {"record_type", "transaction_type", "school_code", "academic_year",
              "state_course_code", "local_course_id", "course_title", "uc_approved",
              "section_id", "nsil_code", "ap_ib_cross_ref"};
      break;
    default:
      add({"ssid", "local_course_id", "section_id", "term_code", "credits_attempted",
           "credits_earned", "mark", "ag_area"});
      break;
  }
  return keys;
}

// Why one of the first records does not fit the layout ("" when it fits).
std::string misfit(const calpads::CalpadsFile& file, const CsvRecord& rec) {
  if (rec.fields.empty() || trim(rec.fields[0]) != file.record_type) {
    return "line " + std::to_string(rec.line) + " has record type '" +
           calpads::shown(rec.fields.empty() ? "" : trim(rec.fields[0])) + "'";
  }
  if (rec.fields.size() != file.field_count) {
    return "line " + std::to_string(rec.line) + " has " + std::to_string(rec.fields.size()) +
           " fields";
  }
  const auto& fields = file.layout->fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string_view v = trim(rec.fields[i]);
    if (v.empty()) continue;
    bool bad = (fields[i].type == "DT" && !normalize_date(v)) ||
               (fields[i].key == "academic_year" && !normalize_school_year(v));
    if (bad) {
      return "line " + std::to_string(rec.line) + ": " + fields[i].label() + " '" +
             calpads::shown(v) + "' is not " +
             (fields[i].type == "DT" ? "a date" : "an academic year");
    }
  }
  return "";
}

// Reads the first records again with a reader of their own and refuses the file when most
// of them do not fit: then the layout is wrong, not a record.
core::Status check_layout(const std::string& path, const calpads::CalpadsFile& file) {
  CsvReader reader(caret_options());
  if (core::Status opened = reader.open(path); !opened) return opened;
  int checked = 0, misfits = 0;
  std::string first_reason;
  while (checked < kLayoutCheckRecords) {
    CsvStatus st = reader.next();
    if (st == CsvStatus::kEnd || st == CsvStatus::kIoError) break;
    ++checked;
    std::string why = st == CsvStatus::kMalformed ? "line " + std::to_string(reader.record().line) +
                                                        " cannot be read"
                                                  : misfit(file, reader.record());
    if (why.empty()) continue;
    ++misfits;
    if (first_reason.empty()) first_reason = why;
  }
  if (misfits * 2 <= checked) return core::Status::success();
  return core::make_error(
      core::ErrorCode::kRejected,
      file.name + ": layout mismatch: " + std::to_string(misfits) + " of the first " +
          std::to_string(checked) + " records do not fit CALPADS layout " + file.layout_version +
          " " + file.record_type + " (" + std::to_string(file.field_count) + " fields, " +
          file.layout->fields.front().field_no + "-" + file.layout->fields.back().field_no +
          (file.ods ? " and two ODS dates" : "") + "); first: " + first_reason +
          ". Nothing was read from this file; if it follows another CFS version, set "
          "ingest.calpads.layout");
}

// Field 1 of the first record, as the file writes it.
core::Result<std::string> first_record_type(const std::string& path, const std::string& name) {
  CsvReader reader(caret_options());
  if (core::Status opened = reader.open(path); !opened) {
    return core::make_error(opened.error().code, name + ": " + opened.error().message);
  }
  CsvStatus st = reader.next();
  if (st != CsvStatus::kRecord || reader.record().fields.empty()) {
    return core::make_error(core::ErrorCode::kRejected, name + ": the file is empty");
  }
  return to_upper(trim(reader.record().fields[0]));
}

}  // namespace

std::optional<FileKind> detect_calpads(const FileSniff& sniff) {
  if (sniff.is_directory) return std::nullopt;
  std::string_view head = sniff.head;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view line = head.substr(0, head.find('\n'));
  if (std::count(line.begin(), line.end(), '^') < 5) return std::nullopt;
  return kind_of(calpads_base_type(line.substr(0, line.find('^'))));
}

core::Result<FileStats> parse_calpads_file(const std::string& path, FileKind kind,
                                           const ParseOptions& options, RecordSink& sink) {
  calpads::CalpadsFile file;
  file.name = options.display_name.empty() ? base_name(path) : options.display_name;
  auto layout = calpads_layout(config_value(options, "ingest.calpads.layout"));
  if (!layout) {
    return core::make_error(core::ErrorCode::kRejected, file.name + ": " + layout.error().message);
  }
  auto type = first_record_type(path, file.name);
  if (!type) return type.error();
  file.record_type = *type;
  std::string base = calpads_base_type(file.record_type);
  if (kind_of(base) != kind) {
    return core::make_error(core::ErrorCode::kRejected,
                            file.name + ": record type '" + calpads::shown(file.record_type) +
                                "' is not a " + std::string(file_kind_name(kind)) + " file");
  }
  file.layout = layout->find(base);
  if (file.layout == nullptr) {
    return core::make_error(core::ErrorCode::kRejected,
                            file.name + ": CALPADS layout " + layout->version() +
                                " has no " + base + " record");
  }
  for (std::string_view key : keys_read(kind)) {
    if (file.layout->index_of(key) < 0) {
      return core::make_error(core::ErrorCode::kRejected,
                              file.name + ": CALPADS layout " + layout->version() + " " + base +
                                  " has no field with key '" + std::string(key) + "'");
    }
  }
  file.layout_version = layout->version();
  file.ods = file.record_type.size() > 2 &&
             file.record_type.compare(file.record_type.size() - 2, 2, "-R") == 0;
  file.field_count = file.layout->fields.size() + (file.ods ? 2 : 0);
  static const core::MarkTable kDefaultMarks = core::MarkTable::defaults();
  file.marks = options.marks != nullptr ? options.marks : &kDefaultMarks;
  file.options = &options;
  file.sink = &sink;
  file.stats.kind = kind;
  if (core::Status fits = check_layout(path, file); !fits) return fits.error();

  CsvReader reader(caret_options());
  if (core::Status opened = reader.open(path); !opened) {
    return core::make_error(opened.error().code, file.name + ": " + opened.error().message);
  }
  switch (kind) {
    case FileKind::kCalpadsSenr: calpads::read_senr(file, reader); break;
    case FileKind::kCalpadsSinf: calpads::read_sinf(file, reader); break;
    case FileKind::kCalpadsSela: calpads::read_sela(file, reader); break;
    case FileKind::kCalpadsSprg: calpads::read_sprg(file, reader); break;
    case FileKind::kCalpadsCrsc: calpads::read_crsc(file, reader); break;
    default: calpads::read_scsc(file, reader); break;
  }
  if (!file.io_error.empty()) {
    return core::make_error(core::ErrorCode::kIoError, file.name + ": " + file.io_error);
  }
  return file.stats;
}

}  // namespace agmon::ingest
