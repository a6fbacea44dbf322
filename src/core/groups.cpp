// Student groupings: names, canonical group lists, and the group of a student (equity.md §1).
#include "agmon/core/groups.h"

#include <algorithm>
#include <set>

namespace agmon::core {
namespace {

struct GroupingRow {
  Grouping grouping;
  std::string_view name;
  std::vector<std::string> groups;
};

const std::vector<GroupingRow>& table() {
  static const std::vector<GroupingRow> rows = {
      {Grouping::race_ethnicity, "race_ethnicity",
       {"hispanic", "african_american", "american_indian", "asian", "filipino", "pacific_islander",
        "white", "two_or_more", "not_reported"}},
      {Grouping::gender, "gender", {"F", "M", "X", "not_reported"}},
      {Grouping::el, "el", {"el", "not_el"}},
      {Grouping::sed, "sed", {"sed", "not_sed"}},
      {Grouping::swd, "swd", {"swd", "not_swd"}},
      {Grouping::foster, "foster", {"foster", "not_foster"}},
      {Grouping::homeless, "homeless", {"homeless", "not_homeless"}},
      {Grouping::grade, "grade", {"9", "10", "11", "12"}},
      {Grouping::school, "school", {}},
  };
  return rows;
}

const GroupingRow& row_of(Grouping grouping) { return table()[static_cast<size_t>(grouping)]; }

// The CDE race group of one CALPADS race code; "" for codes outside the reporting set.
std::string_view race_code_group(int code) {
  if (code == 100) return "american_indian";
  if (code >= 200 && code <= 299) return "asian";
  if (code >= 300 && code <= 399) return "pacific_islander";
  if (code == 400) return "filipino";
  if (code == 600) return "african_american";
  if (code == 700) return "white";
  return "";
}

std::string yes_no(bool flag, std::string_view name) {
  return flag ? std::string(name) : "not_" + std::string(name);
}

}  // namespace

const std::vector<Grouping>& all_groupings() {
  static const std::vector<Grouping> all = {Grouping::race_ethnicity, Grouping::gender, Grouping::el,
                                            Grouping::sed, Grouping::swd, Grouping::foster,
                                            Grouping::homeless, Grouping::grade, Grouping::school};
  return all;
}

std::string_view grouping_name(Grouping grouping) { return row_of(grouping).name; }

std::optional<Grouping> parse_grouping(std::string_view name) {
  for (const auto& row : table()) {
    if (row.name == name) return row.grouping;
  }
  return std::nullopt;
}

std::string grouping_names_list() {
  std::string out;
  for (const auto& row : table()) {
    if (!out.empty()) out += ", ";
    out += row.name;
  }
  return out;
}

const std::vector<std::string>& grouping_groups(Grouping grouping) { return row_of(grouping).groups; }

bool is_two_group(Grouping grouping) {
  return grouping == Grouping::el || grouping == Grouping::sed || grouping == Grouping::swd ||
         grouping == Grouping::foster || grouping == Grouping::homeless;
}

bool group_before(Grouping grouping, const std::string& a, const std::string& b) {
  const auto& groups = grouping_groups(grouping);
  auto pos = [&](const std::string& g) {
    return static_cast<size_t>(std::find(groups.begin(), groups.end(), g) - groups.begin());
  };
  size_t pa = pos(a), pb = pos(b);
  if (pa != pb) return pa < pb;
  return a < b;  // both unlisted (e.g. school codes): by name
}

std::string race_ethnicity_group(const Student& student) {
  if (student.hispanic.value_or(false)) return "hispanic";
  std::set<std::string_view> found;
  for (int code : student.race_codes) {
    std::string_view g = race_code_group(code);
    if (!g.empty()) found.insert(g);
  }
  if (found.empty()) return "not_reported";
  if (found.size() > 1) return "two_or_more";
  return std::string(*found.begin());
}

std::string group_of(const Student& student, Grouping grouping) {
  switch (grouping) {
    case Grouping::race_ethnicity: return race_ethnicity_group(student);
    case Grouping::gender:
      if (student.gender == "F" || student.gender == "M" || student.gender == "X") return student.gender;
      return "not_reported";
    case Grouping::el: return yes_no(student.el_status == "EL", "el");
    case Grouping::sed: return yes_no(student.sed.value_or(false), "sed");
    case Grouping::swd: return yes_no(student.swd.value_or(false), "swd");
    case Grouping::foster: return yes_no(student.foster.value_or(false), "foster");
    case Grouping::homeless: return yes_no(student.homeless.value_or(false), "homeless");
    case Grouping::grade: {
      int g = student.grade_number();
      return g > 0 ? grade_group(g) : student.grade_level;
    }
    case Grouping::school: return student.school_code;
  }
  return "";
}

std::string flag_group(Grouping grouping, bool flag) {
  if (!is_two_group(grouping)) return "";
  return yes_no(flag, grouping_name(grouping));
}

std::string grade_group(int grade) { return std::to_string(grade); }

std::string group_label(Grouping grouping, const std::string& group) {
  static const std::vector<std::pair<std::string_view, std::string_view>> labels = {
      {"hispanic", "Hispanic or Latino"},
      {"african_american", "African American"},
      {"american_indian", "American Indian or Alaska Native"},
      {"asian", "Asian"},
      {"filipino", "Filipino"},
      {"pacific_islander", "Pacific Islander"},
      {"white", "White"},
      {"two_or_more", "Two or more races"},
      {"el", "English learners"},
      {"not_el", "Not English learners"},
      {"sed", "Socioeconomically disadvantaged"},
      {"not_sed", "Not socioeconomically disadvantaged"},
      {"swd", "Students with disabilities"},
      {"not_swd", "Students without disabilities"},
      {"foster", "Foster youth"},
      {"not_foster", "Not foster youth"},
      {"homeless", "Homeless youth"},
      {"not_homeless", "Not homeless youth"},
  };
  if (group == "all") return "All students";
  switch (grouping) {
    case Grouping::grade: return "Grade " + group;
    case Grouping::school: return "School " + group;
    case Grouping::gender:
      if (group == "F") return "Female";
      if (group == "M") return "Male";
      if (group == "X") return "Non-binary";
      if (group == "not_reported") return "Gender not reported";
      return group;
    case Grouping::race_ethnicity:
      if (group == "not_reported") return "Race/ethnicity not reported";
      break;
    default: break;
  }
  for (const auto& [key, label] : labels) {
    if (key == group) return std::string(label);
  }
  return group;
}

}  // namespace agmon::core
