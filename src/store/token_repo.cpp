// api_tokens: insert, list, revoke, and the per-request lookup of an active token.
#include "agmon/store/token_repo.h"

namespace agmon::store {
namespace {

constexpr const char* kColumns =
    "token_id, name, token_sha256, role, schools, counselor_id, created_at, revoked_at, expires_at";

TokenRow row_from(const Statement& st) {
  TokenRow r;
  r.token_id = static_cast<long>(st.integer(0));
  r.name = st.str(1);
  r.token_sha256 = st.str(2);
  r.role = st.str(3);
  r.schools = st.str(4);
  r.counselor_id = st.str(5);
  r.created_at = st.str(6);
  if (!st.is_null(7)) r.revoked_at = st.str(7);
  if (!st.is_null(8)) r.expires_at = st.str(8);
  return r;
}

}  // namespace

bool token_name_taken(Database& db, const std::string& name) {
  auto st = db.prepare("SELECT 1 FROM api_tokens WHERE name = ?");
  st.bind(1, name);
  return st.step();
}

void insert_token(Database& db, const TokenRow& row) {
  auto st = db.prepare(
      "INSERT INTO api_tokens(name, token_sha256, role, schools, counselor_id, created_at, expires_at) "
      "VALUES (?,?,?,?,?,?,?)");
  st.bind(1, row.name).bind(2, row.token_sha256).bind(3, row.role).bind(4, row.schools);
  st.bind(5, row.counselor_id).bind(6, row.created_at).bind(7, row.expires_at);
  st.run();
}

std::vector<TokenRow> all_tokens(Database& db) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM api_tokens ORDER BY token_id");
  std::vector<TokenRow> out;
  while (st.step()) out.push_back(row_from(st));
  return out;
}

bool revoke_token_row(Database& db, const std::string& name, const std::string& at) {
  if (!token_name_taken(db, name)) return false;
  auto st = db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
  st.bind(1, at).bind(2, name);
  st.run();
  return true;
}

ActiveTokenLookup::ActiveTokenLookup(Database& db)
    : find_(db.prepare(std::string("SELECT ") + kColumns +
                       " FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL "
                       "AND (expires_at IS NULL OR expires_at > ?)")) {}

std::optional<TokenRow> ActiveTokenLookup::find(const std::string& sha256, const std::string& now) {
  ResetOnExit reset(find_);
  find_.bind(1, sha256).bind(2, now);
  if (!find_.step()) return std::nullopt;
  return row_from(find_);
}

}  // namespace agmon::store
