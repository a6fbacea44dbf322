// API tokens (`agmon token`, the daemon's Bearer auth): random secrets shown once, stored
// only as SHA-256 hashes with a role and a scope, revocable by name; and the Principal that
// every scoped service call takes, so counselor scoping is enforced below the HTTP layer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/store/database.h"

namespace agmon::service {

enum class Role { kCounselor, kAdmin, kImporter };

std::string_view role_name(Role role);                       // "counselor" / "admin" / "importer"
std::optional<Role> parse_role(std::string_view name);       // exact names above

// Who is calling: the token's name, role and scope. Value type, cheap to copy.
struct Principal {
  std::string token_name;
  Role role = Role::kCounselor;
  std::vector<std::string> schools;  // counselor: the schools it may see (never empty)
  std::string counselor_id;          // counselor: "" = every caseload of its schools

  bool is_admin() const { return role == Role::kAdmin; }
  // Student data (reports, lists, alerts, gaps): admins, and counselors.
  bool may_read_students() const { return role != Role::kImporter; }
  // Imports (upload, history, quarantined rows): admins and importers.
  bool may_import() const { return role != Role::kCounselor; }
  // Whether a record of this school / caseload is in scope (admins: always; importers: never).
  bool covers_school(std::string_view school) const;
  bool covers_student(std::string_view school, std::string_view counselor) const;
};

// A principal that sees everything (the CLI, tests).
Principal admin_principal(std::string name = "cli");

// How long a new token lasts unless its maker says otherwise (`token add --expires-days`).
inline constexpr int kDefaultTokenDays = 365;

struct NewToken {
  std::string name;                  // unique; printable, 1..100 characters
  Role role = Role::kCounselor;
  std::vector<std::string> schools;  // required (>= 1) for counselors, refused for the others
  std::string counselor_id;          // counselors only
  int expires_days = kDefaultTokenDays;  // 0 = never expires (revoke it when done); max 3650
};

struct TokenInfo {
  long token_id = 0;
  std::string name;
  Role role = Role::kCounselor;
  std::vector<std::string> schools;
  std::string counselor_id;
  std::string created_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> expires_at;  // nullopt: never
};

// The SHA-256 of a token as 64 lowercase hex digits (what api_tokens stores).
std::string token_hash(std::string_view token);

// Creates a token and returns the secret ("agm_" + 43 base64url characters, 256 random bits
// from /dev/urandom). Only its hash is stored. kInvalidArgument for a bad name or scope,
// kConflict when the name is taken.
core::Result<std::string> add_token(store::Database& db, const NewToken& token);
// Every token, revoked ones included, oldest first. Never the secrets (they are not kept).
core::Result<std::vector<TokenInfo>> list_tokens(store::Database& db);
// Revokes by name; kNotFound when there is no such token. Revoking twice is not an error.
// Signals the change (store/change_signal.h) so that a running daemon sees it at once.
core::Status revoke_token(store::Database& db, const std::string& name);

// Checks Bearer tokens against api_tokens. Keep one per connection (per thread); not
// thread-safe. A token found valid is remembered, so later requests cost a SHA-256 and one
// stat() instead of a database read: the memory is dropped whenever revoke_token signals a
// change (from any process), and an expiry is checked on every call. So a revocation still
// takes effect at the next request.
class TokenAuthenticator {
 public:
  explicit TokenAuthenticator(store::Database& db);
  ~TokenAuthenticator();
  TokenAuthenticator(const TokenAuthenticator&) = delete;
  TokenAuthenticator& operator=(const TokenAuthenticator&) = delete;
  // The principal of a valid, unrevoked token; nullopt otherwise (unknown, revoked,
  // malformed). The stored hash is compared in constant time. Throws store::StoreError on a
  // database failure.
  std::optional<Principal> authenticate(std::string_view token);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agmon::service
