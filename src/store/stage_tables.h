// The tables an import writes, as the staging and the first-load writer see them: columns in
// bind order, natural keys, and how a parsed row binds to them. Private to the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/store/database.h"
#include "agmon/store/statement.h"

namespace agmon::store::stage {

// One staged table: its real table, columns, and natural key.
struct TableSpec {
  const char* table;
  std::vector<const char*> columns;  // every column the import writes, in bind order (?1...)
  std::vector<const char*> key;
};

extern const TableSpec kStudents;
extern const TableSpec kCourses;
extern const TableSpec kMarks;
extern const TableSpec kPrograms;

// "c1, c2, ..." with an optional prefix per column.
std::string join(const std::vector<const char*>& cols, const std::string& prefix = "",
                 const char* sep = ", ");
bool is_key(const TableSpec& t, const char* col);
// "?,?,...,?": `n` parameters.
std::string placeholders(size_t n);
// "k1 = ?i AND k2 = ?j": the key columns as parameters numbered like the insert's columns, so
// one binder fills an insert, a lookup and an update alike.
std::string key_params(const TableSpec& t);

std::optional<std::string> area_text(const std::optional<core::Area>& a);

// Binds a mark's columns (kMarks.columns order) to parameters first, first + 1, ... without
// copying its strings: `m` must outlive the statement's next step.
void bind_mark(Statement& st, const core::CourseMark& m, int first = 1);

// Schema objects of one type on a table loaded while empty, dropped before the load and created
// again after it from their own SQL (whatever the schema defines). Indexes: building one once,
// one sort, is about twice as fast as updating it row by row. Triggers: course_marks' count each
// row into course_mark_years (schema 0006), which costs more than the row; the loader writes
// the counts itself (store/course_tally.h). Inside the caller's transaction, so a rollback
// brings them back.
class DeferredObjects {
 public:
  explicit DeferredObjects(const char* type) : type_(type) {}  // "index" or "trigger"
  void drop(Database& db, const char* table);
  // Creates what drop() dropped, once; nothing when drop() was not called.
  void rebuild(Database& db);
  bool dropped() const { return dropped_; }

 private:
  std::string type_;
  std::vector<std::pair<std::string, std::string>> objects_;  // name, CREATE statement
  bool dropped_ = false;
};

}  // namespace agmon::store::stage
