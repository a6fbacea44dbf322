// Student groupings for equity tables (../shared/spec/equity.md §1): which groupings exist,
// their groups in canonical order, and which group a student falls in. Pure data and lookups.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/model.h"

namespace agmon::core {

enum class Grouping { race_ethnicity, gender, el, sed, swd, foster, homeless, grade, school };

// Every grouping, in the order the spec lists them.
const std::vector<Grouping>& all_groupings();

// The `--by` name ("race_ethnicity", "el", ...).
std::string_view grouping_name(Grouping grouping);
// Exact, case-sensitive `--by` names; nullopt for anything else.
std::optional<Grouping> parse_grouping(std::string_view name);
// "race_ethnicity, gender, el, ..." for usage and error messages.
std::string grouping_names_list();

// The groups of a grouping in canonical (report) order. `school` is open-ended: empty list,
// its groups are the school codes present. race_ethnicity: hispanic .. not_reported.
// gender: F, M, X, not_reported (a blank gender; the spec lists F/M/X, but every student
// must fall in exactly one group so that the groups add up to the `all` row).
const std::vector<std::string>& grouping_groups(Grouping grouping);

// True for the yes/no groupings (el, sed, swd, foster, homeless): suppression is both-or-neither.
bool is_two_group(Grouping grouping);

// Sort key within a grouping: canonical position for listed groups; unknown groups (and all
// school codes) sort after, by name. Use with sort_groups().
bool group_before(Grouping grouping, const std::string& a, const std::string& b);

// CDE reporting rule (formats.md §1): hispanic = Y wins; otherwise each race code maps to
// 100 american_indian, 2xx asian, 3xx pacific_islander, 400 filipino, 600 african_american,
// 700 white (other codes ignored); two or more distinct groups -> two_or_more; none ->
// not_reported.
std::string race_ethnicity_group(const Student& student);

// The group a student belongs to in `grouping`: el -> "el" when el_status is EL, else
// "not_el"; sed/swd/foster/homeless -> "<flag>" when Y, else "not_<flag>" (blank = not
// flagged, as CDE counts); grade -> "9".."12" (other grades: their number, or the stored code
// such as "TK"); school -> the school code.
std::string group_of(const Student& student, Grouping grouping);

// The group for a stored yes/no flag (the 0/1 columns of student_evaluations), for services
// that GROUP BY those columns: flag_group(Grouping::el, true) == "el". Empty for groupings
// that are not yes/no.
std::string flag_group(Grouping grouping, bool flag);

// The group for a numeric grade (the `grade` column): 9 -> "9".
std::string grade_group(int grade);

// A human label for messages and text tables: "Hispanic or Latino", "English learners",
// "Not English learners", "Grade 9", "School 1234". Never a student's name.
std::string group_label(Grouping grouping, const std::string& group);

}  // namespace agmon::core
