// The student list: the caller's scope and filters checked here, then handed to the store
// query (store/student_list_repo.h), keyset-paged by student id; and the paging cursors.
#include "agmon/service/student_list.h"

#include <cmath>

#include "agmon/core/json_writer.h"
#include "agmon/core/report.h"
#include "agmon/store/student_list_repo.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string b64url_encode(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    if (i + 1 < in.size()) out += kB64[(v >> 6) & 63];
    if (i + 2 < in.size()) out += kB64[v & 63];
  }
  return out;
}

std::optional<std::string> b64url_decode(const std::string& in) {
  if (in.size() % 4 == 1 || in.size() > 512) return std::nullopt;
  std::string out;
  unsigned v = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = c ? std::char_traits<char>::find(kB64, 64, c) : nullptr;
    if (!p) return std::nullopt;
    v = (v << 6) | static_cast<unsigned>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return out;
}

// GPAs are truncated, never rounded, to 2 decimals (interfaces.md); the small epsilon keeps
// 3.42 stored as 3.4199999... at 3.42.
std::optional<double> truncate2(std::optional<double> v) {
  if (!v) return v;
  return std::floor(*v * 100 + 1e-9) / 100;
}

// "area_status": {"a": "met", "b": "in_progress", "c": "short", ...}: what the dashboard's
// a-g strip draws, so a caseload page needs no report request (each one audited as a record
// read) per student. null for a student evaluated before schema 5, until the next import
// re-evaluates them.
void write_area_status(core::JsonWriter& w, const std::string& letters) {
  w.key("area_status");
  if (letters.size() != 7) {
    w.null();
    return;
  }
  w.begin_object();
  for (int i = 0; i < 7; ++i) {
    const char area[2] = {static_cast<char>('a' + i), 0};
    w.field(area, core::area_standing_name(static_cast<core::AreaStanding>(letters[i])));
  }
  w.end_object();
}

}  // namespace

std::string encode_cursor(const std::string& kind, const std::string& key) {
  return b64url_encode(kind + ":" + key);
}

std::optional<std::string> decode_cursor(const std::string& kind, const std::string& cursor) {
  auto raw = b64url_decode(cursor);
  if (!raw || raw->compare(0, kind.size() + 1, kind + ":") != 0) return std::nullopt;
  return raw->substr(kind.size() + 1);
}

core::Result<StudentPage> list_students(store::Database& db, const Principal& who,
                                        const StudentListQuery& q) {
  if (!who.may_read_students())
    return make_error(ErrorCode::kPermissionDenied, "this token may not read student records");
  if (q.limit < 1 || q.limit > kMaxPageSize)
    return make_error(ErrorCode::kInvalidArgument,
                      "limit must be from 1 to " + std::to_string(kMaxPageSize));
  std::string after;
  if (!q.cursor.empty()) {
    auto key = decode_cursor("students", q.cursor);
    if (!key) return make_error(ErrorCode::kInvalidArgument, "cursor is not one this server gave out");
    after = *key;
  }
  if (q.school && !who.covers_school(*q.school))
    return make_error(ErrorCode::kPermissionDenied, "school " + *q.school + " is outside this token's scope");
  if (q.counselor && !who.is_admin() && !who.counselor_id.empty() && *q.counselor != who.counselor_id)
    return make_error(ErrorCode::kPermissionDenied,
                      "counselor " + *q.counselor + " is outside this token's caseload");

  store::StudentListFilter filter;
  filter.after_id = after;
  if (!who.is_admin()) {  // the scope, always (counselors)
    filter.scope_schools = who.schools;
    if (!who.counselor_id.empty()) filter.scope_counselor = who.counselor_id;
  }
  filter.school = q.school;
  filter.counselor = q.counselor;
  if (q.q) filter.prefix = *q.q;
  filter.limit = q.limit + 1;  // one more tells whether there is a next page

  StudentPage page;
  try {
    for (auto& r : store::StudentListRepo(db).page(filter)) {
      if (static_cast<int>(page.students.size()) == q.limit) {
        page.next_cursor = encode_cursor("students", page.students.back().student_id);
        break;
      }
      page.students.push_back(std::move(r));
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot list students: ") + e.what());
  }
  return page;
}

std::string student_page_json(const StudentPage& page) {
  core::JsonWriter w;
  w.reserve(page.students.size() * 400 + 64);
  w.begin_object().key("students").begin_array();
  for (const auto& s : page.students) {
    w.begin_object().field("student_id", s.student_id).field("school_id", s.school_code);
    w.field("counselor_id", s.counselor_id).field("last_name", s.last_name);
    w.field("first_name", s.first_name).field("grade_level", s.grade).field("as_of_year", s.as_of_year);
    w.key("uc").begin_object().field("pattern_complete", s.uc_complete);
    w.field("projected_complete", s.uc_complete_projected).field("eligible", s.uc_eligible);
    w.key("gpa").fixed(truncate2(s.uc_gpa_capped), 2);
    write_area_status(w, s.uc_area_status);
    w.end_object();
    w.key("csu").begin_object().field("pattern_complete", s.csu_complete);
    w.field("projected_complete", s.csu_complete_projected).field("eligible", s.csu_eligible);
    w.key("gpa").fixed(truncate2(s.csu_gpa), 2).end_object();
    w.field("on_track", s.on_track);
    w.key("credited_semesters").compact(s.credited_semesters);
    w.key("projected_semesters").compact(s.projected_semesters);
    w.field("ap_this_year", s.ap_this_year).field("open_alerts", s.open_alerts);
    w.end_object();
  }
  w.end_array().key("next_cursor");
  if (page.next_cursor.empty()) w.null();
  else w.value(page.next_cursor);
  w.end_object();
  return w.take();
}

}  // namespace agmon::service
