// Shared set-up for the HTTP tests: a two-school synthetic district imported through the
// service, tokens of every role, an in-process server on 127.0.0.1 port 0, and a small
// client (Poco HTTPClientSession, 5 s timeouts) plus a raw-socket client for malformed input.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "agmon/http/server.h"
#include "agmon/service/importer.h"
#include "agmon/service/tokens.h"
#include "agmon/store/database.h"
#include "support/test_support.h"

namespace agmon::test {

// School A (9900011): 500001 (caseload C1, a D in English), 500002 (caseload C2).
// School B (9900022): 500003 (caseload C9, an F in English).
inline const char* kStudentsCsv =
    "student_id,school_code,grade_level,counselor_id,last_name,first_name,gender,hispanic,race_codes\n"
    "500001,9900011,11,C1,Alvarez,Ana,F,Y,\n"
    "500002,9900011,11,C2,Brook,Ben,M,N,700\n"
    "500003,9900022,12,C9,Chen,Cy,X,N,201\n";
inline const char* kCoursesCsv =
    "school_code,local_course_id,course_title,ag_area\n"
    "9900011,ENG11,English 11,b\n"
    "9900022,ENG12,English 12,b\n";
inline const char* kMarksCsv =
    "student_id,school_code,academic_year,term_code,local_course_id,mark\n"
    "500001,9900011,2024-2025,S1,ENG11,B\n"
    "500001,9900011,2024-2025,S2,ENG11,D\n"
    "500002,9900011,2024-2025,S1,ENG11,A\n"
    "500002,9900011,2024-2025,S2,ENG11,A\n"
    "500003,9900022,2024-2025,S1,ENG12,F\n";

struct Response {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  Poco::JSON::Object::Ptr json() const {
    Poco::JSON::Parser p;
    return p.parse(body).extract<Poco::JSON::Object::Ptr>();
  }
  std::string error_code() const { return json()->getObject("error")->getValue<std::string>("code"); }
};

// One request on an open session (plain or HTTPS: HTTPSClientSession is one), the whole
// reply read back.
inline Response exchange(Poco::Net::HTTPClientSession& s, const std::string& method, const std::string& target,
                         const std::string& token = "", const std::string& body = "", bool send_body = false) {
  Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) req.set("Authorization", "Bearer " + token);
  if (!body.empty() || send_body) req.setContentLength(static_cast<std::streamsize>(body.size()));
  std::ostream& os = s.sendRequest(req);
  os << body;
  Poco::Net::HTTPResponse resp;
  std::istream& is = s.receiveResponse(resp);
  Response r;
  r.status = resp.getStatus();
  for (const auto& [k, v] : resp) r.headers[k] = v;
  Poco::StreamCopier::copyToString(is, r.body);
  return r;
}

class TestServer {
 public:
  explicit TestServer(http::ServerOptions options = {}) {
    db_path = dir.file("agmon.db");
    write_file(dir.file("students.csv"), kStudentsCsv);
    write_file(dir.file("courses.csv"), kCoursesCsv);
    write_file(dir.file("course_marks.csv"), kMarksCsv);
    service::Settings settings;
    auto report = service::run_import(
        db_path, {dir.file("students.csv"), dir.file("courses.csv"), dir.file("course_marks.csv")}, {}, settings);
    INFO(report.message);
    REQUIRE(report.exit_code == service::kImportApplied);
    db = open_rw();
    admin = add("admin", service::Role::kAdmin, {}, "");
    counselor_a = add("counselor-a", service::Role::kCounselor, {"9900011"}, "");
    counselor_c1 = add("counselor-c1", service::Role::kCounselor, {"9900011"}, "C1");
    counselor_b = add("counselor-b", service::Role::kCounselor, {"9900022"}, "");
    importer = add("nightly", service::Role::kImporter, {}, "");
    options.bind = "127.0.0.1";
    options.port = 0;
    if (options.threads == 32) options.threads = 8;
    options.db_path = db_path;
    options.audit_flush_ms = 60000;  // tests flush explicitly
    server = std::make_unique<http::Server>(options, settings);
    auto st = server->start();
    INFO((st ? std::string() : st.error().message));
    REQUIRE(st.ok());
  }

  std::unique_ptr<store::Database> open_rw() {
    auto opened = store::Database::open(db_path);
    REQUIRE(opened.ok());
    return std::move(opened.value());
  }

  std::string add(const std::string& name, service::Role role, std::vector<std::string> schools,
                  const std::string& counselor) {
    service::NewToken t{name, role, std::move(schools), counselor};
    auto token = service::add_token(*db, t);
    REQUIRE(token.ok());
    return *token;
  }

  Response call(const std::string& method, const std::string& target, const std::string& token = "",
                const std::string& body = "", bool send_body = false) {
    Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(server->port()));
    s.setTimeout(Poco::Timespan(5, 0));
    return exchange(s, method, target, token, body, send_body);
  }
  Response get(const std::string& target, const std::string& token = "") { return call("GET", target, token); }

  // Sends raw bytes and returns whatever the server answers before closing (or 2 s pass).
  std::string raw(const std::string& bytes) {
    Poco::Net::StreamSocket sock(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server->port())));
    sock.setReceiveTimeout(Poco::Timespan(2, 0));
    std::string out;
    try {
      // The server may answer and close before reading everything (huge headers).
      sock.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
      sock.shutdownSend();
    } catch (const Poco::Exception&) {
    }
    char buf[4096];
    try {
      int n;
      while ((n = sock.receiveBytes(buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    } catch (const Poco::Exception&) {
    }
    return out;
  }

  long audit_rows(const std::string& student = "") {
    REQUIRE(server->flush_audit().ok());
    auto st = db->prepare(student.empty() ? "SELECT count(*) FROM audit_log"
                                          : "SELECT count(*) FROM audit_log WHERE student_id = ?");
    if (!student.empty()) st.bind(1, student);
    REQUIRE(st.step());
    return static_cast<long>(st.integer(0));
  }

  TempDir dir;
  std::string db_path;
  std::unique_ptr<store::Database> db;
  std::string admin, counselor_a, counselor_c1, counselor_b, importer;
  std::unique_ptr<http::Server> server;
};

// The first line of a raw HTTP answer ("HTTP/1.1 400 Bad Request").
inline std::string status_line(const std::string& raw) { return raw.substr(0, raw.find("\r\n")); }

}  // namespace agmon::test
