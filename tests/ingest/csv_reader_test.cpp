// CsvReader: RFC 4180 corner cases, malformed input, and block-boundary independence. Every
// input is read from memory and from a file at several tiny block sizes; all must agree.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "agmon/ingest/csv_reader.h"
#include "support/test_support.h"

using agmon::ingest::CsvOptions;
using agmon::ingest::CsvReader;
using agmon::ingest::CsvStatus;

namespace {

struct Item {
  CsvStatus status;
  std::vector<std::string> fields;
  long line;
  std::string raw;
  bool operator==(const Item& o) const {
    return status == o.status && fields == o.fields && line == o.line && raw == o.raw;
  }
};

std::vector<Item> drain(CsvReader& reader) {
  std::vector<Item> items;
  for (int guard = 0; guard < 1000000; ++guard) {
    CsvStatus st = reader.next();
    if (st == CsvStatus::kEnd) break;
    const auto& r = reader.record();
    items.push_back({st, std::vector<std::string>(r.fields.begin(), r.fields.end()), r.line,
                     std::string(r.raw)});
    if (st == CsvStatus::kIoError) break;
  }
  return items;
}

// Reads `text` from memory, then from a file with block sizes 1, 2, 3, 5, 7 and 1 MiB; requires
// the same records every time and returns them.
std::vector<Item> read_all(const std::string& text, CsvOptions options = {}) {
  CsvReader memory(options);
  memory.open_text(text);
  std::vector<Item> expected = drain(memory);
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("in.csv"), text);
  for (std::size_t block : {1, 2, 3, 5, 7, 1 << 20}) {
    CsvOptions o = options;
    o.block_size = block;
    CsvReader file(o);
    REQUIRE(file.open(dir.file("in.csv")).ok());
    INFO("block size " << block);
    REQUIRE(drain(file) == expected);
  }
  return expected;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("plain LF records give their fields, start lines and raw text", "[ingest]") {
  auto items = read_all("a,b,c\n1,2,3\n");
  REQUIRE(items.size() == 2);
  CHECK(items[0].fields == Fields{"a", "b", "c"});
  CHECK(items[1].fields == Fields{"1", "2", "3"});
  CHECK(items[0].line == 1);
  CHECK(items[1].line == 2);
  CHECK(items[1].raw == "1,2,3");
}

TEST_CASE("CRLF line endings are not part of the last field or the raw text", "[ingest]") {
  auto items = read_all("a,b\r\nc,d\r\n");
  REQUIRE(items.size() == 2);
  CHECK(items[0].fields == Fields{"a", "b"});
  CHECK(items[1].fields == Fields{"c", "d"});
  CHECK(items[1].raw == "c,d");
}

TEST_CASE("a final line without a newline is still a record", "[ingest]") {
  auto items = read_all("a,b\nc,d");
  REQUIRE(items.size() == 2);
  CHECK(items[1].fields == Fields{"c", "d"});
  auto crlf = read_all("a,b\r\nc,d\r");
  REQUIRE(crlf.size() == 2);
  CHECK(crlf[1].fields == Fields{"c", "d"});
}

TEST_CASE("quoted fields may hold the delimiter", "[ingest]") {
  auto items = read_all("\"Smith, Jr.\",\"a,b,c\",x\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields == Fields{"Smith, Jr.", "a,b,c", "x"});
}

TEST_CASE("a doubled quote inside quotes is one quote", "[ingest]") {
  auto items = read_all("\"D\"\"Arcy\",\"\"\"\",\"say \"\"hi\"\"\"\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields == Fields{"D\"Arcy", "\"", "say \"hi\""});
}

TEST_CASE("newlines inside quotes stay in the field and count as physical lines", "[ingest]") {
  // Record 1 spans lines 2-3 (LF inside), record 2 spans lines 4-5 (CRLF inside): the next
  // record starts on line 6.
  auto items = read_all("h1,h2\n\"line one\nline two\",x\n\"crlf\r\ninside\",y\r\nlast,z\n");
  REQUIRE(items.size() == 4);
  CHECK(items[1].fields == Fields{"line one\nline two", "x"});
  CHECK(items[1].line == 2);
  CHECK(items[1].raw == "\"line one\nline two\",x");
  CHECK(items[2].fields == Fields{"crlf\r\ninside", "y"});
  CHECK(items[2].line == 4);
  CHECK(items[3].line == 6);
}

TEST_CASE("a UTF-8 BOM at the start is dropped, elsewhere it is data", "[ingest]") {
  auto items = read_all("\xEF\xBB\xBFstudent_id,x\n\xEF\xBB\xBF" "a,b\n");
  REQUIRE(items.size() == 2);
  CHECK(items[0].fields == Fields{"student_id", "x"});
  CHECK(items[1].fields[0] == "\xEF\xBB\xBF" "a");
  CHECK(read_all("\xEF\xBB\xBF").empty());
}

TEST_CASE("blank and whitespace-only lines are skipped but still counted", "[ingest]") {
  auto items = read_all("\na,b\n\n   \n\r\n\t\nc,d\n\n");
  REQUIRE(items.size() == 2);
  CHECK(items[0].line == 2);
  CHECK(items[1].line == 7);
}

TEST_CASE("empty fields, a trailing delimiter and an empty quoted field", "[ingest]") {
  auto items = read_all(",,\na,\n\"\",b\n");
  REQUIRE(items.size() == 3);
  CHECK(items[0].fields == Fields{"", "", ""});
  CHECK(items[1].fields == Fields{"a", ""});
  CHECK(items[2].fields == Fields{"", "b"});
}

TEST_CASE("a stray quote inside an unquoted field is kept as text", "[ingest]") {
  auto items = read_all("O\"Brien,5\"6,x\"\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields == Fields{"O\"Brien", "5\"6", "x\""});
}

