// The UC A-G course list JSON reader: the sample list, honors and course length, the
// institution-to-school setting, bad courses and malformed JSON.
#include <catch2/catch.hpp>

#include "agmon/ingest/uc_course_list.h"
#include "ingest/formats_sink.h"
#include "ingest/uc_course_list_json.h"

using namespace agmon;
using agmon::test::FormatsSink;

namespace {

core::Result<ingest::FileStats> parse_json_text(test::TempDir& dir, const std::string& text,
                                                FormatsSink& sink,
                                                const std::map<std::string, std::string>* config = nullptr,
                                                const std::string& name = "list.json") {
  test::write_file(dir.file(name), text);
  return ingest::parse_file(dir.file(name), test::options_with(config), sink);
}

}  // namespace

TEST_CASE("the sample UC list gives one entry per course with area, abbreviations, honors and length") {
  std::map<std::string, std::string> config = {{"ingest.uc.institutions", "12345:1111111, 99990:9900011"}};
  FormatsSink sink;
  auto stats = ingest::parse_file(test::sample("ucop/courselist-institution-99990.json"),
                                  test::options_with(&config), sink);
  REQUIRE(stats.ok());
  CHECK(stats->kind == ingest::FileKind::kUcCourseList);
  CHECK(stats->rows_read == 5);
  REQUIRE(sink.ag_courses.size() == 5);
  const auto& ap = sink.ag_courses[1];
  CHECK(ap.ucop_course_id == "880002");
  CHECK(ap.course_title == "AP English Language and Composition");
  CHECK(ap.transcript_abbrevs == std::vector<std::string>{"AP ENG LANG A", "AP ENG LANG B"});
  CHECK(ap.ag_area == core::Area::b);
  CHECK(ap.honors == core::Rigor::ap);  // isHonors 1 and an "AP " title
  CHECK(ap.ucop_institution_id == "99990");  // from the file name
  CHECK(ap.school_code == "9900011");        // from ingest.uc.institutions
  CHECK(ap.list_year.empty());
  CHECK(sink.ag_courses[2].honors == core::Rigor::uc_honors);  // Chemistry Honors
  CHECK(sink.ag_courses[0].honors == core::Rigor::none);
  CHECK(sink.ag_courses[0].course_length == "year");    // courseLengthId 2
  CHECK(sink.ag_courses[4].course_length == "semester");  // courseLengthId 1
  CHECK(sink.ag_courses[4].ag_area == core::Area::g);
  CHECK(sink.ag_courses[4].is_online == false);
  CHECK(sink.lines[0] == 3);  // the line where the first course object starts
  FormatsSink unmapped;
  REQUIRE(ingest::parse_file(test::sample("ucop/courselist-institution-99990.json"), {}, unmapped).ok());
  CHECK(unmapped.ag_courses[0].school_code.empty());
}

TEST_CASE("a UC list's honorsTypeName, list year, grade levels and escapes are read") {
  test::TempDir dir;
  FormatsSink sink;
  REQUIRE(parse_json_text(dir,
                          "{\"institutionId\": 7, \"listYear\": \"2024-25\", \"courses\": [\n"
                          "{\"courseId\": \"C1\", \"title\": \"Biolog\\u00eda HL\", \"subjectAreaCode\": \"D\",\n"
                          " \"honorsTypeName\": \"IB\", \"isHonors\": 1, \"gradeLevels\": [\"11\", 12],\n"
                          " \"transcriptAbbreviations\": [\"IB BIO A\", \"IB BIO B\"]}]}",
                          sink).ok());
  REQUIRE(sink.ag_courses.size() == 1);
  const auto& e = sink.ag_courses[0];
  CHECK(e.course_title == "Biolog\xC3\xAD" "a HL");
  CHECK(e.honors == core::Rigor::ib);
  CHECK(e.ag_area == core::Area::d);
  CHECK(e.list_year == "2024-2025");
  CHECK(e.ucop_institution_id == "7");
  CHECK(e.grade_levels == std::vector<int>{11, 12});
  CHECK(e.transcript_abbrevs.size() == 2);
}

TEST_CASE("a UC course without an id, a title or an A-G area is quarantined, the others load") {
  test::TempDir dir;
  FormatsSink sink;
  auto stats = parse_json_text(dir,
                               "{\"courses\": [\n"
                               "  {\"courseId\": 1, \"title\": \"Art 1\", \"subjectAreaCode\": \"f\"},\n"
                               "  {\"courseId\": 2, \"subjectAreaCode\": \"a\"},\n"
                               "  {\"courseId\": 3, \"title\": \"PE\", \"subjectAreaCode\": \"h\"},\n"
                               "  {\"title\": \"No id\", \"subjectAreaCode\": \"b\"},\n"
                               "  7\n]}",
                               sink);
  REQUIRE(stats.ok());
  CHECK(stats->rows_read == 5);
  CHECK(stats->rows_emitted == 1);
  REQUIRE(sink.errors.size() == 4);
  CHECK(sink.errors[0].line == 3);
  CHECK(sink.errors[0].column == "title");
  CHECK(sink.errors[0].kind == ingest::RowErrorKind::kMissingKey);
  CHECK(sink.errors[0].raw == "{\"courseId\": 2, \"subjectAreaCode\": \"a\"}");
  CHECK(sink.errors[1].message == "subjectAreaCode 'h' is not an A-G area (a-g)");
  CHECK(sink.errors[2].column == "courseId");
  CHECK(sink.errors[3].message == "a course must be a JSON object");
}

TEST_CASE("malformed JSON or a missing courses array refuses the UC list whole") {
  test::TempDir dir;
  FormatsSink sink;
  auto broken = parse_json_text(dir, "{\"courses\": [\n{\"courseId\": 1,, }]}", sink);
  REQUIRE(!broken.ok());
  CHECK(broken.error().code == core::ErrorCode::kRejected);
  CHECK(broken.error().message == "list.json: not valid JSON: line 2: expected a member name in quotes");
  // Detected as a course list (an object mentioning "courses") but the array is missing.
  auto shape = parse_json_text(dir, "{\"courses\": {\"a\": 1}}", sink);
  REQUIRE(!shape.ok());
  CHECK(shape.error().message.find("no \"courses\" array") != std::string::npos);
  // Deep nesting is refused, not a stack overflow.
  std::string deep = "{\"courses\": " + std::string(5000, '[') + std::string(5000, ']') + "}";
  auto nested = ingest::json::parse_json(deep);
  REQUIRE(!nested.ok());
  CHECK(nested.error().message.find("nested more than 64 levels") != std::string::npos);
  CHECK(!ingest::json::parse_json("{\"a\": \"\\ud800\"").ok());  // unterminated object
  CHECK(ingest::json::parse_json("[1.5e2, -3, true, null, \"\\ud83d\\ude00\"]")->items[4].text ==
        "\xF0\x9F\x98\x80");
}
