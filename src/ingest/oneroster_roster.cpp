// The OneRoster reference files and students (see oneroster_model.h): manifest, orgs,
// academic sessions (with their CALPADS term codes), courses, classes, final-mark line items,
// users with their demographics (1.2: roles) -> StudentUpdates.
#include <algorithm>
#include <sstream>

#include "agmon/ingest/code_sets.h"
#include "oneroster_model.h"

namespace agmon::ingest::oneroster {
namespace {

const Column kSourcedId{"sourcedId", {"sourced_id", "id"}, true};

// Comma-separated list values ("org-a,org-b").
std::vector<std::string> list_of(std::string_view text) {
  std::vector<std::string> out;
  std::stringstream in{std::string(text)};
  for (std::string item; std::getline(in, item, ',');) {
    if (!trim(item).empty()) out.emplace_back(trim(item));
  }
  return out;
}

// "2025" (the year the school year ends) -> "2024-2025".
std::string year_ending(std::string_view yyyy) {
  auto y = parse_int_in(yyyy, 1900, 2200);
  if (!y || trim(yyyy).size() != 4) return "";
  return std::to_string(*y - 1) + "-" + std::to_string(*y);
}

// A school year from a start date: August on starts the year, earlier months end it.
std::string year_from_date(std::string_view date) {
  auto d = normalize_date(date);
  if (!d) return "";
  int y = std::stoi(d->substr(0, 4)), m = std::stoi(d->substr(5, 2));
  return m >= 7 ? std::to_string(y) + "-" + std::to_string(y + 1)
                : std::to_string(y - 1) + "-" + std::to_string(y);
}

bool contains(std::string_view text, std::string_view word) {
  return lower(text).find(lower(word)) != std::string::npos;
}

}  // namespace

std::string Export::mapped(const char* setting, const std::string& key) const {
  std::stringstream in(config_value(*options, setting));
  for (std::string pair; std::getline(in, pair, ',');) {
    std::size_t colon = pair.rfind(':');
    if (colon != std::string::npos && trim(pair.substr(0, colon)) == key)
      return std::string(trim(pair.substr(colon + 1)));
  }
  return "";
}

core::Status read_manifest(Export& x) {
  OneRosterTable t;
  if (!x.source.has("manifest.csv")) return core::Status::success();
  if (auto s = t.open(x.source, "manifest.csv", {{"propertyName", {}, true}, {"value", {}, true}}); !s)
    return s;
  while (t.next(*x.sink, x.name, nullptr)) {
    if (lower(t.get(0)) == "oneroster.version") x.version = std::string(t.get(1));
    if (lower(t.get(0)).rfind("file.", 0) == 0 && lower(t.get(1)) == "delta")
      x.warn(std::string(t.get(0)) + " is a delta file: agmon reads it as a full (bulk) file");
  }
  if (!x.version.empty() && x.version != "1.1" && x.version != "1.2")
    x.warn("manifest says OneRoster " + x.version + "; read as 1.1/1.2");
  return core::Status::success();
}

core::Status read_orgs(Export& x) {
  if (!x.source.has("orgs.csv")) return core::Status::success();
  OneRosterTable t;
  if (auto s = t.open(x.source, "orgs.csv", {kSourcedId, {"identifier"}}); !s) return s;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    std::string id(t.get(0));
    std::string code = x.mapped("ingest.oneroster.school_codes", id);
    if (code.empty()) {
      code = std::string(t.get(1));
      // A 14-digit CDS code is county (2) + district (5) + school (7).
      if (code.size() == 14 && std::all_of(code.begin(), code.end(), ::isdigit)) code = code.substr(7);
    }
    x.school_of_org[id] = code.empty() ? id : code;
  }
  return core::Status::success();
}

