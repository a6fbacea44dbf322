// Packed student reports (schema 0003): round trip, size, refusal of damaged data, reports
// packed with zlib by earlier versions, and the repository storing packed bytes while still
// reading rows written as text before.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <memory>

#include "agmon/store/database.h"
#include "agmon/store/evaluation_repo.h"
#include "agmon/store/report_codec.h"
#include "store/report_dictionary.h"
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

// `json` packed the way agmon did before zstd: zlib level 1 with the report dictionary as
// preset dictionary.
std::string zlib_packed(const std::string& json) {
  namespace dict = store::report_dictionary;
  z_stream z{};
  REQUIRE(deflateInit2(&z, 1, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  REQUIRE(deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dict::kV1),
                               sizeof(dict::kV1) - 1) == Z_OK);
  std::string out(deflateBound(&z, json.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(json.data()));
  z.avail_in = static_cast<uInt>(json.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

unsigned byte(const std::string& s, size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Every single-bit change of `packed` is refused or still gives `json`, never other text.
void check_no_bit_flip_misreads(const std::string& packed, const std::string& json) {
  int refused = 0;
  for (size_t i = 0; i < packed.size(); ++i)
    for (int bit : {0, 7}) {
      std::string damaged = packed;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
      auto back = store::unpack_report(damaged);
      if (back) {
        CHECK(*back == json);
      } else {
        ++refused;
      }
    }
  // Nearly all are refused (a few header bits, e.g. a larger window size, change nothing).
  CHECK(refused * 10 > static_cast<int>(packed.size()) * 2 * 9);
}

}  // namespace

TEST_CASE("a packed report is a zstd frame several times smaller that unpacks to the same text") {
  const std::string json = sample_report();
  const std::string packed = store::pack_report(json);
  // The zstd magic number, little-endian 0xFD2FB528.
  REQUIRE(packed.size() > 4);
  CHECK(byte(packed, 0) == 0x28);
  CHECK(byte(packed, 1) == 0xB5);
  CHECK(byte(packed, 2) == 0x2F);
  CHECK(byte(packed, 3) == 0xFD);
  // 12 near-identical entries plus the dictionary's phrases: far under a fifth of the text.
  CHECK(packed.size() * 5 < json.size());
  auto back = store::unpack_report(packed);
  REQUIRE(back.has_value());
  CHECK(*back == json);
  // Packing is repeatable on the same thread (the context keeps only its dictionary).
  CHECK(store::pack_report(json) == packed);
  CHECK(*store::unpack_report(store::pack_report("{}")) == "{}");
  CHECK(*store::unpack_report(store::pack_report("")) == "");
}

TEST_CASE("the dictionary does the work on short reports") {
  // A text made only of dictionary phrases packs to a few bytes more than the frame's
  // header and checksum; without the dictionary zstd would keep it nearly as is.
  const std::string json = "{\"student_id\":\"\",\"school_id\":\"\",\"grade_level\":11,";
  const std::string packed = store::pack_report(json);
  CHECK(packed.size() < 24);
  CHECK(*store::unpack_report(packed) == json);
}

TEST_CASE("reports packed with zlib by earlier versions still unpack") {
  const std::string json = sample_report();
  const std::string old = zlib_packed(json);
  // RFC 1950 header: deflate with a 32 KB window (0x78), then the preset dictionary's
  // Adler-32, big-endian, in bytes 2..5.
  REQUIRE(old.size() > 6);
  CHECK(byte(old, 0) == 0x78);
  CHECK(byte(old, 2) == 0xED);
  CHECK(byte(old, 3) == 0xA9);
  CHECK(byte(old, 4) == 0x81);
  CHECK(byte(old, 5) == 0x75);
  CHECK(*store::unpack_report(old) == json);
  CHECK(*store::unpack_report(zlib_packed("")) == "");
  CHECK(*store::stored_report("", old) == json);
}

TEST_CASE("damaged or foreign packed bytes are refused, not misread") {
  const std::string json = sample_report();
  for (const std::string& packed : {store::pack_report(json), zlib_packed(json)}) {
    INFO("first byte " << byte(packed, 0));
    CHECK_FALSE(store::unpack_report(packed.substr(0, packed.size() / 2)).has_value());
    CHECK_FALSE(store::unpack_report(packed.substr(0, packed.size() - 1)).has_value());
    CHECK_FALSE(store::unpack_report(packed.substr(0, 1)).has_value());
    check_no_bit_flip_misreads(packed, json);
  }
  // Bytes after a zstd frame are refused (the zlib reader, as before, stops at its stream's end).
  CHECK_FALSE(store::unpack_report(store::pack_report(json) + "x").has_value());
  CHECK_FALSE(store::unpack_report("not zlib at all").has_value());
  CHECK_FALSE(store::unpack_report("\x28\xB5\x2F\xFD").has_value());   // the zstd magic alone
  CHECK_FALSE(store::unpack_report("x not zlib either").has_value());  // 'x' is 0x78
  // Bytes 2..5 of a zlib stream with a preset dictionary name it (Adler-32): another
  // dictionary is refused.
  std::string foreign = zlib_packed(json);
  foreign[3] = static_cast<char>(foreign[3] ^ 0x55);
  CHECK_FALSE(store::unpack_report(foreign).has_value());
}

TEST_CASE("the stored report is the packed column when set, else the old text column") {
  CHECK(*store::stored_report("{\"old\":1}", "") == "{\"old\":1}");
  CHECK(*store::stored_report("", "") == "");
  CHECK_FALSE(store::unpack_report("").has_value());
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

TEST_CASE("a saved evaluation keeps its own texts and report, however its row is freed after") {
  test::TempDir dir;
  auto db = store::Database::open(dir.file("e.db"));
  REQUIRE(db.ok());
  store::EvaluationRepo repo(**db);
  for (const char* id : {"S1", "S2"}) {
    auto row = std::make_unique<store::EvaluationRow>();
    row->student_id = id;
    row->school_code = "101";
    row->as_of_year = "2025-2026";
    row->report_json =
        std::string("{\"student_id\":\"") + id + "\",\"pad\":\"" + std::string(3000, 'x') + "\"}";
    row->report_packed = store::pack_report(row->report_json);
    repo.save(*row, 1);
    row.reset();  // the statement bound these in place: nothing of them may be read again
  }
  auto s1 = repo.find("S1");
  REQUIRE(s1);
  CHECK(s1->school_code == "101");
  CHECK(s1->report_json.rfind("{\"student_id\":\"S1\"", 0) == 0);
  CHECK(repo.report_json("S2")->size() ==
        std::string("{\"student_id\":\"S2\",\"pad\":\"\"}").size() + 3000);
}
