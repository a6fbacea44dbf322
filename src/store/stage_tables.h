// The tables an import writes, as the staging and the first-load writer see them: columns in
// bind order, natural keys, and how a parsed row binds to them. Private to the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/core/model.h"
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
// "k1 = ?i AND k2 = ?j": the key columns as parameters numbered like the insert's columns, so
// one binder fills an insert, a lookup and an update alike.
std::string key_params(const TableSpec& t);

std::optional<std::string> area_text(const std::optional<core::Area>& a);

// Binds a mark's columns (kMarks.columns order) without copying its strings: `m` must outlive
// the statement's next step.
void bind_mark(Statement& st, const core::CourseMark& m);

}  // namespace agmon::store::stage
