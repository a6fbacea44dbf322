#include "service/late_duplicates.h"

#include <map>
#include <set>
#include <unordered_set>

#include "agmon/ingest/importer_registry.h"
#include "agmon/store/import_stage.h"

namespace agmon::service {
namespace {

using Row = std::pair<std::string, long>;  // file (display name), line

// Collects, in call order, the rows that carry one of the wanted mark keys.
class KeyRowsSink : public ingest::RecordSink {
 public:
  explicit KeyRowsSink(const std::vector<std::string>& keys) : wanted_(keys.begin(), keys.end()) {}
  void set_file(const std::string& display) { file_ = display; }

  void on_mark(core::CourseMark&& m, long line) override {
    std::string key = store::mark_key_text(m);
    if (wanted_.count(key)) rows_[key].emplace_back(file_, line);
  }
  void on_student(core::Student&&, long) override {}
  void on_course(core::Course&&, long) override {}
  void on_error(ingest::RowError&&) override {}

  const std::map<std::string, std::vector<Row>>& rows() const { return rows_; }

 private:
  std::unordered_set<std::string> wanted_;
  std::string file_;
  std::map<std::string, std::vector<Row>> rows_;
};

}  // namespace

void report_late_duplicates(const std::vector<CallFile>& files, const ingest::ParseOptions& options,
                            const std::vector<std::string>& keys, StagingSink& sink) {
  if (keys.empty()) return;
  KeyRowsSink finder(keys);
  for (const auto& f : files) {
    ingest::ParseOptions po = options;
    po.display_name = f.display;
    finder.set_file(f.display);
    (void)ingest::parse_file(f.path, po, finder);  // it parsed the first time: same outcome
  }
  // A row quarantined for another reason (an orphan) never reached the table; a displaced
  // row found within its student's run was reported already.
  std::set<Row> quarantined, reported;
  for (const auto& e : sink.errors())
    (e.kind == ingest::RowErrorKind::kDuplicateKey ? reported : quarantined)
        .emplace(e.file, e.line);
  for (const auto& [key, rows] : finder.rows()) {
    std::vector<Row> loaded;
    for (const auto& r : rows)
      if (!quarantined.count(r)) loaded.push_back(r);
    if (loaded.empty()) continue;
    loaded.pop_back();  // the last row of a key is the one kept
    for (const auto& r : loaded)
      if (!reported.count(r))
        sink.report_late_displaced(store::DisplacedRow{r.first, r.second, key}, "course mark");
  }
}

}  // namespace agmon::service
