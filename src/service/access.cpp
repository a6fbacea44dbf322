// Scoped single-record reads: the student report fast path and the alert scope check.
#include "agmon/service/access.h"

#include "agmon/service/student_report.h"
#include "agmon/store/alert_repo.h"
#include "agmon/store/report_codec.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

// Resets a cached statement on every exit path, so no read transaction stays open between
// requests (it would pin an old snapshot and stall WAL checkpoints).
struct ResetGuard {
  store::Statement& st;
  ~ResetGuard() { st.reset(); }
};

}  // namespace

struct StudentReader::Impl {
  store::Statement student;
  store::Statement alerts;
  store::Statement begin;
  store::Statement commit;
};

namespace {

// One read transaction for the report and its alerts, so both come from the same snapshot
// even while an import commits.
struct ReadTransaction {
  store::Statement& commit;
  explicit ReadTransaction(store::Statement& begin, store::Statement& end) : commit(end) { begin.run(); }
  ~ReadTransaction() {
    try {
      commit.run();
    } catch (...) {  // a read transaction cannot fail to end in a way that matters here
    }
  }
};

}  // namespace

StudentReader::StudentReader(store::Database& db)
    : impl_(new Impl{
          db.prepare("SELECT school_code, counselor_id, report_json, report_packed FROM student_evaluations "
                     "WHERE student_id = ?"),
          db.prepare("SELECT * FROM alerts WHERE student_id = ? AND status IN ('open', 'acknowledged') "
                     "ORDER BY opened_at, alert_id"),
          db.prepare("BEGIN"), db.prepare("COMMIT")}) {}

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
    ReadTransaction txn(impl_->begin, impl_->commit);
    ResetGuard guard{impl_->student};
    impl_->student.bind(1, student_id);
    if (!impl_->student.step()) return make_error(ErrorCode::kNotFound, "no student " + student_id);
    entry->school_code = impl_->student.str(0);
    entry->counselor_id = impl_->student.str(1);
    if (!who.covers_student(entry->school_code, entry->counselor_id)) return refused();
    auto stored = store::stored_report(impl_->student.text(2), impl_->student.blob(3));  // packed since schema 3
    if (!stored) return make_error(ErrorCode::kIoError, "the stored report of student " + student_id + " cannot be unpacked");
    entry->json = std::move(*stored);
    ResetGuard alerts_guard{impl_->alerts};
    impl_->alerts.bind(1, student_id);
    while (impl_->alerts.step()) alerts.push_back(store::alert_from_row(impl_->alerts));
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
    auto st = db.prepare("SELECT school_code, counselor_id FROM alerts WHERE alert_id = ?");
    st.bind(1, static_cast<std::int64_t>(alert_id));
    if (!st.step()) return make_error(ErrorCode::kNotFound, "no alert " + std::to_string(alert_id));
    if (!who.may_read_students() || !who.covers_student(st.text(0), st.text(1)))
      return make_error(ErrorCode::kPermissionDenied,
                        "alert " + std::to_string(alert_id) + " is outside this token's scope");
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read the alert: ") + e.what());
  }
  return core::Status::success();
}

}  // namespace agmon::service
