// OneRoster students: users.csv (role student; 1.2 keeps roles in roles.csv) joined with
// demographics.csv -> StudentUpdates that fill what a students.csv of the same import left
// blank, or create the student. Race: the five federal booleans, one CALPADS code each.
#include <sstream>

#include "agmon/ingest/code_sets.h"
#include "oneroster_model.h"

namespace agmon::ingest::oneroster {
namespace {

struct Demographics {
  std::string birth_date, sex;
  std::optional<bool> hispanic;
  std::vector<int> race_codes;
};

// CEDS grade codes -> CALPADS grade codes ("" when not a grade we keep).
std::string grade_from_ceds(std::string_view ceds) {
  std::string g = to_upper(trim(ceds));
  if (g == "KG") g = "KN";
  if (g == "UG") g = "US";
  return normalize_grade_level(g).value_or("");
}

std::optional<bool> boolean(std::string_view text) {
  if (trim(text).empty()) return std::nullopt;
  return parse_flag(text);
}

std::map<std::string, Demographics> read_demographics(Export& x) {
  std::map<std::string, Demographics> out;
  OneRosterTable t;
  if (!t.open(x.source, "demographics.csv",
              {{"sourcedId", {"userSourcedId"}, true}, {"birthDate", {"birthdate", "birth_date"}},
               {"sex", {"gender"}}, {"americanIndianOrAlaskaNative"}, {"asian"},
               {"blackOrAfricanAmerican"},
               {"nativeHawaiianOrOtherPacificIslander", {"nativeAmericanOrOtherPacificIslander"}},
               {"white"}, {"hispanicOrLatinoEthnicity", {"hispanicOrLatino"}}})
           .ok())
    return out;
  // Federal categories -> one representative CALPADS code (formats-research §6.4): lossy, no
  // Filipino (400) and no Asian or Pacific Islander sub-codes.
  static constexpr int kCodes[] = {100, 299, 600, 399, 700};
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    Demographics d;
    d.birth_date = normalize_date(t.get(1)).value_or("");
    std::string sex = lower(t.get(2));
    d.sex = sex == "female" ? "F" : sex == "male" ? "M" : sex == "other" ? "X" : "";
    for (int i = 0; i < 5; ++i) {
      if (boolean(t.get(3 + i)) == true) d.race_codes.push_back(kCodes[i]);
    }
    d.hispanic = boolean(t.get(8));
    out[std::string(t.get(0))] = std::move(d);
  }
  return out;
}

// 1.2: user sourcedId -> org sourcedId of their student role (primary first).
std::map<std::string, std::string> read_student_roles(Export& x) {
  std::map<std::string, std::string> out;
  OneRosterTable t;
  if (!t.open(x.source, "roles.csv",
              {{"userSourcedId", {}, true}, {"role", {}, true}, {"roleType"}, {"orgSourcedId"}})
           .ok())
    return out;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    if (lower(t.get(1)) != "student") continue;
    std::string user(t.get(0));
    if (!out.count(user) || lower(t.get(2)) == "primary") out[user] = std::string(t.get(3));
  }
  return out;
}

// "{CA-SSID:9100000011},{district:77}" -> the id of type `type`.
std::string user_id_of_type(std::string_view ids, const std::string& type) {
  std::string text(ids);
  std::size_t at = 0;
  while ((at = text.find('{', at)) != std::string::npos) {
    std::size_t end = text.find('}', at);
    if (end == std::string::npos) break;
    std::string entry = text.substr(at + 1, end - at - 1);
    std::size_t colon = entry.find(':');
    if (colon != std::string::npos && trim(entry.substr(0, colon)) == type)
      return std::string(trim(entry.substr(colon + 1)));
    at = end + 1;
  }
  return "";
}

}  // namespace

core::Status read_students(Export& x) {
  auto demographics = read_demographics(x);
  OneRosterTable t;
  enum { kId, kStatus, kRole, kOrgs, kPrimaryOrg, kUserIds, kGiven, kFamily, kIdentifier, kGrades };
  if (auto s = t.open(x.source, "users.csv",
                      {{"sourcedId", {"sourced_id", "userSourcedId"}, true}, {"status"},
                       {"role", {"roles"}}, {"orgSourcedIds", {"orgSourcedId"}},
                       {"primaryOrgSourcedId"}, {"userIds"}, {"givenName", {"firstName", "first_name"}},
                       {"familyName", {"lastName", "last_name"}}, {"identifier", {"studentId"}},
                       {"grades", {"grade"}}});
      !s) {
    return s.error().code == core::ErrorCode::kNotFound
               ? core::make_error(core::ErrorCode::kRejected,
                                  "users.csv is missing: not a OneRoster export agmon can read")
               : s;
  }
  // 1.1 names the role in users.csv; 1.2 moved it to roles.csv.
  const bool roles_file = !t.present(kRole);
  auto roles = roles_file ? read_student_roles(x) : std::map<std::string, std::string>{};
  const std::string ssid_type = config_value(*x.options, "ingest.oneroster.ssid_type", "CA-SSID");
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    std::string user(t.get(kId));
    if (lower(t.get(kStatus)) == "tobedeleted") continue;
    std::string org;
    if (roles_file) {
      auto role = roles.find(user);
      if (role == roles.end()) continue;
      org = role->second;
    } else if (lower(t.get(kRole)) != "student") {
      continue;
    }
    ++x.stats.rows_read;
    StudentUpdate u;
    u.mode = StudentUpdate::Mode::kFillBlanks;
    u.create_if_unknown = true;
    u.student_id = t.get(kIdentifier).empty() ? user : std::string(t.get(kIdentifier));
    // The school: 1.2 primaryOrgSourcedId, else the first listed org that is a school.
    std::vector<std::string> orgs;
    if (!t.get(kPrimaryOrg).empty()) orgs.emplace_back(t.get(kPrimaryOrg));
    std::stringstream list{std::string(t.get(kOrgs))};
    for (std::string o; std::getline(list, o, ',');) orgs.emplace_back(trim(o));
    if (!org.empty()) orgs.push_back(org);
    for (const auto& o : orgs) {
      if (auto it = x.school_of_org.find(o); it != x.school_of_org.end() && u.school_code.empty())
        u.school_code = it->second;
    }
    std::string grades(t.get(kGrades));
    u.grade_level = grade_from_ceds(grades.substr(0, grades.find(',')));
    u.ssid = user_id_of_type(t.get(kUserIds), ssid_type);
    u.first_name = std::string(t.get(kGiven));
    u.last_name = std::string(t.get(kFamily));
    u.academic_year = x.latest_year;
    if (auto d = demographics.find(user); d != demographics.end()) {
      u.birth_date = d->second.birth_date;
      u.gender = d->second.sex;
      u.hispanic = d->second.hispanic;
      u.race_codes = d->second.race_codes;
    }
    if (u.gender.empty()) ++x.students_without_sex;
    x.student_of[user] = u.student_id;
    ++x.stats.rows_emitted;
    x.sink->on_student_update(std::move(u), t.line());
  }
  return core::Status::success();
}

}  // namespace agmon::ingest::oneroster
