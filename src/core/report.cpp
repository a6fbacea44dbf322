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

}  // namespace agmon::core
