// Scoped single-record reads: the student report fast path and the alert scope check.
#include "agmon/service/access.h"

#include "agmon/service/student_report.h"
#include "agmon/store/report_codec.h"
#include "agmon/store/report_reads.h"

namespace agmon::service {

using core::ErrorCode;
using core::make_error;

struct StudentReader::Impl {
  store::ReportReads reads;
};

StudentReader::StudentReader(store::Database& db) : impl_(new Impl{store::ReportReads(db)}) {}

StudentReader::~StudentReader() = default;

core::Result<std::string> StudentReader::report_json(const Principal& who, const std::string& student_id,
                                                     ReportCache* cache) {
  auto shared = report(who, student_id, cache);
  if (!shared) return shared.error();
  return (*shared)->json;
}

core::Result<std::shared_ptr<const CachedReport>> StudentReader::report(const Principal& who,
                                                                        const std::string& student_id,
                                                                        ReportCache* cache) {
  if (!who.may_read_students())
    return make_error(ErrorCode::kPermissionDenied, "this token may not read student records");
  auto refused = [&] {
    return make_error(ErrorCode::kPermissionDenied, "student " + student_id + " is outside this token's scope");
  };
  const std::uint64_t generation = cache ? cache->generation() : 0;
  if (cache) {
    if (auto hit = cache->find(student_id)) {
      if (!who.covers_student(hit->school_code, hit->counselor_id)) return refused();
      return hit;
    }
  }
  auto entry = std::make_shared<CachedReport>();
  std::vector<store::AlertRecord> alerts;
  {
    // The report and its alerts from one snapshot, even while an import commits.
    store::ReportReads::Snapshot snapshot(impl_->reads);
    auto stored = impl_->reads.evaluation(student_id);
    if (!stored) return make_error(ErrorCode::kNotFound, "no student " + student_id);
    if (!who.covers_student(stored->school_code, stored->counselor_id)) return refused();
    auto json = store::stored_report(stored->report_json, stored->report_packed);  // packed since schema 3
    if (!json) return make_error(ErrorCode::kIoError, "the stored report of student " + student_id + " cannot be unpacked");
    entry->school_code = std::move(stored->school_code);
    entry->counselor_id = std::move(stored->counselor_id);
    entry->json = std::move(*json);
    alerts = impl_->reads.open_alerts(student_id);
  }
  // The stored report holds "alerts":[] (report_to_json's default, followed by more keys);
  // alerts change between imports (acknowledgements), so they are spliced in at read time.
  // An unescaped `,"` cannot occur inside a JSON string, so this finds the key itself.
  static const std::string kEmpty = ",\"alerts\":[]";
  if (!alerts.empty()) {
    auto at = entry->json.find(kEmpty);
    if (at != std::string::npos) entry->json.replace(at + kEmpty.size() - 2, 2, alerts_brief_json(alerts));
  }
  std::shared_ptr<const CachedReport> done = std::move(entry);
  if (cache) cache->insert(student_id, done, generation);
  return done;
}

core::Status check_alert_scope(store::Database& db, const Principal& who, long alert_id) {
  try {
    auto owner = store::alert_owner(db, alert_id);
    if (!owner) return make_error(ErrorCode::kNotFound, "no alert " + std::to_string(alert_id));
    if (!who.may_read_students() || !who.covers_student(owner->school_code, owner->counselor_id))
      return make_error(ErrorCode::kPermissionDenied,
                        "alert " + std::to_string(alert_id) + " is outside this token's scope");
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the alert: ") + e.what());
  }
  return core::Status::success();
}

}  // namespace agmon::service
