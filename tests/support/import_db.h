// The fixture of the service tests that import: a database in a fresh temporary folder, the
// files written next to it, run_import with the test's settings, and one-value SQL checks.
// Header-only: only the service test binary links the service library.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "agmon/service/importer.h"
#include "agmon/service/settings.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

namespace agmon::test {

struct ImportDb {
  TempDir dir;
  std::string db = dir.file("agmon.db");
  service::Settings settings;

  // Writes `text` to the folder's file `name`; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    write_file(dir.file(name), text);
    return dir.file(name);
  }
  service::ImportReport import(const std::vector<std::string>& files,
                               service::ImportOptions options = {}) const {
    return service::run_import(db, files, options, settings);
  }
  // The first column of the first row of `sql` ("" for NULL), on a connection of its own.
  std::string text(const std::string& sql) const {
    auto d = store::Database::open(db);
    REQUIRE(d.ok());
    auto st = (*d)->prepare(sql);
    REQUIRE(st.step());
    return st.str(0);
  }
  // course_mark_years as "school course year marks; ..." in key order, and the same counted
  // afresh from course_marks: the two must always agree (schema 0006).
  std::string mark_years() const {
    return text(
        "SELECT coalesce(group_concat(row, '; '), '') FROM (SELECT school_code || ' ' || "
        "local_course_id || ' ' || academic_year || ' ' || marks AS row FROM course_mark_years "
        "ORDER BY school_code, local_course_id, academic_year)");
  }
  std::string mark_years_recounted() const {
    return text(
        "SELECT coalesce(group_concat(row, '; '), '') FROM (SELECT school_code || ' ' || "
        "local_course_id || ' ' || academic_year || ' ' || count(*) AS row FROM course_marks "
        "GROUP BY school_code, local_course_id, academic_year ORDER BY 1)");
  }
  long count(const std::string& sql) const {
    auto d = store::Database::open(db);
    REQUIRE(d.ok());
    auto st = (*d)->prepare(sql);
    REQUIRE(st.step());
    return static_cast<long>(st.integer(0));
  }
};

}  // namespace agmon::test