TEST_CASE("text after a closing quote is appended to the field", "[ingest]") {
  auto items = read_all("\"ab\"cd,\"x\" ,y\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields == Fields{"abcd", "x ", "y"});
}

TEST_CASE("an unclosed quote is reported and reading resumes on the next line", "[ingest]") {
  auto items = read_all("a,b\n\"never closed,c\nd,e\n");
  // Line 2 opens a quote that is never closed: one malformed item with line 2's text; the
  // reader then restarts at line 3.
  REQUIRE(items.size() == 3);
  CHECK(items[0].status == CsvStatus::kRecord);
  CHECK(items[1].status == CsvStatus::kMalformed);
  CHECK(items[1].line == 2);
  CHECK(items[1].raw == "\"never closed,c");
  CHECK(items[1].fields.empty());
  CHECK(items[2].status == CsvStatus::kRecord);
  CHECK(items[2].fields == Fields{"d", "e"});
  CHECK(items[2].line == 3);
}

TEST_CASE("an unclosed quote on the last line ends the file with one malformed item", "[ingest]") {
  auto items = read_all("a,b\nc,\"d");
  REQUIRE(items.size() == 2);
  CHECK(items[1].status == CsvStatus::kMalformed);
  CHECK(items[1].raw == "c,\"d");
}

TEST_CASE("an unclosed quote far from the end costs only its own line", "[ingest]") {
  // Line 1 opens a quote no later quote closes; the 20,000 lines after it are intact records.
  std::string text = "\"broken,x\n";
  for (int i = 0; i < 20000; ++i) text += "a,b\n";
  CsvReader reader;
  reader.open_text(text);
  auto items = drain(reader);
  REQUIRE(items.size() == 20001);
  CHECK(items[0].status == CsvStatus::kMalformed);
  CHECK(items[1].fields == Fields{"a", "b"});
  CHECK(items.back().line == 20001);
}

TEST_CASE("a quote opening a field pairs with the next lone quote, even lines later",
          "[ingest]") {
  // RFC 4180: line 1's quote is closed by the quote that opens line 2, so lines 1-2 are one
  // record whose first field holds the newline; line 3 is then unclosed.
  auto items = read_all("\"x,y\n\"z,w\n\"last\n");
  REQUIRE(items.size() == 2);
  CHECK(items[0].fields == Fields{"x,y\nz", "w"});
  CHECK(items[1].status == CsvStatus::kMalformed);
  CHECK(items[1].line == 3);
}

TEST_CASE("a field of several MiB crossing block boundaries is read whole", "[ingest]") {
  std::string big(3 * 1024 * 1024 + 17, 'x');
  big[1000] = ',';  // inside quotes: data
  std::string text = "id,notes\n1,\"" + big + "\"\n2,short\n";
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("big.csv"), text);
  for (std::size_t block : {std::size_t{4096}, std::size_t{1} << 20}) {
    CsvOptions o;
    o.block_size = block;
    CsvReader reader(o);
    REQUIRE(reader.open(dir.file("big.csv")).ok());
    auto items = drain(reader);
    REQUIRE(items.size() == 3);
    CHECK(items[1].fields[1] == big);
    CHECK(items[2].fields == Fields{"2", "short"});
  }
}

TEST_CASE("a record over max_record_bytes is malformed and skipped to its next line", "[ingest]") {
  CsvOptions o;
  o.max_record_bytes = 64;
  // Line 2 is 203 bytes with its newline; lines 1 and 3 are short. The same from memory and
  // from every block size (read_all checks).
  std::string text = "a,b\n" + std::string(200, 'z') + ",q\nc,d\n";
  auto items = read_all(text, o);
  REQUIRE(items.size() == 3);
  CHECK(items[1].status == CsvStatus::kMalformed);
  CHECK(items[1].line == 2);
  CHECK(items[1].raw == std::string(200, 'z') + ",q");
  CHECK(items[2].fields == Fields{"c", "d"});
  CHECK(items[2].line == 3);
}

TEST_CASE("an empty file and a file of newlines have no records", "[ingest]") {
  CHECK(read_all("").empty());
  CHECK(read_all("\n\n\r\n").empty());
}

TEST_CASE("caret-delimited with quoting off treats quotes as text", "[ingest]") {
  CsvOptions o;
  o.delimiter = '^';
  o.quoting = false;
  auto items = read_all("SENR^\"a^b\"^^x\r\n", o);
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields == Fields{"SENR", "\"a", "b\"", "", "x"});
}

TEST_CASE("non-ASCII bytes and a lone CR inside a field pass through unchanged", "[ingest]") {
  auto items = read_all("Valc\xC3\xA1rcel,a\rb\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].fields == Fields{"Valc\xC3\xA1rcel", "a\rb"});
}

TEST_CASE("opening a missing file is kNotFound", "[ingest]") {
  CsvReader reader;
  auto st = reader.open("/nonexistent/agmon/none.csv");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == agmon::core::ErrorCode::kNotFound);
}

TEST_CASE("random binary garbage never crashes and reads the same at every block size",
          "[ingest]") {
  // Bytes drawn from a small alphabet rich in CSV syntax, plus NUL and high bytes.
  const std::string alphabet = std::string("\"\",\n\r a\xEF\xBB\xBF\xFF", 11) + std::string(1, '\0');
  std::mt19937 rng(20240814);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::size_t len = rng() % 300;
    for (std::size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
    auto items = read_all(text);
    for (const Item& it : items) {
      CHECK(it.line >= 1);
      CHECK(it.raw.size() <= text.size());
    }
  }
}
