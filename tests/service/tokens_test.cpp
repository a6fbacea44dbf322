// API tokens: secrets shown once and stored hashed, authentication, revocation at once,
// scope rules of the Principal, and refusal of malformed token requests.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <thread>

#include "agmon/service/tokens.h"
#include "support/test_support.h"

using namespace agmon;
using service::Role;

namespace {

std::unique_ptr<store::Database> open_db(const test::TempDir& dir) {
  auto db = store::Database::open(dir.file("t.db"));
  REQUIRE(db.ok());
  return std::move(db.value());
}

service::NewToken counselor(const std::string& name, std::vector<std::string> schools,
                            std::string caseload = "") {
  service::NewToken t;
  t.name = name;
  t.role = Role::kCounselor;
  t.schools = std::move(schools);
  t.counselor_id = std::move(caseload);
  return t;
}

}  // namespace

TEST_CASE("token_hash is the SHA-256 of the token in lowercase hex") {
  // FIPS 180-2 test vector for "abc".
  CHECK(service::token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a new token is 256 random bits, stored only as its hash, and authenticates") {
  test::TempDir dir;
  auto db = open_db(dir);
  auto token = service::add_token(*db, counselor("ms-lee", {"101", "102"}, "C7"));
  REQUIRE(token.ok());
  // "agm_" + 43 base64url characters (ceil(32 * 8 / 6) = 43, no padding).
  CHECK(token->size() == 47);
  CHECK(token->rfind("agm_", 0) == 0);

  auto st = db->prepare("SELECT token_sha256, role, schools, counselor_id FROM api_tokens");
  REQUIRE(st.step());
  CHECK(st.str(0) == service::token_hash(*token));
  CHECK(st.str(0).find(token->substr(4)) == std::string::npos);
  CHECK(st.str(1) == "counselor");
  CHECK(st.str(2) == "101;102");
  CHECK(st.str(3) == "C7");
  st.reset();

  service::TokenAuthenticator auth(*db);
  auto who = auth.authenticate(*token);
  REQUIRE(who.has_value());
  CHECK(who->token_name == "ms-lee");
  CHECK(who->role == Role::kCounselor);
  CHECK(who->schools == std::vector<std::string>{"101", "102"});
  CHECK(who->counselor_id == "C7");

  auto second = service::add_token(*db, counselor("mr-ortiz", {"101"}));
  REQUIRE(second.ok());
  CHECK(*second != *token);
}

TEST_CASE("unknown, malformed and revoked tokens do not authenticate; revocation is immediate") {
  test::TempDir dir;
  auto db = open_db(dir);
  service::NewToken admin;
  admin.name = "district-admin";
  admin.role = Role::kAdmin;
  auto token = service::add_token(*db, admin);
  REQUIRE(token.ok());
  service::TokenAuthenticator auth(*db);
  REQUIRE(auth.authenticate(*token).has_value());

  std::string forged = *token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(auth.authenticate(forged).has_value());
  CHECK_FALSE(auth.authenticate("").has_value());
  CHECK_FALSE(auth.authenticate("agm_' OR 1=1 --").has_value());
  CHECK_FALSE(auth.authenticate(*token + "x").has_value());

  REQUIRE(service::revoke_token(*db, "district-admin").ok());
  CHECK_FALSE(auth.authenticate(*token).has_value());  // same authenticator, next call
  CHECK(service::revoke_token(*db, "district-admin").ok());  // twice is fine

  auto list = service::list_tokens(*db);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 1);
  CHECK(list->front().role == Role::kAdmin);
  CHECK(list->front().revoked_at.has_value());
}

TEST_CASE("token requests with a bad name or scope are refused with the reason") {
  test::TempDir dir;
  auto db = open_db(dir);
  auto no_school = service::add_token(*db, counselor("x", {}));
  REQUIRE_FALSE(no_school.ok());
  CHECK(no_school.error().code == core::ErrorCode::kInvalidArgument);
  CHECK(no_school.error().message.find("--school") != std::string::npos);

  service::NewToken importer;
  importer.name = "nightly";
  importer.role = Role::kImporter;
  importer.schools = {"101"};
  CHECK(service::add_token(*db, importer).error().code == core::ErrorCode::kInvalidArgument);

  CHECK(service::add_token(*db, counselor("", {"101"})).error().code == core::ErrorCode::kInvalidArgument);
  CHECK(service::add_token(*db, counselor("tab\tname", {"101"})).error().code ==
        core::ErrorCode::kInvalidArgument);
  CHECK(service::add_token(*db, counselor("a", {"10;1"})).error().code == core::ErrorCode::kInvalidArgument);

  REQUIRE(service::add_token(*db, counselor("dup", {"101"})).ok());
  CHECK(service::add_token(*db, counselor("dup", {"102"})).error().code == core::ErrorCode::kConflict);
  CHECK(service::revoke_token(*db, "nobody").error().code == core::ErrorCode::kNotFound);
}

