// The student list use case (GET /api/v1/students): students with their A-G summary from
// the stored evaluations, filtered, restricted to the caller's scope, paged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/service/tokens.h"
#include "agmon/store/database.h"
#include "agmon/store/student_list_repo.h"

namespace agmon::service {

inline constexpr int kMaxPageSize = 1000;
inline constexpr int kDefaultPageSize = 100;

struct StudentListQuery {
  std::optional<std::string> school;
  std::optional<std::string> counselor;
  // Matches a student id prefix, or the start of the last or first name (case-insensitive
  // for ASCII). Wildcards are literal.
  std::optional<std::string> q;
  int limit = kDefaultPageSize;  // 1..kMaxPageSize
  std::string cursor;            // "" = first page; else a next_cursor from the previous page
};

// One row of a page: the stored evaluation with names and open alerts, as the store reads it
// (store/student_list_repo.h; school_code is the contract's school_id, uc_gpa_capped its gpa).
using StudentSummary = store::StudentListRow;

struct StudentPage {
  std::vector<StudentSummary> students;  // ascending by student id
  std::string next_cursor;               // "" on the last page
};

// kInvalidArgument for a bad limit or cursor; kPermissionDenied when the query names a
// school or counselor outside the principal's scope (an importer has no student scope at
// all). A query inside the scope only ever returns students the principal covers.
core::Result<StudentPage> list_students(store::Database& db, const Principal& who,
                                        const StudentListQuery& query);

// {"students":[...],"next_cursor":"..."|null}
std::string student_page_json(const StudentPage& page);

// Opaque paging cursors shared by the list endpoints: base64url of "<kind>:<key>".
std::string encode_cursor(const std::string& kind, const std::string& key);
// nullopt when the cursor is malformed or of another kind.
std::optional<std::string> decode_cursor(const std::string& kind, const std::string& cursor);

}  // namespace agmon::service
