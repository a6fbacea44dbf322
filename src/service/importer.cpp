#include "agmon/service/importer.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include <algorithm>
#include <chrono>
#include <future>
#include <map>

#include "agmon/ingest/csv_reader.h"
#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/importer_registry.h"
#include "agmon/service/alert_service.h"
#include "agmon/service/evaluation.h"
#include "agmon/store/evaluation_repo.h"
#include "agmon/store/new_database.h"
#include "service/clock.h"
#include "service/file_digest.h"
#include "service/import_log.h"
#include "service/late_duplicates.h"
#include "service/parse_pipeline.h"
#include "service/staging_sink.h"

namespace agmon::service {
namespace {

// Linux keeps a nice value per thread, and threads inherit their creator's: a thread that
// raises its own covers the evaluation workers it starts. Lowering it back would need
// CAP_SYS_NICE, so a background import runs in a thread of its own that ends with it.
void lower_this_thread_priority(int by) {
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  errno = 0;
  int now = ::getpriority(PRIO_PROCESS, tid);
  if (errno == 0) (void)::setpriority(PRIO_PROCESS, tid, now + by);  // best effort: only speed is at stake
}


using ingest::FileKind;

struct Input {
  std::string path;
  std::string display;
  FileKind kind = FileKind::kUnknown;
};

// Students before courses before everything that refers to them, so that orphans are judged
// against the whole call whatever order the user gave the files in.
int apply_order(FileKind kind) {
  switch (kind) {
    case FileKind::kStudents:
    case FileKind::kCalpadsSenr: return 0;
    case FileKind::kCalpadsSinf:
    case FileKind::kCalpadsSela: return 1;
    case FileKind::kCourses:
    case FileKind::kCalpadsCrsc: return 2;
    case FileKind::kOneRosterFolder: return 3;
    case FileKind::kStudentPrograms:
    case FileKind::kCalpadsSprg: return 4;
    case FileKind::kAgCourseList:
    case FileKind::kUcCourseList: return 5;
    default: return 6;  // marks
  }
}

// Orphans and displaced duplicates are found after the mapper let go of the record: read
// their verbatim text back from the file (rare, so a second pass is cheap overall).
void fill_raw_text(const std::vector<Input>& inputs, std::vector<ingest::RowError>& errors,
                   const std::vector<size_t>& needs_raw) {
  if (needs_raw.empty()) return;
  for (const auto& in : inputs) {
    std::map<long, std::vector<size_t>> wanted;
    for (size_t i : needs_raw)
      if (errors[i].file == in.display && errors[i].raw.empty()) wanted[errors[i].line].push_back(i);
    bool calpads = in.kind == FileKind::kCalpadsSenr || in.kind == FileKind::kCalpadsSinf ||
                   in.kind == FileKind::kCalpadsSela || in.kind == FileKind::kCalpadsSprg ||
                   in.kind == FileKind::kCalpadsCrsc || in.kind == FileKind::kCalpadsScsc;
    if (wanted.empty() || !(ingest::is_canonical_kind(in.kind) || calpads)) continue;
    ingest::CsvOptions csv;
    if (calpads) {  // caret-delimited, no quoting
      csv.delimiter = '^';
      csv.quoting = false;
    }
    ingest::CsvReader reader(csv);
    if (!reader.open(in.path)) continue;
    for (auto st = reader.next(); st != ingest::CsvStatus::kEnd && st != ingest::CsvStatus::kIoError;
         st = reader.next()) {
      auto it = wanted.find(reader.record().line);
      if (it == wanted.end()) continue;
      for (size_t i : it->second) errors[i].raw = std::string(reader.record().raw);
      wanted.erase(it);
      if (wanted.empty()) break;
    }
  }
}

// Quarantined rows are listed file by file (in the order applied), each file's in line
// order, whatever order they were found in (a displaced duplicate is found at its later row).
void sort_by_file_and_line(const std::vector<Input>& inputs, std::vector<ingest::RowError>& errors) {
  auto file_rank = [&](const std::string& display) {
    for (size_t i = 0; i < inputs.size(); ++i)
      if (inputs[i].display == display) return i;
    return inputs.size();
  };
  std::stable_sort(errors.begin(), errors.end(), [&](const ingest::RowError& a, const ingest::RowError& b) {
    size_t fa = file_rank(a.file), fb = file_rank(b.file);
    return fa != fb ? fa < fb : a.line < b.line;
  });
}

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", x * 100.0);
  return buf;
}

}  // namespace

