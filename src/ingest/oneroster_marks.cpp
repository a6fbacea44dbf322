// OneRoster marks: final results (results of final-mark line items) -> course marks, and
// student enrollments with no final result -> in-progress marks. A result's mark is its 1.2
// textScore, else a "mark=X" comment (how 1.1 exports carry letters), else its score through
// the district's score-to-mark table.
#include <algorithm>
#include <sstream>

#include "agmon/ingest/code_sets.h"
#include "oneroster_model.h"

namespace agmon::ingest::oneroster {
namespace {

std::string status_of(const core::MarkInfo& info) {
  if (info.kind == core::MarkKind::kInProgress) return "in_progress";
  if (info.kind == core::MarkKind::kWithdrawn) return "withdrawn";
  return "completed";
}

// The letter after "mark=" in a comment ("mark=B+; late work" -> "B+").
std::string mark_in_comment(std::string_view comment) {
  std::string text = lower(comment);
  std::size_t at = text.find("mark=");
  if (at == std::string::npos) return "";
  std::string_view rest = comment.substr(at + 5);
  std::size_t end = rest.find_first_of(" ;,\t");
  return std::string(trim(rest.substr(0, end)));
}

// The term and school year a mark belongs to: the line item's grading period, else the class's
// term (several terms: the class runs all year).
std::pair<std::string, std::string> term_of(const Export& x, const Class& c,
                                            const std::string& grading_period) {
  if (auto gp = x.sessions.find(grading_period); gp != x.sessions.end() && !gp->second.term.empty())
    return {gp->second.term, gp->second.school_year};
  if (c.terms.empty()) return {"", ""};
  auto s = x.sessions.find(c.terms.front());
  if (s == x.sessions.end()) return {"", ""};
  return {c.terms.size() > 1 ? "FY" : s->second.term, s->second.school_year};
}

RowError error(const Export& x, const OneRosterTable& t, std::string column, std::string value,
               RowErrorKind kind, std::string message) {
  return RowError{x.name, t.line(), std::move(column), std::move(value), kind,
                  t.file() + ": " + std::move(message), std::string(t.raw())};
}

// The mark of a class for a student, or a RowError; `mark` blank = in progress.
std::optional<RowError> make_mark(const Export& x, const OneRosterTable& t,
                                  const std::string& class_id, const std::string& grading_period,
                                  core::CourseMark& m) {
  auto cls = x.classes.find(class_id);
  if (cls == x.classes.end())
    return error(x, t, "classSourcedId", class_id, RowErrorKind::kDanglingReference,
                 "class " + class_id + " is not in classes.csv");
  auto course = x.courses.find(cls->second.course);
  if (course == x.courses.end())
    return error(x, t, "courseSourcedId", cls->second.course, RowErrorKind::kDanglingReference,
                 "course " + cls->second.course + " of class " + class_id + " is not in courses.csv");
  auto [term, year] = term_of(x, cls->second, grading_period);
  if (term.empty() || year.empty())
    return error(x, t, "termSourcedIds", class_id, RowErrorKind::kBadCode,
                 "cannot tell the term of class " + class_id +
                     " from academicSessions.csv (set ingest.oneroster.terms = <session>:<term>)");
  m.school_code = cls->second.school.empty() ? course->second.school : cls->second.school;
  m.academic_year = year;
  m.term_code = term;
  m.local_course_id = course->second.code;
  m.section_id = cls->second.code;
  m.source = "OneRoster";
  return std::nullopt;
}

}  // namespace

core::Result<ScoreTable> ScoreTable::parse(const std::string& spec) {
  ScoreTable t;
  std::stringstream in(spec);
  for (std::string step; std::getline(in, step, ',');) {
    std::size_t colon = step.find(':');
    auto score = colon == std::string::npos ? std::nullopt : parse_decimal(trim(step.substr(0, colon)));
    std::string mark = colon == std::string::npos ? "" : to_upper(trim(step.substr(colon + 1)));
    if (!score || mark.empty()) {
      return core::make_error(core::ErrorCode::kRejected,
                              "ingest.oneroster.score_marks: '" + std::string(trim(step)) +
                                  "' is not <lowest score>:<mark> (e.g. 90:A-)");
    }
    t.steps.emplace_back(*score, mark);
  }
  if (t.steps.empty())
    return core::make_error(core::ErrorCode::kRejected, "ingest.oneroster.score_marks is empty");
  std::sort(t.steps.begin(), t.steps.end(), [](auto& a, auto& b) { return a.first > b.first; });
  return t;
}

const std::string* ScoreTable::mark_for(double score) const {
  for (const auto& [lowest, mark] : steps)
    if (score >= lowest) return &mark;
  return nullptr;
}

core::Status read_results(Export& x) {
  OneRosterTable t;
  enum { kStatus, kItem, kStudent, kScoreStatus, kScore, kText, kComment };
  if (auto s = t.open(x.source, "results.csv",
                      {{"status"}, {"lineItemSourcedId", {}, true},
                       {"studentSourcedId", {"userSourcedId"}, true}, {"scoreStatus"}, {"score"},
                       {"textScore", {"text_score", "scoreText"}}, {"comment"}});
      !s)
    return s.error().code == core::ErrorCode::kNotFound ? core::Status::success() : s;
  long exempt = 0;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    auto item = x.final_items.find(std::string(t.get(kItem)));
    if (item == x.final_items.end() || lower(t.get(kStatus)) == "tobedeleted") continue;
    ++x.stats.rows_read;
    core::CourseMark m;
    std::string user(t.get(kStudent));
    auto student = x.student_of.find(user);
    std::optional<RowError> bad;
    if (student == x.student_of.end()) {
      bad = error(x, t, "studentSourcedId", user, RowErrorKind::kOrphan,
                  "user " + user + " is not a student in users.csv");
    } else {
      m.student_id = student->second;
      bad = make_mark(x, t, item->second.cls, item->second.grading_period, m);
    }
    std::string column;
    if (!bad) {
      std::string status = lower(t.get(kScoreStatus));
      if (!t.get(kText).empty()) {
        m.mark = to_upper(t.get(kText));
        column = "textScore";
        ++x.marks_from_text;
      } else if (std::string c = mark_in_comment(t.get(kComment)); !c.empty()) {
        m.mark = to_upper(c);
        column = "comment";
        ++x.marks_from_comment;
      } else if (status == "exempt") {
        ++exempt;
        --x.stats.rows_read;  // nothing to load, and not in progress either
        x.graded.insert(user + '\x1f' + item->second.cls);
        continue;
      } else if (status == "fully graded" || status.empty()) {
        auto score = parse_decimal(t.get(kScore));
        const std::string* mark = score ? x.score_marks.mark_for(*score) : nullptr;
        if (mark) {
          m.mark = *mark;
          column = "score";
          ++x.marks_from_score;
        } else if (!t.get(kScore).empty()) {
          bad = error(x, t, "score", std::string(t.get(kScore)), RowErrorKind::kUnknownMark,
                      "score '" + std::string(t.get(kScore)) +
                          "' matches no step of ingest.oneroster.score_marks");
        }
      }  // submitted / partially graded / not submitted: in progress (blank mark)
    }
    std::optional<core::MarkInfo> info;
    if (!bad && !(info = x.marks->find(m.mark))) {
      bad = error(x, t, column, m.mark, RowErrorKind::kUnknownMark,
                  "mark '" + m.mark + "' is not in the mark table");
    }
    if (bad) {
      x.sink->on_error(std::move(*bad));
      ++x.stats.rows_quarantined;
      continue;
    }
    m.status = status_of(*info);
    x.graded.insert(user + '\x1f' + item->second.cls);
    ++x.stats.rows_emitted;
    x.sink->on_mark(std::move(m), t.line());
  }
  if (exempt > 0)
    x.warn(std::to_string(exempt) + " final results are exempt with no mark; they were skipped");
  return core::Status::success();
}

