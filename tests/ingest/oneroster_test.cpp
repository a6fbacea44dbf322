// The OneRoster importer: the 1.1 sample folder, a zip of it, 1.2 headers (roles.csv,
// textScore), the score-to-mark table, in-progress enrollments and bad input.
#include <catch2/catch.hpp>

#include <filesystem>

#include "agmon/ingest/oneroster_importer.h"
#include "agmon/ingest/oneroster_zip.h"
#include "ingest/formats_sink.h"
#include "ingest/uc_course_list_json.h"

using namespace agmon;
using agmon::test::FormatsSink;

namespace {

// A copy of the OneRoster sample in a temp folder, with files to rewrite.
struct Export {
  test::TempDir dir;
  std::string path = dir.file("export");
  Export() { std::filesystem::copy(test::sample("oneroster"), path); }
  std::string file(const std::string& name) const { return path + "/" + name; }
  std::string read(const std::string& name) const { return test::read_file(file(name)); }
  void write(const std::string& name, const std::string& text) const { test::write_file(file(name), text); }
  void replace(const std::string& name, const std::string& from, const std::string& to) const {
    std::string text = read(name);
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    write(name, text.replace(at, from.size(), to));
  }
};

core::Result<ingest::FileStats> parse(const std::string& path, FormatsSink& sink,
                                      const std::map<std::string, std::string>* config = nullptr) {
  return ingest::parse_file(path, test::options_with(config), sink);
}

bool has_warning(const FormatsSink& sink, const std::string& text) {
  for (const auto& w : sink.warnings)
    if (w.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a OneRoster folder or zip is detected, a folder without users.csv is not") {
  CHECK(*ingest::detect_file_kind(test::sample("oneroster")) == ingest::FileKind::kOneRosterFolder);
  CHECK(*ingest::detect_file_kind(test::data_path("formats/oneroster.zip")) ==
        ingest::FileKind::kOneRosterFolder);
  CHECK(!ingest::detect_file_kind(test::data_path("samples/canonical")).ok());
}

TEST_CASE("OneRoster users and demographics become students that fill blanks, race from the federal booleans") {
  FormatsSink sink;
  auto stats = parse(test::sample("oneroster"), sink);
  REQUIRE(stats.ok());
  REQUIRE(sink.updates.size() == 6);  // the teacher u-t001 is not a student
  const auto* avery = sink.update_of("100011");
  REQUIRE(avery);
  CHECK(avery->mode == ingest::StudentUpdate::Mode::kFillBlanks);
  CHECK(avery->create_if_unknown);
  CHECK(avery->ssid == "9100000011");       // userIds {CA-SSID:9100000011}
  CHECK(avery->school_code == "9900011");   // org identifier 99123459900011: the last 7 digits
  CHECK(avery->grade_level == "11");
  CHECK(avery->academic_year == "2024-2025");  // schoolYear 2025
  CHECK(avery->first_name == "Avery");
  CHECK(avery->last_name == "Quill");
  CHECK(avery->birth_date == "2008-03-14");
  CHECK(avery->gender == "F");
  CHECK(avery->hispanic == true);
  CHECK(*avery->race_codes == std::vector<int>{700});
  // Lossy: Japanese (202) + White reads as Other Asian (299) + White; Chinese + Filipino as 299.
  CHECK(*sink.update_of("100037")->race_codes == std::vector<int>{299, 700});
  CHECK(*sink.update_of("100045")->race_codes == std::vector<int>{299});
  CHECK(sink.update_of("100045")->gender.empty());  // 1.1 has no nonbinary sex
  CHECK(*sink.update_of("100061")->race_codes == std::vector<int>{100});
  CHECK(sink.update_of("100061")->last_name == "Valc\xC3\xA1rcel");
  CHECK(has_warning(sink, "OneRoster carries no EL status, SED, SWD, foster or homeless flags: the 6 students"));
  CHECK(has_warning(sink, "1 students have no sex in demographics.csv"));
}

TEST_CASE("OneRoster courses give way to a catalog, final results become marks with CALPADS terms") {
  FormatsSink sink;
  auto stats = parse(test::sample("oneroster"), sink);
  REQUIRE(stats.ok());
  REQUIRE(sink.default_courses.size() == 8);
  CHECK(sink.default_courses[0].local_course_id == "ENG11");
  CHECK(sink.default_courses[0].course_title == "English 11");
  CHECK(sink.default_courses[0].school_code == "9900011");
  CHECK(sink.default_courses[0].academic_year == "2024-2025");
  CHECK(!sink.default_courses[0].ag_area);
  REQUIRE(sink.marks.size() == 14);  // 14 final results; every enrollment has one
  const auto* m = sink.mark_of("100011", "ENG11", "S2");  // the spring semester starts second
  REQUIRE(m);
  CHECK(m->mark == "B+");  // comment mark=B+ (score 88 agrees)
  CHECK(m->section_id == "ENG11-01B");
  CHECK(m->school_code == "9900011");
  CHECK(m->academic_year == "2024-2025");
  CHECK(m->status == "completed");
  CHECK(m->credits_attempted.empty());
  CHECK(sink.mark_of("100037", "ELD3", "S1")->mark == "P");    // score 0, mark=P
  CHECK(sink.mark_of("100045", "USHIST", "S1")->mark == "I");  // exempt, mark=I
  CHECK(stats->rows_read == 6 + 8 + 14);
  CHECK(stats->rows_quarantined == 0);
  CHECK(!has_warning(sink, "read from a score"));
}

TEST_CASE("scores alone go through the score-to-mark table, which a district can replace") {
  Export x;
  std::string results = x.read("results.csv");
  for (std::size_t at; (at = results.find(",mark=")) != std::string::npos;)
    results.erase(at + 1, results.find('\r', at) - at - 1);  // drop every comment
  x.write("results.csv", results);
  FormatsSink sink;
  REQUIRE(parse(x.path, sink).ok());
  // Default table: 91 A-, 88 B+, 71 C-, 65 D, 40 F; ELD3's P (score 0) becomes F.
  CHECK(sink.mark_of("100011", "ENG11", "S1")->mark == "A-");
  CHECK(sink.mark_of("100011", "ENG11", "S2")->mark == "B+");
  CHECK(sink.mark_of("100011", "ALG2", "S1")->mark == "C-");
  CHECK(sink.mark_of("100011", "ALG2", "S2")->mark == "D");
  CHECK(sink.mark_of("100037", "CHEMH", "S1")->mark == "F");
  CHECK(sink.mark_of("100037", "ELD3", "S1")->mark == "F");
  CHECK(sink.mark_of("100045", "USHIST", "S1") == nullptr);  // exempt with no mark: skipped
  CHECK(sink.marks.size() == 13);
  CHECK(has_warning(sink, "13 final marks were read from a score"));
  CHECK(has_warning(sink, "1 final results are exempt with no mark"));

  std::map<std::string, std::string> coarse = {{"ingest.oneroster.score_marks", "90:A, 80:B, 70:C, 60:D, 0:F"}};
  FormatsSink other;
  REQUIRE(parse(x.path, other, &coarse).ok());
  CHECK(other.mark_of("100011", "ENG11", "S2")->mark == "B");  // 88
  std::map<std::string, std::string> broken = {{"ingest.oneroster.score_marks", "90:A, eighty:B"}};
  auto refused = parse(x.path, other, &broken);
  REQUIRE(!refused.ok());
  CHECK(refused.error().message == "export: ingest.oneroster.score_marks: 'eighty:B' is not <lowest score>:<mark> (e.g. 90:A-)");
}

TEST_CASE("OneRoster 1.2: roles.csv, primaryOrgSourcedId, textScore, renamed and unknown columns") {
  Export x;
  x.write("users.csv",
          "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
          "middleName,identifier,email,grades,primaryOrgSourcedId,metadata.district.house\r\n"
          "u-100011,active,,true,s100011,{CA-SSID:9100000011},Avery,Quill,J,100011,,11,org-qrhs,Oak\r\n"
          "u-t001,active,,true,tquarry,,Lee,Marlow,,T001,,,org-qrhs,\r\n");
  x.write("roles.csv",
          "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId\r\n"
          "r1,active,,u-100011,primary,student,,,org-qrhs\r\nr2,active,,u-t001,primary,teacher,,,org-qrhs\r\n");
  x.write("demographics.csv", "sourcedid,birthdate,sex,white,asian,hispanicOrLatinoEthnicity\r\n"
                              "u-100011,2008-03-14,other,true,true,false\r\n");
  x.write("results.csv",
          "sourcedId,lineItemSourcedId,studentSourcedId,scoreStatus,score,textScore,scoreDate\r\n"
          "res-1,li-eng11-01a,u-100011,fully graded,91,A,2024-12-20\r\n");
  x.replace("manifest.csv", "oneroster.version,1.1", "oneroster.version,1.2");
  FormatsSink sink;
  auto stats = parse(x.path, sink);
  REQUIRE(stats.ok());
  REQUIRE(sink.updates.size() == 1);
  CHECK(sink.updates[0].school_code == "9900011");
  CHECK(sink.updates[0].gender == "X");  // 1.2 sex "other"
  CHECK(sink.updates[0].birth_date == "2008-03-14");
  CHECK(*sink.updates[0].race_codes == std::vector<int>{299, 700});
  // The text score, then Avery's three other enrollments with no result: in progress.
  REQUIRE(sink.marks.size() == 4);
  CHECK(sink.marks[0].mark == "A");  // textScore wins over the 91
  CHECK(sink.mark_of("100011", "ENG11", "S2")->status == "in_progress");
  CHECK(sink.mark_of("100011", "ALG2", "S1")->status == "in_progress");
}

TEST_CASE("a zipped OneRoster export reads like the folder") {
  FormatsSink folder, zipped;
  auto a = parse(test::sample("oneroster"), folder);
  auto b = parse(test::data_path("formats/oneroster.zip"), zipped);  // files in a subfolder
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(b->rows_read == a->rows_read);
  REQUIRE(zipped.marks.size() == folder.marks.size());
  for (std::size_t i = 0; i < folder.marks.size(); ++i) {
    CHECK(zipped.marks[i].student_id == folder.marks[i].student_id);
    CHECK(zipped.marks[i].mark == folder.marks[i].mark);
  }
  CHECK(zipped.update_of("100061")->last_name == "Valc\xC3\xA1rcel");
}

TEST_CASE("the inflater reads stored, fixed and dynamic blocks and refuses damage") {
  auto hex = [](const std::string& h) {
    std::string out;
    for (std::size_t i = 0; i < h.size(); i += 2) out += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
    return out;
  };
  // Vectors from zlib (raw deflate): fixed Huffman, stored, empty.
  CHECK(*ingest::inflate_raw(hex("cb48cdc9c957c8402701"), 100) == "hello hello hello hello");
  CHECK(*ingest::inflate_raw(hex("010300fcff616263"), 100) == "abc");
  CHECK(ingest::inflate_raw(hex("0300"), 100)->empty());
  CHECK(!ingest::inflate_raw(hex("cb48cdc9c957c8402701"), 10).ok());  // more than declared
  CHECK(!ingest::inflate_raw(hex("cb48cdc9c9"), 100).ok());            // truncated
  CHECK(!ingest::inflate_raw(hex("010300fcfe616263"), 100).ok());      // LEN/NLEN disagree
  CHECK(ingest::crc32("123456789") == 0xCBF43926u);

  std::string zip = test::read_file(test::data_path("formats/oneroster.zip"));
  auto entries = ingest::read_zip_bytes(zip);
  REQUIRE(entries.ok());
  CHECK(entries->size() == 11);
  std::string damaged = zip;
  damaged[200] = static_cast<char>(damaged[200] ^ 0x55);  // inside the first entry's data
  auto refused = ingest::read_zip_bytes(damaged);
  REQUIRE(!refused.ok());
  CHECK(refused.error().message.rfind("zip entry export-2025-06-20/academicSessions.csv: ", 0) == 0);
  CHECK(!ingest::read_zip_bytes(zip.substr(0, zip.size() / 2)).ok());
  CHECK(ingest::read_zip_bytes("PK\x03\x04 not really").error().message == "not a zip archive (no central directory)");
}

TEST_CASE("bad OneRoster rows are quarantined with the file inside the export and the rule") {
  Export x;
  std::string results = x.read("results.csv");
  results += "res-100,active,,li-eng11-01a,u-999,fully graded,90,,\r\n";      // no such student
  results += "res-101,active,,li-eng11-01a,u-100029,fully graded,,,mark=Q\r\n";  // unknown mark
  results += "res-102,active,,li-eng11-01a,u-100053\r\n";                      // ragged
  x.write("results.csv", results);
  x.write("lineItems.csv", x.read("lineItems.csv") +
                               "li-ghost,active,,Ghost final,,,,cls-ghost,cat-final,,0,100\r\n");
  x.write("results.csv", x.read("results.csv") + "res-103,active,,li-ghost,u-100029,fully graded,90,,\r\n");
  FormatsSink sink;
  auto stats = parse(x.path, sink);
  REQUIRE(stats.ok());
  REQUIRE(sink.errors.size() == 4);
  CHECK(sink.errors[0].kind == ingest::RowErrorKind::kOrphan);
  CHECK(sink.errors[0].file == "export");
  CHECK(sink.errors[0].line == 16);
  CHECK(sink.errors[0].message == "results.csv: user u-999 is not a student in users.csv");
  CHECK(sink.errors[1].kind == ingest::RowErrorKind::kUnknownMark);
  CHECK(sink.errors[1].column == "comment");
  CHECK(sink.errors[2].kind == ingest::RowErrorKind::kWrongColumnCount);
  CHECK(sink.errors[3].kind == ingest::RowErrorKind::kDanglingReference);
  CHECK(sink.errors[3].message == "results.csv: class cls-ghost is not in classes.csv");
  CHECK(stats->rows_quarantined == 4);
  CHECK(sink.marks.size() == 14);
}

TEST_CASE("a OneRoster export without users.csv or with a required column missing is refused") {
  Export x;
  std::filesystem::remove(x.file("users.csv"));
  FormatsSink sink;
  auto no_users = ingest::parse_file_as(x.path, ingest::FileKind::kOneRosterFolder, {}, sink);
  REQUIRE(!no_users.ok());
  CHECK(no_users.error().message == "export: users.csv is missing: not a OneRoster export agmon can read");
  Export y;
  y.replace("classes.csv", "courseSourcedId", "course");
  auto no_column = parse(y.path, sink);
  REQUIRE(!no_column.ok());
  CHECK(no_column.error().message == "export: classes.csv: missing column 'courseSourcedId'");
}

TEST_CASE("damaged zips and JSON never crash the readers: seeded byte mutations are refused or read") {
  std::string zip = test::read_file(test::data_path("formats/oneroster.zip"));
  std::string json = test::read_file(test::sample("ucop/courselist-institution-99990.json"));
  std::uint32_t state = 12345;  // a fixed LCG: the same mutations every run
  auto next = [&state] { return state = state * 1664525u + 1013904223u; };
  int refused = 0;
  for (int i = 0; i < 600; ++i) {
    std::string z = zip, j = json;
    for (int k = 0; k < 1 + i % 4; ++k) {
      z[next() % z.size()] = static_cast<char>(next() >> 24);
      j[next() % j.size()] = static_cast<char>(next() >> 24);
    }
    if (i % 7 == 0) z.resize(next() % z.size());
    refused += !ingest::read_zip_bytes(z).ok();
    (void)ingest::json::parse_json(j);
  }
  CHECK(refused > 300);  // most damage is caught by the CRC or the structure checks
}