ImportReport run_import(const std::string& db_path, const std::vector<std::string>& paths,
                        const ImportOptions& options, const Settings& settings) {
  if (options.nice > 0) {
    ImportReport report;
    ImportOptions here = options;
    here.nice = 0;
    std::thread background([&] {
      lower_this_thread_priority(options.nice);
      report = run_import(db_path, paths, here, settings);
    });
    background.join();
    return report;
  }
  const auto started = std::chrono::steady_clock::now();
  ImportReport r;
  r.mode = options.mode == store::ImportMode::kFull ? "full" : "incremental";
  r.dry_run = options.dry_run;
  const std::string started_at = now_iso8601();
  auto phase_start = started;
  auto phase = [&](const char* name) {
    auto now = std::chrono::steady_clock::now();
    r.phases.emplace_back(name, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
  };
  auto finish = [&](ImportReport& rep) -> ImportReport& {
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return rep;
  };
  auto reject = [&](std::string message) -> ImportReport& {
    r.outcome = "rejected";
    r.exit_code = kImportRejected;
    r.message = std::move(message);
    r.import_id.reset();
    finish(r);
    if (!options.dry_run) r.import_id = record_refused_import(db_path, r, started_at, options.origin);
    return r;
  };

  // 1. What is each file?
  std::vector<Input> inputs;
  for (size_t i = 0; i < paths.size(); ++i) {
    Input in;
    in.path = paths[i];
    in.display = i < options.display_names.size() && !options.display_names[i].empty()
                     ? options.display_names[i]
                     : ingest::base_name(paths[i]);
    auto kind = ingest::detect_file_kind(in.path);
    if (!kind) return reject(kind.error().message);
    in.kind = *kind;
    inputs.push_back(std::move(in));
  }
  if (inputs.empty()) return reject("no files to import");
  std::stable_sort(inputs.begin(), inputs.end(),
                   [](const Input& a, const Input& b) { return apply_order(a.kind) < apply_order(b.kind); });

  // A first import into a file that does not exist yet builds it beside its path and moves it
  // into place when complete (store/new_database.h). A dry run leaves a new, empty database, as
  // it always did.
  std::unique_ptr<store::NewDatabase> building;
  if (!options.dry_run && store::NewDatabase::absent(db_path))
    building = std::make_unique<store::NewDatabase>(db_path);
  auto opened = building ? building->open() : store::Database::open(db_path);
  if (!opened && building) {  // e.g. no such folder: said of the path the user gave
    building.reset();
    opened = store::Database::open(db_path);
  }
  if (!opened) {
    r.outcome = "failed";
    r.exit_code = kImportFailed;
    r.message = opened.error().message;
    return finish(r);
  }
  store::Database& db = **opened;
  bool committed = false;
  try {
    db.set_busy_timeout(options.busy_timeout_ms);
    store::Transaction tx(db);
    long import_id = begin_import_record(db, r, started_at, options.origin);
    r.import_id = import_id;
    store::ImportStage stage(db);
    StagingSink sink(stage);

    // 2. Parse, validate and stage every file.
    ingest::ParseOptions parse_options;  // each file adds its display name
    parse_options.marks = &settings.marks();
    parse_options.config = &settings.config();
    for (const auto& in : inputs) {
      sink.set_file(in.display);
      ImportFileReport fr;
      fr.file = in.display;
      fr.kind = std::string(ingest::file_kind_name(in.kind));
      // The checksum reads the whole file once more: on another core, while this one parses.
      auto sha256 = std::async(std::launch::async, file_sha256, in.path);
      ingest::ParseOptions po = parse_options;
      po.display_name = in.display;
      if (options.progress) options.progress("reading " + in.display);
      auto stats = parse_file_pipelined(in.path, po, sink);  // parses while the sink stages
      fr.sha256 = sha256.get();
      if (!stats) {
        tx.rollback();
        r.files.push_back(fr);
        return reject(stats.error().message);
      }
      fr.rows_read = stats->rows_read;
      fr.warnings = stats->warnings;
      r.rows_read += stats->rows_read;
      r.files.push_back(std::move(fr));
    }
    if (auto late = stage.late_duplicate_marks(); !late.empty()) {
      std::vector<CallFile> files;
      for (const auto& in : inputs) files.push_back({in.path, in.display});
      report_late_duplicates(files, parse_options, late, sink);
    }
    fill_raw_text(inputs, sink.errors(), sink.needs_raw());
    sort_by_file_and_line(inputs, sink.errors());
    phase("read");

    // 3. Over the reject limit? Then nothing is applied.
    auto& errors = sink.errors();
    double rate = r.rows_read > 0 ? static_cast<double>(errors.size()) / r.rows_read : 0.0;
    if (rate > options.max_reject_rate) {
      r.rows_quarantined = static_cast<long>(errors.size());
      r.quarantined = errors;
      tx.rollback();
      return reject(std::to_string(errors.size()) + " of " + std::to_string(r.rows_read) +
                    " rows quarantined (" + percent(rate) + "), over --max-reject-rate " +
                    percent(options.max_reject_rate) + "; nothing was applied");
    }

    // 4. Merge, re-evaluate, update alerts.
    if (options.progress) options.progress("applying");
    std::vector<store::StrandedMark> stranded;
    auto counts = stage.merge(options.mode, &stranded);
    for (const auto& s : stranded) {
      errors.push_back({s.file, s.line, "student_id", s.student_id, ingest::RowErrorKind::kOrphan,
                        "student " + s.student_id + " was removed by this full import (absent from "
                        "its students file)", ""});
    }
    apply_ag_course_list(db, sink.ag_course_list(), sink, r);
    r.rows_applied = sink.accepted() - static_cast<long>(stranded.size());
    r.rows_changed = counts.students_changed + counts.courses_changed + counts.marks_changed +
                     counts.programs_changed;
    r.rows_removed = counts.rows_removed;
    phase("merge");

    store::EvaluationRepo evaluations(db);
    std::string year = as_of_year(db, settings);
    if (year != evaluations.evaluated_year()) stage.touch_all_students();
    else stage.touch_unsummarised_students();
    // AP offers first: the student alert rules read them during evaluation.
    refresh_ap_offers(db, year);
    if (options.progress) options.progress("evaluating students");
    r.students_evaluated = evaluate_touched(db, settings, year, import_id, started_at);
    phase("evaluate");
    auto alerts = refresh_alerts(db, settings, import_id, started_at);
    r.alerts_opened = alerts.opened;
    r.alerts_resolved = alerts.resolved;
    phase("alerts");

    r.rows_quarantined = static_cast<long>(errors.size());
    r.quarantined = errors;
    r.warnings = sink.warnings();
    r.warnings_total = sink.warnings_total();
    for (auto& f : r.files)
      f.rows_quarantined = static_cast<long>(std::count_if(
          errors.begin(), errors.end(), [&](const ingest::RowError& e) { return e.file == f.file; }));
    r.outcome = r.rows_quarantined ? "applied_with_quarantine" : "applied";
    r.exit_code = r.rows_quarantined ? kImportAppliedWithQuarantine : kImportApplied;
    r.message = std::to_string(r.rows_changed) + " rows changed, " +
                std::to_string(r.rows_quarantined) + " quarantined";
    finish(r);
    if (options.dry_run) {
      tx.rollback();
      r.outcome = "dry_run";
      r.import_id.reset();
      r.message = "dry run: nothing was applied; " + r.message;
      return r;
    }
    finish_import_record(db, r);
    tx.commit();
    committed = true;
  } catch (const store::StoreError& e) {
    r.outcome = "failed";
    r.exit_code = kImportFailed;
    r.import_id.reset();
    if (e.is_constraint()) {
      r.outcome = "rejected";
      r.exit_code = kImportRejected;
      r.message = std::string("a database constraint refused the data; nothing was applied: ") + e.what();
      finish(r);
      if (!options.dry_run) r.import_id = record_refused_import(db_path, r, started_at, options.origin);
      return r;
    }
    if (e.is_busy())
      r.message = "another import is running on " + db_path + "; nothing was applied (try again when it finishes)";
    else if (e.is_disk_problem())
      r.message = std::string("the disk failed or is full; nothing was applied: ") + e.what();
    else
      r.message = std::string("database error; nothing was applied: ") + e.what();
  } catch (const std::exception& e) {
    r.outcome = "failed";
    r.exit_code = kImportFailed;
    r.import_id.reset();
    r.message = std::string("import failed; nothing was applied: ") + e.what();
  }
  if (!committed) return finish(r);
  // Every statement and table of the import is gone with its scope: the new database can close.
  if (building) {
    auto published = building->publish(std::move(*opened));
    if (!published) {
      r.outcome = "failed";
      r.exit_code = kImportFailed;
      r.import_id.reset();
      r.message = published.error().message + "; nothing was applied there (import again)";
      return finish(r);
    }
  }
  phase("commit");
  return r;
}

}  // namespace agmon::service
