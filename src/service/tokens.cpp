// API tokens: generation, hashing, storage, revocation and authentication.
#include "agmon/service/tokens.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <unordered_map>

#include "agmon/store/change_signal.h"
#include "agmon/store/token_repo.h"
#include "service/clock.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

constexpr std::string_view kTokenPrefix = "agm_";
constexpr size_t kSecretBytes = 32;
constexpr int kMaxTokenDays = 3650;
constexpr size_t kMaxRemembered = 1024;  // valid tokens a connection remembers
constexpr const char* kTokenSignalTopic = "tokens";  // the signal file: <db>-tokens

std::string base64url(const unsigned char* data, size_t n) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = data[i] << 16;
    if (i + 1 < n) v |= data[i + 1] << 8;
    if (i + 2 < n) v |= data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (i + 1 < n) out += kAlphabet[(v >> 6) & 63];
    if (i + 2 < n) out += kAlphabet[v & 63];
  }
  return out;  // no padding: the length is fixed
}

bool random_bytes(unsigned char* out, size_t n) {
  std::ifstream f("/dev/urandom", std::ios::binary);
  f.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n));
  return static_cast<size_t>(f.gcount()) == n;
}

std::vector<std::string> split_schools(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    size_t end = s.find(';', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join_schools(const std::vector<std::string>& schools) {
  std::string out;
  for (const auto& s : schools) {
    if (!out.empty()) out += ';';
    out += s;
  }
  return out;
}

bool printable(std::string_view s, size_t max_len) {
  if (s.empty() || s.size() > max_len) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

bool plain_code(std::string_view s) {  // school and counselor ids: no separators, no spaces
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '-' || c == '_' || c == '.';
  });
}

// Equal-length hex digests compared without an early exit.
bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool well_formed(std::string_view token) {
  if (token.size() != kTokenPrefix.size() + 43 || token.substr(0, kTokenPrefix.size()) != kTokenPrefix)
    return false;
  return std::all_of(token.begin() + kTokenPrefix.size(), token.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '-' || c == '_';
  });
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kCounselor: return "counselor";
    case Role::kAdmin: return "admin";
    case Role::kImporter: return "importer";
  }
  return "counselor";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "counselor") return Role::kCounselor;
  if (name == "admin") return Role::kAdmin;
  if (name == "importer") return Role::kImporter;
  return std::nullopt;
}

bool Principal::covers_school(std::string_view school) const {
  if (role == Role::kAdmin) return true;
  if (role != Role::kCounselor) return false;
  return std::find(schools.begin(), schools.end(), school) != schools.end();
}

bool Principal::covers_student(std::string_view school, std::string_view counselor) const {
  if (!covers_school(school)) return false;
  return role == Role::kAdmin || counselor_id.empty() || counselor == counselor_id;
}

Principal admin_principal(std::string name) {
  Principal p;
  p.token_name = std::move(name);
  p.role = Role::kAdmin;
  return p;
}

