// The UC A-G course list JSON -> AgCourseListEntry (see uc_course_list.h).
#include "agmon/ingest/uc_course_list.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

#include "agmon/ingest/code_sets.h"
#include "uc_course_list_json.h"

namespace agmon::ingest {
namespace {

using json::JsonValue;

// Files larger than this are not a course list (a school's list is a few hundred KB).
constexpr std::size_t kMaxBytes = std::size_t{64} << 20;

// "99990:9900011, 99991:9900029" -> the school code of `institution`, or "".
std::string school_for(const std::string& mapping, const std::string& institution) {
  std::stringstream in(mapping);
  for (std::string pair; std::getline(in, pair, ',');) {
    std::size_t colon = pair.find(':');
    if (colon == std::string::npos) continue;
    if (trim(pair.substr(0, colon)) == institution) return std::string(trim(pair.substr(colon + 1)));
  }
  return "";
}

// The digits after "institution-" in a file name ("courselist-institution-99990.json").
std::string institution_from_name(const std::string& name) {
  std::size_t at = name.find("institution-");
  if (at == std::string::npos) return "";
  std::string digits;
  for (std::size_t i = at + 12; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i)
    digits += name[i];
  return digits;
}

// 0/1, true/false, "1"/"true".
bool truthy(const JsonValue* v) {
  if (!v) return false;
  if (v->type == JsonValue::Type::kBool) return v->boolean;
  if (v->type == JsonValue::Type::kNumber) return v->number != 0;
  std::string t = to_lower(trim(v->text));
  return t == "1" || t == "true" || t == "y" || t == "yes";
}

core::Rigor honors_of(const JsonValue& course, const std::string& title) {
  if (const JsonValue* type = course.get("honorsTypeName"); type && !type->as_text().empty()) {
    std::string key = rigor_key(type->as_text());
    if (key == "AP" || key.rfind("ADVANCED_PLACEMENT", 0) == 0) return core::Rigor::ap;
    if (key == "IB" || key.rfind("INTERNATIONAL_BACCALAUREATE", 0) == 0) return core::Rigor::ib;
    return core::Rigor::uc_honors;
  }
  if (!truthy(course.get("isHonors"))) return core::Rigor::none;
  std::string upper = to_upper(title);
  if (upper.rfind("AP ", 0) == 0) return core::Rigor::ap;
  if (upper.rfind("IB ", 0) == 0) return core::Rigor::ib;
  return core::Rigor::uc_honors;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string piece; std::getline(in, piece, ',');) {
    if (!trim(piece).empty()) out.emplace_back(trim(piece));
  }
  return out;
}

// Maps one course object; on a problem returns {column, value, kind, message}.
std::optional<RowError> map_course(const JsonValue& c, AgCourseListEntry& e) {
  auto bad = [](std::string column, std::string value, RowErrorKind kind, std::string message) {
    return RowError{"", 0, std::move(column), std::move(value), kind, std::move(message), ""};
  };
  if (c.type != JsonValue::Type::kObject)
    return bad("", "", RowErrorKind::kMalformedCsv, "a course must be a JSON object");
  const JsonValue* id = c.get("courseId");
  e.ucop_course_id = id ? id->as_text() : "";
  if (e.ucop_course_id.empty()) return bad("courseId", "", RowErrorKind::kMissingKey, "courseId is missing");
  const JsonValue* title = c.get("title");
  e.course_title = title ? std::string(trim(title->as_text())) : "";
  if (e.course_title.empty()) return bad("title", "", RowErrorKind::kMissingKey, "title is missing");
  const JsonValue* area = c.get("subjectAreaCode");
  std::string area_text = area ? std::string(trim(area->as_text())) : "";
  e.ag_area = core::parse_area(area_text);
  if (!e.ag_area || area_text.size() != 1)
    return bad("subjectAreaCode", area_text, RowErrorKind::kBadCode,
               "subjectAreaCode '" + area_text + "' is not an A-G area (a-g)");
  if (const JsonValue* abbrevs = c.get("transcriptAbbreviations")) {
    if (abbrevs->type == JsonValue::Type::kArray) {
      for (const auto& a : abbrevs->items)
        if (!trim(a.as_text()).empty()) e.transcript_abbrevs.emplace_back(trim(a.as_text()));
    } else {
      e.transcript_abbrevs = split_commas(abbrevs->as_text());
    }
  }
  if (const JsonValue* d = c.get("disciplineName")) e.discipline = d->as_text();
  e.honors = honors_of(c, e.course_title);
  if (const JsonValue* len = c.get("courseLength"); len && !len->as_text().empty()) {
    e.course_length = len->as_text();
  } else if (const JsonValue* id_len = c.get("courseLengthId")) {
    e.course_length = id_len->as_text() == "1" ? "semester" : "year";
  }
  if (const JsonValue* grades = c.get("gradeLevels")) {
    for (const auto& g : grades->items)
      if (auto n = parse_int_in(g.as_text(), 1, 12)) e.grade_levels.push_back(*n);
  }
  if (const JsonValue* online = c.get("isOnline")) e.is_online = truthy(online);
  return std::nullopt;
}

}  // namespace