core::Status read_sessions(Export& x) {
  if (!x.source.has("academicSessions.csv")) return core::Status::success();
  OneRosterTable t;
  if (auto s = t.open(x.source, "academicSessions.csv",
                      {kSourcedId, {"title"}, {"type"}, {"startDate", {"start_date"}},
                       {"parentSourcedId", {"parent"}}, {"schoolYear", {"school_year"}}});
      !s)
    return s;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    Session s;
    s.title = std::string(t.get(1));
    s.type = lower(t.get(2));
    s.start = normalize_date(t.get(3)).value_or("");
    s.parent = std::string(t.get(4));
    s.school_year = year_ending(t.get(5));
    if (s.school_year.empty()) s.school_year = year_from_date(t.get(3));
    x.sessions[std::string(t.get(0))] = std::move(s);
  }
  // Terms: the terms of a school year in start order (2 -> S1 S2, 3 -> T1-T3, 4 -> Q1-Q4).
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> terms_of;  // year -> (start, id)
  for (auto& [id, s] : x.sessions) {
    if (s.type == "schoolyear") {
      s.term = "FY";
    } else if (s.type == "semester" || s.type == "term") {
      if (contains(s.title, "summer")) {
        s.term = "SS";
      } else {
        terms_of[s.parent.empty() ? s.school_year : s.parent].emplace_back(s.start, id);
      }
    }
  }
  for (auto& [year, list] : terms_of) {
    std::sort(list.begin(), list.end());
    const char* prefix = list.size() == 2 ? "S" : list.size() == 3 ? "T" : list.size() == 4 ? "Q" : "";
    for (std::size_t i = 0; i < list.size(); ++i) {
      x.sessions[list[i].second].term =
          *prefix ? prefix + std::to_string(i + 1) : list.size() == 1 ? "FY" : "";
    }
  }
  for (auto& [id, s] : x.sessions) {
    if (s.type == "gradingperiod" && x.sessions.count(s.parent)) s.term = x.sessions[s.parent].term;
    std::string over = x.mapped("ingest.oneroster.terms", id);
    if (!over.empty()) s.term = normalize_term_code(over).value_or("");
    if (s.school_year > x.latest_year) x.latest_year = s.school_year;
  }
  return core::Status::success();
}

core::Status read_courses(Export& x) {
  OneRosterTable t;
  if (auto s = t.open(x.source, "courses.csv",
                      {kSourcedId, {"title"}, {"courseCode", {"course_code"}},
                       {"orgSourcedId", {"schoolSourcedId"}}, {"schoolYearSourcedId", {"schoolYear"}}});
      !s)
    return s.error().code == core::ErrorCode::kNotFound ? core::Status::success() : s;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    ++x.stats.rows_read;
    Course c;
    c.code = std::string(t.get(2));
    if (c.code.empty()) c.code = std::string(t.get(0));
    c.school = x.school_of_org.count(std::string(t.get(3))) ? x.school_of_org[std::string(t.get(3))]
                                                            : std::string(t.get(3));
    auto year = x.sessions.find(std::string(t.get(4)));
    c.year = year != x.sessions.end() ? year->second.school_year : "";
    core::Course out;
    out.school_code = c.school;
    out.local_course_id = c.code;
    out.academic_year = c.year;
    out.course_title = std::string(t.get(1));
    if (out.course_title.empty()) out.course_title = c.code;
    x.courses[std::string(t.get(0))] = std::move(c);
    ++x.stats.rows_emitted;
    x.sink->on_course_default(std::move(out), t.line());
  }
  return core::Status::success();
}

core::Status read_classes(Export& x) {
  OneRosterTable t;
  if (auto s = t.open(x.source, "classes.csv",
                      {kSourcedId, {"courseSourcedId", {}, true}, {"classCode", {"class_code"}},
                       {"schoolSourcedId", {"orgSourcedId"}}, {"termSourcedIds", {"termSourcedId"}}});
      !s)
    return s.error().code == core::ErrorCode::kNotFound ? core::Status::success() : s;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    Class c;
    c.course = std::string(t.get(1));
    c.code = std::string(t.get(2));
    auto org = x.school_of_org.find(std::string(t.get(3)));
    c.school = org != x.school_of_org.end() ? org->second : std::string(t.get(3));
    c.terms = list_of(t.get(4));
    x.classes[std::string(t.get(0))] = std::move(c);
  }
  return core::Status::success();
}

core::Status read_line_items(Export& x) {
  const std::string final_word = config_value(*x.options, "ingest.oneroster.final_category", "final");
  std::set<std::string> final_categories;
  OneRosterTable cats;
  bool have_categories = cats.open(x.source, "categories.csv", {kSourcedId, {"title"}}).ok();
  while (have_categories && cats.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    if (contains(cats.get(1), final_word)) final_categories.insert(std::string(cats.get(0)));
  }
  OneRosterTable t;
  if (auto s = t.open(x.source, "lineItems.csv",
                      {kSourcedId, {"title"}, {"classSourcedId", {}, true},
                       {"categorySourcedId", {"category"}}, {"gradingPeriodSourcedId", {"gradingPeriod"}}});
      !s)
    return s.error().code == core::ErrorCode::kNotFound ? core::Status::success() : s;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    // Without categories.csv the line item's own title must say it is the final mark.
    bool is_final = have_categories ? final_categories.count(std::string(t.get(3))) > 0
                                    : contains(t.get(1), final_word);
    if (is_final) x.final_items[std::string(t.get(0))] = {std::string(t.get(2)), std::string(t.get(4))};
  }
  return core::Status::success();
}

}  // namespace agmon::ingest::oneroster
