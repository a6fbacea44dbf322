// API tokens: secrets shown once and stored hashed, authentication, revocation at once,
// scope rules of the Principal, and refusal of malformed token requests.
#include <catch2/catch.hpp>

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