std::string token_hash(std::string_view token) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(token.data(), static_cast<unsigned>(token.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

core::Result<std::string> add_token(store::Database& db, const NewToken& t) {
  if (!printable(t.name, 100))
    return make_error(ErrorCode::kInvalidArgument, "--name must be 1 to 100 printable characters");
  for (const auto& s : t.schools)
    if (!plain_code(s))
      return make_error(ErrorCode::kInvalidArgument, "--school '" + s + "' is not a school code");
  if (t.role == Role::kCounselor) {
    if (t.schools.empty())
      return make_error(ErrorCode::kInvalidArgument, "a counselor token needs at least one --school");
    if (!t.counselor_id.empty() && !plain_code(t.counselor_id))
      return make_error(ErrorCode::kInvalidArgument, "--counselor '" + t.counselor_id + "' is not a counselor id");
  } else if (!t.schools.empty() || !t.counselor_id.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string("--school and --counselor apply to counselor tokens only (") +
                          std::string(role_name(t.role)) + " tokens see every school)");
  }
  if (t.expires_days < 0 || t.expires_days > kMaxTokenDays)
    return make_error(ErrorCode::kInvalidArgument,
                      "--expires-days must be 0 (never) to " + std::to_string(kMaxTokenDays));
  std::array<unsigned char, kSecretBytes> secret{};
  if (!random_bytes(secret.data(), secret.size()))
    return make_error(ErrorCode::kIoError, "cannot read /dev/urandom");
  std::string token = std::string(kTokenPrefix) + base64url(secret.data(), secret.size());
  store::TokenRow row;
  row.name = t.name;
  row.token_sha256 = token_hash(token);
  row.role = std::string(role_name(t.role));
  row.schools = join_schools(t.schools);
  row.counselor_id = t.counselor_id;
  const std::time_t now = std::time(nullptr);
  row.created_at = iso8601_at(now);
  if (t.expires_days > 0) row.expires_at = iso8601_at(now + std::time_t{t.expires_days} * 86400);
  try {
    if (store::token_name_taken(db, t.name))
      return make_error(ErrorCode::kConflict, "a token named '" + t.name + "' exists");
    store::insert_token(db, row);
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot store the token: ") + e.what());
  }
  return token;
}

core::Result<std::vector<TokenInfo>> list_tokens(store::Database& db) {
  std::vector<TokenInfo> out;
  try {
    for (auto& r : store::all_tokens(db)) {
      TokenInfo t;
      t.token_id = r.token_id;
      t.name = std::move(r.name);
      t.role = parse_role(r.role).value_or(Role::kCounselor);
      t.schools = split_schools(r.schools);
      t.counselor_id = std::move(r.counselor_id);
      t.created_at = std::move(r.created_at);
      t.revoked_at = std::move(r.revoked_at);
      t.expires_at = std::move(r.expires_at);
      out.push_back(std::move(t));
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read tokens: ") + e.what());
  }
  return out;
}

core::Status revoke_token(store::Database& db, const std::string& name) {
  try {
    if (!store::revoke_token_row(db, name, now_iso8601()))
      return make_error(ErrorCode::kNotFound, "no token named '" + name + "'");
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot revoke the token: ") + e.what());
  }
  // After the commit: a daemon that sees the signal reads the table again and finds the
  // revocation. Should the signal fail, say so: the revocation is stored, but a running
  // daemon may keep accepting the token until it restarts.
  auto signalled = store::ChangeSignal(db.path(), kTokenSignalTopic).raise();
  if (!signalled)
    return make_error(ErrorCode::kIoError, "token '" + name + "' is revoked in the database, but a running daemon " +
                                               "was not told (" + signalled.error().message +
                                               "); restart it to be sure");
  return core::Status::success();
}

struct TokenAuthenticator::Impl {
  struct Known {
    Principal principal;
    std::time_t expires = 0;  // 0: never
  };
  store::ActiveTokenLookup lookup;
  store::ChangeSignal signal;
  store::SignalStamp seen;  // the signal state the remembered tokens were read under
  std::unordered_map<std::string, Known> known;  // by token hash; valid tokens only
};

TokenAuthenticator::TokenAuthenticator(store::Database& db)
    : impl_(new Impl{store::ActiveTokenLookup(db), store::ChangeSignal(db.path(), kTokenSignalTopic), {}, {}}) {}

TokenAuthenticator::~TokenAuthenticator() = default;

std::optional<Principal> TokenAuthenticator::authenticate(std::string_view token) {
  if (!well_formed(token)) return std::nullopt;
  const std::string hash = token_hash(token);
  // The stamp is read BEFORE the table: a revocation signalled after this point changes the
  // stamp, so a row read below is never trusted past it.
  const store::SignalStamp stamp = impl_->signal.stamp();
  const std::time_t now = std::time(nullptr);
  if (stamp != impl_->seen) {
    impl_->known.clear();
    impl_->seen = stamp;
  }
  if (auto it = impl_->known.find(hash); it != impl_->known.end()) {
    if (it->second.expires == 0 || now < it->second.expires) return it->second.principal;
    impl_->known.erase(it);
    return std::nullopt;
  }
  auto row = impl_->lookup.find(hash, iso8601_at(now));
  if (!row || !constant_time_equal(row->token_sha256, hash)) return std::nullopt;
  auto role = parse_role(row->role);
  if (!role) return std::nullopt;
  Principal p;
  p.token_name = std::move(row->name);
  p.role = *role;
  p.schools = split_schools(row->schools);
  p.counselor_id = std::move(row->counselor_id);
  // A counselor row without schools would mean "everything"; refuse it instead.
  if (p.role == Role::kCounselor && p.schools.empty()) return std::nullopt;
  Impl::Known k{p, 0};
  if (row->expires_at) {
    auto at = parse_iso8601(*row->expires_at);
    if (!at) return std::nullopt;  // an unreadable expiry is no expiry to trust
    k.expires = *at;
  }
  if (impl_->known.size() >= kMaxRemembered) impl_->known.clear();  // forged tokens are never remembered
  impl_->known.emplace(hash, std::move(k));
  return p;
}

}  // namespace agmon::service
