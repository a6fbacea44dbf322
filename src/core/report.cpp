#include "agmon/core/report.h"

namespace agmon::core {

const char* course_status_name(CourseStatus status) {
  switch (status) {
    case CourseStatus::counted: return "counted";
    case CourseStatus::in_progress: return "in_progress";
    case CourseStatus::needs_validation: return "needs_validation";
    case CourseStatus::validated: return "validated";
    case CourseStatus::repeated: return "repeated";
    case CourseStatus::not_ag: return "not_ag";
    case CourseStatus::below_c: return "below_c";
  }
  return "not_ag";
}

AreaStanding standing(const AreaProgress& area) {
  if (area.met()) return AreaStanding::met;
  if (area.earned + area.in_progress >= area.required) return AreaStanding::in_progress;
  return AreaStanding::short_of;
}

const char* area_standing_name(AreaStanding standing) {
  switch (standing) {
    case AreaStanding::met: return "met";
    case AreaStanding::in_progress: return "in_progress";
    case AreaStanding::short_of: return "short";
  }
  return "short";
}

std::string SystemResult::standing_letters() const {
  std::string out;
  for (const auto& a : areas) out += static_cast<char>(standing(a));
  return out;
}

}  // namespace agmon::core
