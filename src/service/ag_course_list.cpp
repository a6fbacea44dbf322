// The UC A-G course list applied to the SIS catalog (formats.md §4). The list has no local
// course id, so each entry is matched to the catalog of its school (every school when the
// list names none) and year (every year when it names none) by normalised transcript
// abbreviation, else by normalised title. A match fills the course's ag_area and rigor where
// the catalog leaves them blank - the district's own crosswalk always wins - and re-evaluates
// the students who took it. Unmatched entries and disagreements are listed as warnings.
#include <cctype>
#include <optional>
#include <set>

#include "agmon/store/catalog_repo.h"
#include "service/import_log.h"
#include "service/staging_sink.h"

namespace agmon::service {
namespace {

constexpr const char* kWhere = "UC A-G list";

// "CHEM H A" and "Chem-H A" match: letters and digits only, upper case.
std::string norm_abbrev(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// "U.S. History" and "US History" match; "&" reads as "and".
std::string norm_title(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "and";
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

struct CatalogCourse {
  std::string school, id, year, title_key;
  std::set<std::string> abbrevs;
  std::optional<core::Area> area;
  core::Rigor rigor = core::Rigor::none;
  bool changed = false;
  std::string area_source;  // the UC course id that filled the area
};

std::vector<CatalogCourse> load_catalog(store::Database& db) {
  std::vector<CatalogCourse> out;
  for (auto& row : store::CatalogRepo(db).courses()) {
    CatalogCourse c;
    c.school = std::move(row.school_code);
    c.id = std::move(row.local_course_id);
    c.year = std::move(row.academic_year);
    c.title_key = norm_title(row.course_title);
    c.area = core::parse_area(row.ag_area);
    c.rigor = core::parse_rigor(row.rigor).value_or(core::Rigor::none);
    std::string_view abbrevs = row.transcript_abbrev;
    // courses.csv separates abbreviations with '|'; some SIS exports use ','.
    std::size_t start = 0;
    while (start <= abbrevs.size()) {
      std::size_t end = abbrevs.find_first_of("|,", start);
      if (end == std::string_view::npos) end = abbrevs.size();
      std::string a = norm_abbrev(abbrevs.substr(start, end - start));
      if (!a.empty()) c.abbrevs.insert(a);
      start = end + 1;
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool in_scope(const CatalogCourse& c, const ingest::AgCourseListEntry& e) {
  if (!e.school_code.empty() && c.school != e.school_code) return false;
  return e.list_year.empty() || c.year.empty() || c.year == e.list_year;
}

std::string describe(const ingest::AgCourseListEntry& e) {
  std::string abbrevs;
  for (const auto& a : e.transcript_abbrevs) abbrevs += (abbrevs.empty() ? "" : ", ") + a;
  return "course " + e.ucop_course_id + " '" + e.course_title + "'" +
         (abbrevs.empty() ? "" : " (" + abbrevs + ")");
}

}  // namespace

void apply_ag_course_list(store::Database& db, std::vector<ingest::AgCourseListEntry>& entries,
                          StagingSink& sink, ImportReport&) {
  if (entries.empty()) return;
  std::vector<CatalogCourse> catalog = load_catalog(db);
  long matched_entries = 0, areas_filled = 0, rigor_filled = 0;
  bool warned_no_school = false;

  for (const auto& e : entries) {
    if (e.school_code.empty() && !warned_no_school) {
      sink.on_warning(kWhere, 0, "the list names no school: matched against every school's "
                                 "catalog (map the UC institution id to a school code with "
                                 "ingest.uc.institutions = <id>:<school code>)");
      warned_no_school = true;
    }
    std::set<std::string> abbrevs;
    for (const auto& a : e.transcript_abbrevs) abbrevs.insert(norm_abbrev(a));
    std::vector<CatalogCourse*> hits;
    for (auto& c : catalog) {
      if (!in_scope(c, e)) continue;
      for (const auto& a : abbrevs) {
        if (c.abbrevs.count(a)) {
          hits.push_back(&c);
          break;
        }
      }
    }
    if (hits.empty()) {
      const std::string title = norm_title(e.course_title);
      for (auto& c : catalog)
        if (in_scope(c, e) && !title.empty() && c.title_key == title) hits.push_back(&c);
    }
    if (hits.empty()) {
      sink.on_warning(kWhere, 0, describe(e) + " matches no catalog course" +
                                     (e.school_code.empty() ? "" : " of school " + e.school_code) +
                                     " by transcript abbreviation or title; not applied");
      continue;
    }
    ++matched_entries;
    for (CatalogCourse* c : hits) {
      if (e.ag_area && !c->area) {
        c->area = e.ag_area;
        c->area_source = e.ucop_course_id;
        c->changed = true;
        ++areas_filled;
      } else if (e.ag_area && c->area != e.ag_area) {
        sink.on_warning(kWhere, 0,
                        "course " + c->id + " of school " + c->school + " is area " +
                            std::string(1, core::area_letter(*c->area)) + " in the catalog" +
                            (c->area_source.empty() ? "" : " (from UC course " + c->area_source + ")") +
                            " but " + std::string(1, core::area_letter(*e.ag_area)) + " for UC " +
                            describe(e) + "; the catalog's area is kept");
      }
      if (e.honors != core::Rigor::none && c->rigor == core::Rigor::none) {
        c->rigor = e.honors;
        c->changed = true;
        ++rigor_filled;
      }
    }
  }

  std::vector<store::CourseCrosswalk> changes;
  for (const auto& c : catalog) {
    if (!c.changed) continue;
    std::optional<std::string> area;
    if (c.area) area = std::string(1, core::area_letter(*c.area));
    changes.push_back({c.school, c.id, c.year, area, std::string(core::rigor_name(c.rigor))});
  }
  store::CatalogRepo(db).apply_crosswalk(changes);
  sink.on_warning(kWhere, 0,
                  std::to_string(entries.size()) + " UC courses, " +
                      std::to_string(matched_entries) + " matched to the catalog; ag_area filled on " +
                      std::to_string(areas_filled) + " courses, rigor on " +
                      std::to_string(rigor_filled));
}

}  // namespace agmon::service
