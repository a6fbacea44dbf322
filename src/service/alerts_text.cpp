// Plain-text alert outputs: the caseload list (grouped by counselor, then student, oldest
// first; subgroup alerts after, by school) and the weekly digest a counselor gets by e-mail.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "agmon/service/alerts.h"
#include "service/clock.h"

namespace agmon::service {
namespace {

std::string day(const std::string& iso) { return iso.substr(0, 10); }

std::string state(const store::AlertRecord& a) {
  if (a.status == "resolved") return "resolved " + day(a.resolved_at);
  std::string s = "open since " + day(a.opened_at);
  if (a.status == "acknowledged") {
    s += ", acknowledged by " + (a.acknowledged_by.empty() ? std::string("?") : a.acknowledged_by) + " on " +
         day(a.acknowledged_at);
    if (!a.ack_note.empty()) s += ": \"" + a.ack_note + "\"";
  }
  if (a.times_opened > 1) s += ", opened " + std::to_string(a.times_opened) + " times";
  return s;
}

void line(std::string& out, const store::AlertRecord& a) {
  out += "    #" + std::to_string(a.alert_id) + " " + a.kind + " (" + state(a) + ")\n";
  out += "        " + a.message + "\n";
}

bool older(const store::AlertRecord* a, const store::AlertRecord* b) {
  if (a->opened_at != b->opened_at) return a->opened_at < b->opened_at;
  return a->alert_id < b->alert_id;
}

// Days since 1970-01-01 and back (Howard Hinnant's civil-calendar algorithms).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + doe - 719468;
}

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp + (mp < 10 ? 3 : -9);
  const long y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

bool valid_date(const std::string& s, int& y, int& m, int& d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  y = std::stoi(s.substr(0, 4));
  m = std::stoi(s.substr(5, 2));
  d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  // The day must exist: round-trip through the day count.
  return civil_from_days(days_from_civil(y, m, d)) == s;
}

}  // namespace

std::string alerts_text(const std::vector<store::AlertRecord>& alerts) {
  if (alerts.empty()) return "No alerts.\n";
  // counselor -> student -> alerts; subgroup alerts: school -> alerts.
  std::map<std::string, std::map<std::string, std::vector<const store::AlertRecord*>>> caseloads;
  std::map<std::string, std::vector<const store::AlertRecord*>> subgroups;
  for (const auto& a : alerts) {
    if (a.student_id.empty()) subgroups[a.school_code].push_back(&a);
    else caseloads[a.counselor_id][a.student_id].push_back(&a);
  }
  std::string out;
  for (auto& [counselor, students] : caseloads) {
    size_t n = 0;
    std::vector<std::pair<const std::string*, std::vector<const store::AlertRecord*>*>> order;
    for (auto& [student, list] : students) {
      std::sort(list.begin(), list.end(), older);
      order.emplace_back(&student, &list);
      n += list.size();
    }
    // Students whose oldest alert is oldest come first: they have waited longest.
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return older(a.second->front(), b.second->front()); });
    out += (out.empty() ? "" : "\n") + (counselor.empty() ? std::string("No counselor assigned") : "Counselor " + counselor) +
           " (" + std::to_string(n) + " alert" + (n == 1 ? "" : "s") + ")\n";
    for (auto& [student, list] : order) {
      out += "  Student " + *student + " (school " + list->front()->school_code + ")\n";
      for (const auto* a : *list) line(out, *a);
    }
  }
  if (!subgroups.empty()) {
    out += std::string(out.empty() ? "" : "\n") + "Subgroup alerts (administrators)\n";
    for (auto& [school, list] : subgroups) {
      std::sort(list.begin(), list.end(), older);
      out += "  " + (school.empty() ? std::string("All schools") : "School " + school) + "\n";
      for (const auto* a : list) line(out, *a);
    }
  }
  return out;
}

std::string date_minus_days(const std::string& date, int days) {
  int y = 0, m = 0, d = 0;
  if (!valid_date(date, y, m, d)) return "";
  return civil_from_days(days_from_civil(y, m, d) - days);
}

core::Result<std::string> alerts_digest(store::Database& db, const std::string& counselor,
                                        const std::optional<std::string>& since, const std::string& today_in) {
  const std::string today = today_in.empty() ? service::today() : today_in;
  if (counselor.empty()) return core::make_error(core::ErrorCode::kInvalidArgument, "counselor: empty");
  int y = 0, m = 0, d = 0;
  if (since && !valid_date(*since, y, m, d))
    return core::make_error(core::ErrorCode::kInvalidArgument, "since: '" + *since + "' is not a date like 2026-11-16");
  const std::string from = since ? *since : date_minus_days(today, 7);
  try {
    store::AlertRepo repo(db);
    auto events = repo.events_since(counselor, from);
    std::string opened, resolved;
    long n_opened = 0, n_resolved = 0;
    for (const auto& [a, e] : events) {
      bool is_open = e.event == "opened" || e.event == "reopened";
      if (!is_open && e.event != "resolved") continue;
      std::string entry = "  " + day(e.at) + "  student " + a.student_id + " (school " + a.school_code + ")  " +
                          a.kind + (e.event == "reopened" ? " (again)" : "") + "  #" + std::to_string(a.alert_id) +
                          "\n      " + a.message + "\n";
      (is_open ? opened : resolved) += entry;
      ++(is_open ? n_opened : n_resolved);
    }
    std::string out = "A-G alerts for counselor " + counselor + ", " + from + " to " + today + "\n\n";
    out += "Opened (" + std::to_string(n_opened) + ")\n" + (opened.empty() ? "  none\n" : opened) + "\n";
    out += "Resolved (" + std::to_string(n_resolved) + ")\n" + (resolved.empty() ? "  none\n" : resolved) + "\n";
    out += "Open now on the caseload: " + std::to_string(repo.count_active_for_counselor(counselor)) +
           " (agmon alerts --counselor " + counselor + ")\n";
    return out;
  } catch (const store::StoreError& e) {
    return core::make_error(core::ErrorCode::kIoError, std::string("database error: ") + e.what());
  }
}

}  // namespace agmon::service
