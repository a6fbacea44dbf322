// The inbox: a file written slowly is imported only once complete, a .done marker is taken at
// once, a batch waits while any file is still being written, bad files go to rejected/, and
// every moved file has its report beside it.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "agmon/app/inbox_scheduler.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using agmon::app::InboxScheduler;

namespace {

const std::string kStudents =
    "student_id,school_code,grade_level,counselor_id,last_name,first_name\n"
    "600001,9900011,11,C1,Ito,Ren\n"
    "600002,9900011,10,C1,Jones,Kai\n";

struct Inbox {
  agmon::test::TempDir dir;
  agmon::http::ImportGate gate;
  std::unique_ptr<InboxScheduler> inbox;
  std::string path;
  Inbox() {
    path = dir.file("inbox");
    agmon::app::InboxOptions o;
    o.dir = path;
    o.db_path = dir.file("agmon.db");
    o.max_reject_rate = 0.5;
    inbox = std::make_unique<InboxScheduler>(o, agmon::service::Settings(), gate, agmon::http::LogFn());
    REQUIRE(inbox->prepare().ok());  // no thread: the tests call poll_once() themselves
  }
  long students() {
    auto db = agmon::store::Database::open(dir.file("agmon.db"));
    REQUIRE(db.ok());
    auto st = (*db)->prepare("SELECT count(*) FROM students");
    REQUIRE(st.step());
    return static_cast<long>(st.integer(0));
  }
  std::vector<std::string> files(const std::string& sub) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path + "/" + sub)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

// Bumps a file's mtime as a writer appending to it would (same size is not enough alone).
void append(const std::string& file, const std::string& text) {
  std::ofstream(file, std::ios::app) << text;
}

}  // namespace

TEST_CASE("a file written slowly is imported only after two polls see it unchanged") {
  Inbox in;
  const std::string file = in.path + "/students.csv";
  agmon::test::write_file(file, kStudents.substr(0, 70));  // the header and part of a row
  std::time_t now = 1767225600;
  CHECK(in.inbox->poll_once(now) == 0);  // first sight
  append(file, kStudents.substr(70));    // the writer goes on
  CHECK(in.inbox->poll_once(now + 30) == 0);  // it changed since the last poll
  CHECK(in.students() == 0);
  CHECK(in.inbox->poll_once(now + 60) == 1);  // unchanged: complete
  CHECK(in.students() == 2);
  CHECK_FALSE(fs::exists(file));
  auto moved = in.files("processed");
  REQUIRE(moved.size() == 2);
  CHECK(moved[0] == "20260101T000100Z-students.csv");  // 1767225660 = 2026-01-01T00:01:00Z
  CHECK(moved[1] == "20260101T000100Z-students.csv.report.json");
  std::string report = agmon::test::read_file(in.path + "/processed/" + moved[1]);
  CHECK(report.find("\"outcome\":\"applied\"") != std::string::npos);
  CHECK(in.inbox->poll_once(now + 90) == 0);  // nothing left
}

TEST_CASE("a .done marker makes a file complete at once; the marker goes too") {
  Inbox in;
  agmon::test::write_file(in.path + "/students.csv", kStudents);
  agmon::test::write_file(in.path + "/students.csv.done", "");
  CHECK(in.inbox->poll_once(1767225600) == 1);
  CHECK(in.students() == 2);
  CHECK_FALSE(fs::exists(in.path + "/students.csv.done"));
}

TEST_CASE("the batch waits while any file of the export is still being written") {
  Inbox in;
  agmon::test::write_file(in.path + "/students.csv", kStudents);
  agmon::test::write_file(in.path + "/students.csv.done", "");
  agmon::test::write_file(in.path + "/course_marks.csv", "student_id,school_code,academic_year");
  CHECK(in.inbox->poll_once(1767225600) == 0);  // course_marks.csv is new: not complete yet
  CHECK(in.students() == 0);
  append(in.path + "/course_marks.csv", ",term_code,local_course_id,mark\n600001,9900011,2025-2026,S1,ENG11,A\n");
  CHECK(in.inbox->poll_once(1767225630) == 0);
  // Both are complete now: one call imports them together (the mark's course is unknown, so
  // it is quarantined; the import still applies).
  CHECK(in.inbox->poll_once(1767225660) == 2);
  CHECK(in.students() == 2);
  CHECK(in.files("processed").size() == 4);
}

TEST_CASE("a file the importer refuses goes to rejected/ with its report; hidden and partial files stay") {
  Inbox in;
  agmon::test::write_file(in.path + "/mystery.csv", "what,is,this\n1,2,3\n");
  agmon::test::write_file(in.path + "/mystery.csv.done", "");
  agmon::test::write_file(in.path + "/.hidden.csv", kStudents);
  agmon::test::write_file(in.path + "/upload.csv.part", kStudents);
  fs::create_symlink(in.dir.file("agmon.db"), in.path + "/link.csv");
  CHECK(in.inbox->poll_once(1767225600) == 1);
  auto rejected = in.files("rejected");
  REQUIRE(rejected.size() == 2);
  CHECK(agmon::test::read_file(in.path + "/rejected/" + rejected[1]).find("\"outcome\":\"rejected\"") !=
        std::string::npos);
  CHECK(fs::exists(in.path + "/.hidden.csv"));
  CHECK(fs::exists(in.path + "/upload.csv.part"));
  CHECK(fs::is_symlink(in.path + "/link.csv"));  // never followed, never moved
}

TEST_CASE("the inbox waits while an upload holds the import gate") {
  Inbox in;
  agmon::test::write_file(in.path + "/students.csv", kStudents);
  agmon::test::write_file(in.path + "/students.csv.done", "");
  {
    auto held = in.gate.enter();
    CHECK(in.inbox->poll_once(1767225600) == 0);
  }
  CHECK(in.inbox->poll_once(1767225630) == 1);
}