std::optional<FileKind> detect_uc_course_list(const FileSniff& sniff) {
  if (sniff.is_directory) return std::nullopt;
  std::string_view head = sniff.head;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || head[first] != '{') return std::nullopt;
  if (head.find("\"courses\"") == std::string_view::npos) return std::nullopt;
  return FileKind::kUcCourseList;
}

core::Result<FileStats> parse_uc_course_list_file(const std::string& path, FileKind kind,
                                                  const ParseOptions& options, RecordSink& sink) {
  const std::string name = options.display_name.empty() ? base_name(path) : options.display_name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error(core::ErrorCode::kNotFound, name + ": cannot be read");
  // Read in blocks up to the limit (not into a zeroed 64 MB buffer: lists are ~1 MB).
  std::string text;
  std::vector<char> block(1 << 16);
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBytes)
      return core::make_error(core::ErrorCode::kRejected, name + ": larger than 64 MB; not a UC course list");
  }
  auto doc = json::parse_json(text);
  if (!doc) return core::make_error(core::ErrorCode::kRejected, name + ": " + doc.error().message);
  const JsonValue* courses = doc->get("courses");
  if (!courses || courses->type != JsonValue::Type::kArray) {
    return core::make_error(core::ErrorCode::kRejected,
                            name + ": no \"courses\" array (the UC A-G course list JSON shape)");
  }
  std::string institution;
  if (const JsonValue* id = doc->get("institutionId")) institution = id->as_text();
  if (institution.empty()) institution = institution_from_name(base_name(path));
  std::string school = school_for(config_value(options, "ingest.uc.institutions"), institution);
  std::string year_text;
  for (const char* key : {"listYear", "academicYear"}) {
    if (const JsonValue* y = doc->get(key); y && year_text.empty()) year_text = y->as_text();
  }
  if (year_text.empty()) year_text = config_value(options, "ingest.uc.list_year");
  std::string list_year = normalize_school_year(year_text).value_or("");

  FileStats stats;
  stats.kind = kind;
  for (const JsonValue& c : courses->items) {
    ++stats.rows_read;
    AgCourseListEntry e;
    e.ucop_institution_id = institution;
    e.school_code = school;
    e.list_year = list_year;
    if (auto problem = map_course(c, e)) {
      problem->file = name;
      problem->line = c.line;
      problem->raw = text.substr(c.begin, std::min<std::size_t>(c.end - c.begin, 2000));
      sink.on_error(std::move(*problem));
      ++stats.rows_quarantined;
      continue;
    }
    ++stats.rows_emitted;
    sink.on_ag_course(std::move(e), c.line);
  }
  if (!year_text.empty() && list_year.empty()) {
    sink.on_warning(name, 0, "list year '" + year_text + "' is not a school year; the list applies to every year");
    ++stats.warnings;
  }
  return stats;
}

}  // namespace agmon::ingest
