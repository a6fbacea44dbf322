// API tokens: generation, hashing, storage, revocation and authentication.
#include "agmon/service/tokens.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>

#include "service/clock.h"

namespace agmon::service {
namespace {

using core::ErrorCode;
using core::make_error;

constexpr std::string_view kTokenPrefix = "agm_";
constexpr size_t kSecretBytes = 32;

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
  std::array<unsigned char, kSecretBytes> secret{};
  if (!random_bytes(secret.data(), secret.size()))
    return make_error(ErrorCode::kIoError, "cannot read /dev/urandom");
  std::string token = std::string(kTokenPrefix) + base64url(secret.data(), secret.size());
  try {
    auto check = db.prepare("SELECT 1 FROM api_tokens WHERE name = ?");
    check.bind(1, t.name);
    if (check.step()) return make_error(ErrorCode::kConflict, "a token named '" + t.name + "' exists");
    auto st = db.prepare(
        "INSERT INTO api_tokens(name, token_sha256, role, schools, counselor_id, created_at) "
        "VALUES (?,?,?,?,?,?)");
    st.bind(1, t.name).bind(2, token_hash(token)).bind(3, role_name(t.role));
    st.bind(4, join_schools(t.schools)).bind(5, t.counselor_id).bind(6, now_iso8601());
    st.run();
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot store the token: ") + e.what());
  }
  return token;
}

core::Result<std::vector<TokenInfo>> list_tokens(store::Database& db) {
  std::vector<TokenInfo> out;
  try {
    auto st = db.prepare(
        "SELECT token_id, name, role, schools, counselor_id, created_at, revoked_at "
        "FROM api_tokens ORDER BY token_id");
    while (st.step()) {
      TokenInfo t;
      t.token_id = static_cast<long>(st.integer(0));
      t.name = st.str(1);
      t.role = parse_role(st.text(2)).value_or(Role::kCounselor);
      t.schools = split_schools(st.text(3));
      t.counselor_id = st.str(4);
      t.created_at = st.str(5);
      if (!st.is_null(6)) t.revoked_at = st.str(6);
      out.push_back(std::move(t));
    }
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot read tokens: ") + e.what());
  }
  return out;
}

core::Status revoke_token(store::Database& db, const std::string& name) {
  try {
    auto check = db.prepare("SELECT 1 FROM api_tokens WHERE name = ?");
    check.bind(1, name);
    if (!check.step()) return make_error(ErrorCode::kNotFound, "no token named '" + name + "'");
    check.reset();
    auto st = db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
    st.bind(1, now_iso8601()).bind(2, name);
    st.run();
  } catch (const store::StoreError& e) {
    return make_error(ErrorCode::kIoError, std::string("cannot revoke the token: ") + e.what());
  }
  return core::Status::success();
}

struct TokenAuthenticator::Impl {
  store::Statement find;
};

TokenAuthenticator::TokenAuthenticator(store::Database& db)
    : impl_(new Impl{db.prepare(
          "SELECT token_sha256, name, role, schools, counselor_id FROM api_tokens "
          "WHERE token_sha256 = ? AND revoked_at IS NULL")}) {}

TokenAuthenticator::~TokenAuthenticator() = default;

std::optional<Principal> TokenAuthenticator::authenticate(std::string_view token) {
  if (!well_formed(token)) return std::nullopt;
  const std::string hash = token_hash(token);
  auto& st = impl_->find;
  st.bind(1, hash);
  std::optional<Principal> out;
  try {
    if (st.step() && constant_time_equal(st.text(0), hash)) {
      Principal p;
      p.token_name = st.str(1);
      auto role = parse_role(st.text(2));
      if (role) {
        p.role = *role;
        p.schools = split_schools(st.text(3));
        p.counselor_id = st.str(4);
        // A counselor row without schools would mean "everything"; refuse it instead.
        if (p.role != Role::kCounselor || !p.schools.empty()) out = std::move(p);
      }
    }
  } catch (...) {
    st.reset();
    throw;
  }
  st.reset();  // ends the read transaction, so the next call sees new revocations
  return out;
}

}  // namespace agmon::service
