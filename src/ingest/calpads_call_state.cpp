// CalpadsCallState (see calpads_call_state.h), and RecordSink::calpads_state(), which creates
// it on first use so sinks that never see a CALPADS file pay nothing (share_calpads_state_of
// creates it early: a stand-in sink on another thread must not create it lazily).
#include "agmon/ingest/calpads_call_state.h"

#include "agmon/ingest/record_sink.h"

namespace agmon::ingest {

CalpadsCallState& RecordSink::calpads_state() {
  if (!calpads_state_) calpads_state_ = std::make_shared<CalpadsCallState>();
  return *calpads_state_;
}

void RecordSink::share_calpads_state_of(RecordSink& owner) {
  if (!owner.calpads_state_) owner.calpads_state_ = std::make_shared<CalpadsCallState>();
  calpads_state_ = owner.calpads_state_;
}

std::string CalpadsCallState::join(std::string_view a, std::string_view b) {
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a).push_back('\x1f');
  key.append(b);
  return key;
}

void CalpadsCallState::add_grade(const std::string& student_id, const std::string& academic_year,
                                 int grade) {
  grades_[join(student_id, academic_year)] = grade;
}

int CalpadsCallState::grade_in(std::string_view student_id, std::string_view academic_year) const {
  if (grades_.empty()) return 0;
  scratch_.assign(student_id).push_back('\x1f');
  scratch_.append(academic_year);
  auto it = grades_.find(scratch_);
  return it == grades_.end() ? 0 : it->second;
}

void CalpadsCallState::add_section(const std::string& school_code, const std::string& academic_year,
                                   const std::string& section_id,
                                   const std::string& local_course_id) {
  std::string school_year = join(school_code, academic_year);
  posted_.insert(school_year);
  sections_[join(school_year, section_id)] = local_course_id;
}

CalpadsCallState::SectionCheck CalpadsCallState::check_section(
    std::string_view school_code, std::string_view academic_year, std::string_view section_id,
    std::string_view local_course_id, std::string* posted_course) const {
  if (posted_.empty()) return SectionCheck::kNotChecked;
  scratch_.assign(school_code).push_back('\x1f');
  scratch_.append(academic_year);
  if (posted_.count(scratch_) == 0) return SectionCheck::kNotChecked;
  scratch_.push_back('\x1f');
  scratch_.append(section_id);
  auto it = sections_.find(scratch_);
  if (it == sections_.end()) return SectionCheck::kMissing;
  if (it->second != local_course_id) {
    if (posted_course) *posted_course = it->second;
    return SectionCheck::kOtherCourse;
  }
  return SectionCheck::kPosted;
}

void CalpadsCallState::note_year(const std::string& academic_year) {
  // YYYY-YYYY compares as text.
  if (academic_year > latest_year_) latest_year_ = academic_year;
}

}  // namespace agmon::ingest
