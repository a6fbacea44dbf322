// CALPADS layout tables (see calpads_layout.h): parsing, lookup and the config choice.
#include "agmon/ingest/calpads_layout.h"

#include <fstream>
#include <mutex>
#include <sstream>

#include "agmon/ingest/code_sets.h"
#include "agmon/ingest/csv_reader.h"

namespace agmon::ingest {
namespace {

constexpr std::string_view kHeader[] = {"record_type", "field_no", "key", "name", "type",
                                        "required"};

core::Error layout_error(const std::string& version, long line, const std::string& what) {
  return core::make_error(core::ErrorCode::kInvalidArgument,
                          "CALPADS layout " + version + ", line " + std::to_string(line) + ": " +
                              what);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

int CalpadsRecordLayout::index_of(std::string_view key) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

core::Result<CalpadsLayout> CalpadsLayout::parse(std::string_view csv_text, std::string version) {
  CalpadsLayout layout;
  layout.version_ = std::move(version);
  CsvReader reader;
  reader.open_text(csv_text);
  if (reader.next() != CsvStatus::kRecord || reader.record().fields.size() != 6) {
    return layout_error(layout.version_, 1,
                        "the header must be record_type,field_no,key,name,type,required");
  }
  for (std::size_t i = 0; i < 6; ++i) {
    if (to_lower(trim(reader.record().fields[i])) != kHeader[i]) {
      return layout_error(layout.version_, 1,
                          "the header must be record_type,field_no,key,name,type,required");
    }
  }
  for (CsvStatus st = reader.next(); st != CsvStatus::kEnd; st = reader.next()) {
    const CsvRecord& rec = reader.record();
    if (st != CsvStatus::kRecord || rec.fields.size() != 6) {
      return layout_error(layout.version_, rec.line, "expected 6 columns");
    }
    CalpadsField f;
    std::string type = to_upper(trim(rec.fields[0]));
    f.field_no = std::string(trim(rec.fields[1]));
    f.key = std::string(trim(rec.fields[2]));
    f.name = std::string(trim(rec.fields[3]));
    f.type = to_upper(trim(rec.fields[4]));
    auto required = parse_flag(trim(rec.fields[5]));
    if (type.size() != 4 || f.key.empty() || f.name.empty() || !required) {
      return layout_error(layout.version_, rec.line,
                          "record_type (4 letters), key, name and required (Y/N) are needed");
    }
    if (f.type != "CS" && f.type != "DT" && f.type != "NU") {
      return layout_error(layout.version_, rec.line, "type '" + f.type + "' is not CS, DT or NU");
    }
    f.required = *required;
    CalpadsRecordLayout& r = layout.records_[type];
    r.record_type = type;
    // field_no "9.07": the part after the dot is the 1-based position in the record.
    std::size_t dot = f.field_no.find('.');
    auto pos = dot == std::string::npos ? std::nullopt
                                        : parse_int_in(std::string_view(f.field_no).substr(dot + 1), 1, 999);
    if (!pos || *pos != static_cast<int>(r.fields.size()) + 1) {
      return layout_error(layout.version_, rec.line,
                          type + " field_no '" + f.field_no + "' is not field " +
                              std::to_string(r.fields.size() + 1) + " (fields are listed in order)");
    }
    if (r.index_of(f.key) >= 0) {
      return layout_error(layout.version_, rec.line, type + " key '" + f.key + "' appears twice");
    }
    r.fields.push_back(std::move(f));
  }
  if (layout.records_.empty()) return layout_error(layout.version_, 1, "no fields");
  return layout;
}

const CalpadsRecordLayout* CalpadsLayout::find(std::string_view record_type) const {
  std::string base = calpads_base_type(record_type);
  auto it = records_.find(base);
  return it == records_.end() ? nullptr : &it->second;
}

std::string calpads_base_type(std::string_view record_type) {
  std::string t = to_upper(trim(record_type));
  if (ends_with(t, "-R")) t.resize(t.size() - 2);
  if (t == "CRSE") return "CRSC";
  if (t == "SCSE") return "SCSC";
  for (std::string_view known : {"SENR", "SINF", "SELA", "SPRG", "CRSC", "SCSC"}) {
    if (t == known) return t;
  }
  return "";
}

core::Result<CalpadsLayout> calpads_layout(const std::string& name) {
  std::string wanted(trim(name));
  if (ends_with(wanted, ".csv")) {
    std::ifstream in(wanted, std::ios::binary);
    if (!in) {
      return core::make_error(core::ErrorCode::kInvalidArgument,
                              "ingest.calpads.layout: cannot read the layout table '" + wanted + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return CalpadsLayout::parse(text.str(), wanted);
  }
  std::vector<std::string> versions = builtin_calpads_layout_versions();
  if (wanted.empty()) wanted = versions.back();
  // Built-in tables are parsed once per process.
  static std::mutex mutex;
  static std::map<std::string, CalpadsLayout> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(wanted); it != cache.end()) return it->second;
  std::string_view csv = builtin_calpads_layout_csv(wanted);
  if (csv.empty()) {
    std::string known;
    for (const std::string& v : versions) known += (known.empty() ? "" : ", ") + v;
    return core::make_error(core::ErrorCode::kInvalidArgument,
                            "ingest.calpads.layout: unknown layout '" + wanted + "' (built in: " +
                                known + "; or the path of a layout .csv)");
  }
  auto parsed = CalpadsLayout::parse(csv, wanted);
  if (parsed) cache.emplace(wanted, *parsed);
  return parsed;
}

}  // namespace agmon::ingest
