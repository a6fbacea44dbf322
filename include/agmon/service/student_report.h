// The student report use case (`agmon check`, GET /api/v1/students/{id}): where one student
// stands, with their active alerts.
#pragma once

#include <string>
#include <vector>

#include "agmon/core/report.h"
#include "agmon/core/result.h"
#include "agmon/service/settings.h"
#include "agmon/store/alert_repo.h"
#include "agmon/store/database.h"

namespace agmon::service {

struct StudentView {
  core::StudentReport report;
  std::vector<store::AlertRecord> alerts;  // open and acknowledged
};

// Evaluates the student afresh from the stored marks (kNotFound: "no student 123").
core::Result<StudentView> student_view(store::Database& db, const Settings& settings,
                                       const std::string& student_id);

// interfaces.md "The student report".
std::string student_view_json(const StudentView& view);
// [{"id":..,"kind":..,"detail":..,"message":..,"status":..,"opened":"YYYY-MM-DD"}]
std::string alerts_brief_json(const std::vector<store::AlertRecord>& alerts);
// The counselor's compact text: areas (UC | CSU), GPAs, eligibility, courses needing attention.
std::string student_view_text(const StudentView& view);

}  // namespace agmon::service