core::Status read_enrollments(Export& x) {
  OneRosterTable t;
  enum { kStatus, kClass, kUser, kRole };
  if (auto s = t.open(x.source, "enrollments.csv",
                      {{"status"}, {"classSourcedId", {}, true},
                       {"userSourcedId", {"studentSourcedId"}, true}, {"role"}});
      !s)
    return s.error().code == core::ErrorCode::kNotFound ? core::Status::success() : s;
  while (t.next(*x.sink, x.name, &x.stats.rows_quarantined)) {
    std::string user(t.get(kUser)), cls(t.get(kClass));
    std::string role = lower(t.get(kRole));
    if ((!role.empty() && role != "student") || lower(t.get(kStatus)) == "tobedeleted") continue;
    auto student = x.student_of.find(user);
    if (student == x.student_of.end() || x.graded.count(user + '\x1f' + cls)) continue;
    ++x.stats.rows_read;
    core::CourseMark m;
    m.student_id = student->second;
    if (auto bad = make_mark(x, t, cls, "", m)) {
      x.sink->on_error(std::move(*bad));
      ++x.stats.rows_quarantined;
      continue;
    }
    m.status = "in_progress";
    ++x.in_progress;
    ++x.stats.rows_emitted;
    x.sink->on_mark(std::move(m), t.line());
  }
  return core::Status::success();
}

}  // namespace agmon::ingest::oneroster
