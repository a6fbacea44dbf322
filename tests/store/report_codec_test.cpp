// Packed student reports (schema 0003): round trip, size, refusal of damaged data, and the
// repository storing packed bytes while still reading rows written as text before.
#include <catch2/catch.hpp>

#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "agmon/store/report_codec.h"
#include "support/test_support.h"

using namespace agmon;

namespace {

// A report shaped like report_to_json's output: 12 course entries of recurring phrases.
std::string sample_report() {
  std::string courses;
  for (int i = 0; i < 12; ++i) {
    if (i) courses += ",";
    courses += "{\"course_id\":\"ENG" + std::to_string(9 + i % 4) +
               "\",\"title\":\"English\",\"area\":\"b\",\"school_year\":\"2024-2025\",\"term\":\"S" +
               std::to_string(1 + i % 2) +
               "\",\"mark\":\"B\",\"status\":\"counted\",\"reason\":\"Counts toward English (b).\","
               "\"grade_level\":10,\"rigor\":\"\"}";
  }
  return "{\"student_id\":\"1000001\",\"school_id\":\"1010014\",\"grade_level\":10,\"uc\":{\"areas\":{}},"
         "\"courses\":[" + courses + "],\"alerts\":[],\"on_track\":true}";
}

}  // namespace

TEST_CASE("a packed report unpacks to the same text and is several times smaller") {
  const std::string json = sample_report();
  const std::string packed = store::pack_report(json);
  // 12 near-identical entries plus the dictionary's phrases: far under a fifth of the text.
  CHECK(packed.size() * 5 < json.size());
  auto back = store::unpack_report(packed);
  REQUIRE(back.has_value());
  CHECK(*back == json);
  // Packing is repeatable on the same thread (the zlib stream is reset, not reused dirty).
  CHECK(store::pack_report(json) == packed);
  CHECK(*store::unpack_report(store::pack_report("{}")) == "{}");
}

TEST_CASE("damaged or foreign packed bytes are refused, not misread") {
  const std::string packed = store::pack_report(sample_report());
  CHECK_FALSE(store::unpack_report(packed.substr(0, packed.size() / 2)).has_value());
  CHECK_FALSE(store::unpack_report("not zlib at all").has_value());
  // Bytes 2..5 of a zlib stream with a preset dictionary name it (Adler-32): another
  // dictionary is refused.
  std::string foreign = packed;
  foreign[3] = static_cast<char>(foreign[3] ^ 0x55);
  CHECK_FALSE(store::unpack_report(foreign).has_value());
}

TEST_CASE("the stored report is the packed column when set, else the old text column") {
  CHECK(*store::stored_report("{\"old\":1}", "") == "{\"old\":1}");
  CHECK(*store::stored_report("", store::pack_report("{\"new\":2}")) == "{\"new\":2}");
}

TEST_CASE("evaluations are saved packed and read back as JSON text") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("e.db"));
  REQUIRE(db.ok());
  store::EvaluationRepo repo(**db);
  store::EvaluationRow row;
  row.student_id = "1001";
  row.school_code = "S1";
  row.grade = 11;
  row.as_of_year = "2025-2026";
  row.race_ethnicity = "white";
  row.gender = "F";
  row.report_json = sample_report();
  repo.save(row, 7);
  auto st = (*db)->prepare("SELECT report_json, length(report_packed) FROM student_evaluations");
  REQUIRE(st.step());
  CHECK(st.text(0).empty());
  CHECK(st.integer(1) > 0);
  CHECK(*repo.report_json("1001") == row.report_json);
  CHECK(repo.find("1001")->report_json == row.report_json);
  CHECK_FALSE(repo.report_json("999").has_value());
  // A row written as text (before schema 0003) still reads.
  (*db)->exec("UPDATE student_evaluations SET report_json = '{\"plain\":true}', report_packed = NULL");
  CHECK(*repo.report_json("1001") == "{\"plain\":true}");
}
