// API token rows (table api_tokens): what `agmon token` and the daemon's Bearer check need,
// and nothing else. Only SHA-256 hashes of the secrets are stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agmon/store/database.h"

namespace agmon::store {

struct TokenRow {
  long token_id = 0;
  std::string name;
  std::string token_sha256;  // 64 lowercase hex digits
  std::string role;          // counselor / admin / importer
  std::string schools;       // ';'-separated
  std::string counselor_id;
  std::string created_at;    // ISO-8601 UTC
  std::optional<std::string> revoked_at;
  std::optional<std::string> expires_at;  // nullopt: never expires
};

// Throws StoreError on a database failure.
bool token_name_taken(Database& db, const std::string& name);
void insert_token(Database& db, const TokenRow& row);
std::vector<TokenRow> all_tokens(Database& db);  // oldest first
// Sets revoked_at on an unrevoked token; false when no token has this name.
bool revoke_token_row(Database& db, const std::string& name, const std::string& at);

// The active-token lookup of one connection (the statement is prepared once): the row of an
// unrevoked, unexpired token with this hash at `now` (ISO-8601 UTC). Not thread-safe.
class ActiveTokenLookup {
 public:
  explicit ActiveTokenLookup(Database& db);
  std::optional<TokenRow> find(const std::string& sha256, const std::string& now);

 private:
  Statement find_;
};

}  // namespace agmon::store
