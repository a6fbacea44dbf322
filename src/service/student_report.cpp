#include "agmon/service/student_report.h"

#include "agmon/core/json_writer.h"
#include "agmon/core/report_json.h"
#include "agmon/service/evaluation.h"

namespace agmon::service {

core::Result<StudentView> student_view(store::Database& db, const Settings& settings,
                                       const std::string& student_id) {
  auto report = evaluate_student(db, settings, student_id);
  if (!report) return report.error();
  StudentView view;
  view.report = std::move(report.value());
  view.alerts = store::AlertRepo(db).active_for_student(student_id);
  return view;
}

std::string alerts_brief_json(const std::vector<store::AlertRecord>& alerts) {
  core::JsonWriter w;
  w.begin_array();
  for (const auto& a : alerts) {
    w.begin_object().field("id", a.alert_id).field("kind", a.kind).field("detail", a.detail);
    w.field("message", a.message).field("status", a.status);
    w.field("opened", a.opened_at.substr(0, 10)).end_object();
  }
  w.end_array();
  return w.take();
}

std::string student_view_json(const StudentView& view) {
  return core::report_to_json(view.report, alerts_brief_json(view.alerts));
}

}  // namespace agmon::service