TEST_CASE("a principal covers only its schools and, when set, its caseload") {
  service::Principal c;
  c.role = Role::kCounselor;
  c.schools = {"A"};
  CHECK(c.covers_student("A", "C1"));
  CHECK(c.covers_student("A", "C2"));
  CHECK_FALSE(c.covers_student("B", "C1"));
  c.counselor_id = "C1";
  CHECK(c.covers_student("A", "C1"));
  CHECK_FALSE(c.covers_student("A", "C2"));
  CHECK_FALSE(c.covers_student("A", ""));
  CHECK(c.may_read_students());
  CHECK_FALSE(c.may_import());

  auto admin = service::admin_principal();
  CHECK(admin.covers_student("B", "anyone"));
  CHECK(admin.may_import());

  service::Principal importer;
  importer.role = Role::kImporter;
  CHECK_FALSE(importer.covers_school("A"));
  CHECK_FALSE(importer.may_read_students());
  CHECK(importer.may_import());
}

TEST_CASE("a remembered token is refused once another connection revokes it") {
  // The daemon's worker remembers valid tokens; `agmon token revoke` runs in another process
  // with its own connection. The next call must still see the revocation.
  test::TempDir dir;
  auto daemon_db = open_db(dir);
  auto cli_db = open_db(dir);
  auto token = service::add_token(*cli_db, counselor("ms-lee", {"101"}));
  auto other = service::add_token(*cli_db, counselor("mr-ortiz", {"101"}));
  REQUIRE(token.ok());
  REQUIRE(other.ok());
  service::TokenAuthenticator auth(*daemon_db);
  for (int i = 0; i < 3; ++i) REQUIRE(auth.authenticate(*token).has_value());  // now remembered
  REQUIRE(auth.authenticate(*other).has_value());
  REQUIRE(service::revoke_token(*cli_db, "ms-lee").ok());
  CHECK_FALSE(auth.authenticate(*token).has_value());
  CHECK(auth.authenticate(*other).has_value());  // the others are read again, still valid
  // Two revocations in quick succession are both seen (the signal counts, it is not a time).
  auto third = service::add_token(*cli_db, counselor("ms-chu", {"101"}));
  REQUIRE(third.ok());
  REQUIRE(auth.authenticate(*third).has_value());
  REQUIRE(service::revoke_token(*cli_db, "mr-ortiz").ok());
  REQUIRE(service::revoke_token(*cli_db, "ms-chu").ok());
  CHECK_FALSE(auth.authenticate(*other).has_value());
  CHECK_FALSE(auth.authenticate(*third).has_value());
}

TEST_CASE("tokens expire after their days, 365 by default, never with 0") {
  test::TempDir dir;
  auto db = open_db(dir);
  auto plain = service::add_token(*db, counselor("default-life", {"101"}));
  auto forever = counselor("forever", {"101"});
  forever.expires_days = 0;
  REQUIRE(plain.ok());
  REQUIRE(service::add_token(*db, forever).ok());
  auto list = service::list_tokens(*db);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 2);
  REQUIRE((*list)[0].expires_at.has_value());
  // created_at + 365 days, to the second: compare the calendar parts.
  const std::string created = (*list)[0].created_at, expires = *(*list)[0].expires_at;
  CHECK(std::stoi(expires.substr(0, 4)) * 366 + std::stoi(expires.substr(5, 2)) * 31 +
            std::stoi(expires.substr(8, 2)) -
            (std::stoi(created.substr(0, 4)) * 366 + std::stoi(created.substr(5, 2)) * 31 +
             std::stoi(created.substr(8, 2))) >=
        360);
  CHECK(expires.substr(10) == created.substr(10));  // same time of day
  CHECK_FALSE((*list)[1].expires_at.has_value());

  auto too_long = counselor("too-long", {"101"});
  too_long.expires_days = 3651;
  CHECK(service::add_token(*db, too_long).error().code == core::ErrorCode::kInvalidArgument);
  too_long.expires_days = -1;
  CHECK(service::add_token(*db, too_long).error().code == core::ErrorCode::kInvalidArgument);
}

TEST_CASE("an expired token is refused, also when it was remembered while valid") {
  test::TempDir dir;
  auto db = open_db(dir);
  auto token = service::add_token(*db, counselor("short", {"101"}));
  REQUIRE(token.ok());
  // A token past its expiry (the row is back-dated: the test cannot wait a year).
  db->exec("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE name = 'short'");
  service::TokenAuthenticator fresh(*db);
  CHECK_FALSE(fresh.authenticate(*token).has_value());
  // A token that expires in a second, remembered while valid: the remembered copy must give
  // up by itself once that passes (expiry needs no signal).
  auto soon = service::add_token(*db, counselor("soon", {"101"}));
  REQUIRE(soon.ok());
  const std::time_t at = std::time(nullptr) + 1;
  char buf[32];
  std::tm tm{};
  gmtime_r(&at, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  db->exec(std::string("UPDATE api_tokens SET expires_at = '") + buf + "' WHERE name = 'soon'");
  service::TokenAuthenticator watcher(*db);
  REQUIRE(watcher.authenticate(*soon).has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  CHECK_FALSE(watcher.authenticate(*soon).has_value());
}
