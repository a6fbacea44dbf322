// `agmon serve` configuration: defaults, config keys, flags over keys, absolute paths, and a
// usage error naming the flag or key for every bad value.
#include <catch2/catch.hpp>

#include <filesystem>

#include "agmon/app/serve_config.h"
#include "support/test_support.h"

using agmon::app::parse_serve_config;

TEST_CASE("serve defaults: 127.0.0.1:8080, ./agmon.db made absolute, no inbox") {
  auto c = parse_serve_config({}, {});
  REQUIRE(c.ok());
  CHECK(c->http.bind == "127.0.0.1");
  CHECK(c->http.port == 8080);
  CHECK(c->http.db_path == (std::filesystem::current_path() / "agmon.db").string());
  CHECK(c->inbox.dir.empty());
  CHECK(c->http.threads == 32);
  CHECK_FALSE(c->daemon);
  CHECK_FALSE(c->allow_root);
  CHECK(c->log.level == "info");
}

TEST_CASE("config keys are read and flags win over them") {
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("a.properties"),
                          "# test\n"
                          "agmon.db.path = /srv/agmon/district.db\n"
                          "agmon.http.bind = 0.0.0.0\n"
                          "agmon.http.port = 9000\n"
                          "agmon.http.threads = 48\n"
                          "agmon.http.keep_alive = false\n"
                          "agmon.http.header_deadline_seconds = 4\n"
                          "agmon.http.max_upload_bytes = 1048576\n"
                          "agmon.inbox.dir = /srv/agmon/inbox\n"
                          "agmon.inbox.poll_seconds = 5\n"
                          "agmon.inbox.at = 02:30\n"
                          "agmon.inbox.mode = full\n"
                          "agmon.log.file = /var/log/agmon/agmon.log\n"
                          "agmon.allow_root = true\n");
  auto c = parse_serve_config({"--config", dir.file("a.properties")}, {"--port", "9100", "--daemon", "--pidfile", "run/agmon.pid"});
  REQUIRE(c.ok());
  CHECK(c->http.db_path == "/srv/agmon/district.db");
  CHECK(c->http.bind == "0.0.0.0");
  CHECK(c->http.port == 9100);  // the flag, not the key's 9000
  CHECK(c->http.threads == 48);
  CHECK_FALSE(c->http.keep_alive);
  CHECK(c->http.header_deadline_s == 4);
  CHECK(c->http.max_upload_bytes == 1048576);
  CHECK(c->inbox.dir == "/srv/agmon/inbox");
  CHECK(c->inbox.db_path == "/srv/agmon/district.db");
  CHECK(c->inbox.poll_seconds == 5);
  CHECK(c->inbox.at_minute == 150);  // 2 h 30 min after midnight
  CHECK(c->inbox.mode == agmon::store::ImportMode::kFull);
  CHECK(c->log.file == "/var/log/agmon/agmon.log");
  CHECK(c->allow_root);
  CHECK(c->daemon);
  CHECK(c->pidfile == (std::filesystem::current_path() / "run/agmon.pid").string());
  CHECK(c->config.at("agmon.http.port") == "9000");  // the file's own values stay available
}

TEST_CASE("bad serve flags and config values are usage errors naming the flag or key") {
  agmon::test::TempDir dir;
  struct Case {
    std::string key_value;
    std::string named;
  };
  for (const Case& k : {Case{"agmon.http.port = 70000", "agmon.http.port"},
                        Case{"agmon.http.threads = 0", "agmon.http.threads"},
                        Case{"agmon.http.keep_alive = maybe", "agmon.http.keep_alive"},
                        Case{"agmon.http.header_deadline_seconds = 0", "agmon.http.header_deadline_seconds"},
                        Case{"agmon.inbox.at = 25:00", "agmon.inbox.at"},
                        Case{"agmon.inbox.at = 2:30", "agmon.inbox.at"},
                        Case{"agmon.inbox.mode = partial", "agmon.inbox.mode"},
                        Case{"agmon.inbox.max_reject_rate = 2", "agmon.inbox.max_reject_rate"},
                        Case{"agmon.log.level = loud", "--log-level"},
                        Case{"agmon.http.tls.certificate = /etc/agmon/cert.pem", "agmon.http.tls.private_key"},
                        Case{"agmon.http.tls.private_key = /etc/agmon/key.pem", "agmon.http.tls.certificate"}}) {
    INFO(k.key_value);
    agmon::test::write_file(dir.file("b.properties"), k.key_value + "\n");
    auto c = parse_serve_config({"--config", dir.file("b.properties")}, {});
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == agmon::core::ErrorCode::kInvalidArgument);
    CHECK(c.error().message.find(k.named) != std::string::npos);
  }
  CHECK_FALSE(parse_serve_config({}, {"--port", "http"}).ok());
  CHECK_FALSE(parse_serve_config({}, {"--frobnicate"}).ok());
  CHECK_FALSE(parse_serve_config({}, {"extra"}).ok());
  CHECK_FALSE(parse_serve_config({"--config", dir.file("missing.properties")}, {}).ok());
  CHECK(parse_serve_config({}, {"--allow-root"})->allow_root);
}

TEST_CASE("the TLS certificate and key keys: blank by default, both read and made absolute") {
  auto plain = parse_serve_config({}, {});
  REQUIRE(plain.ok());
  CHECK(plain->http.tls_certificate.empty());
  CHECK(plain->http.tls_private_key.empty());
  agmon::test::TempDir dir;
  agmon::test::write_file(dir.file("tls.properties"),
                          "agmon.http.tls.certificate = tls/cert.pem\n"
                          "agmon.http.tls.private_key = /etc/agmon/key.pem\n");
  auto c = parse_serve_config({"--config", dir.file("tls.properties")}, {});
  REQUIRE(c.ok());
  CHECK(c->http.tls_certificate == (std::filesystem::current_path() / "tls/cert.pem").string());
  CHECK(c->http.tls_private_key == "/etc/agmon/key.pem");
}

TEST_CASE("etc/agmon.properties documents exactly the built-in defaults") {
  auto documented = parse_serve_config({"--config", std::string(AGMON_SOURCE_DIR) + "/etc/agmon.properties"}, {});
  REQUIRE(documented.ok());
  auto builtin = parse_serve_config({}, {});
  REQUIRE(builtin.ok());
  const auto& d = documented->http;
  const auto& b = builtin->http;
  CHECK(d.db_path == b.db_path);
  CHECK(d.bind == b.bind);
  CHECK(d.port == b.port);
  CHECK(d.threads == b.threads);
  CHECK(d.max_queued == b.max_queued);
  CHECK(d.keep_alive == b.keep_alive);
  CHECK(d.keep_alive_timeout_s == b.keep_alive_timeout_s);
  CHECK(d.max_keep_alive_requests == b.max_keep_alive_requests);
  CHECK(d.timeout_s == b.timeout_s);
  CHECK(d.header_deadline_s == b.header_deadline_s);
  CHECK(d.max_upload_bytes == b.max_upload_bytes);
  CHECK(d.upload_dir == b.upload_dir);
  CHECK(d.auth_failures_per_minute == b.auth_failures_per_minute);
  CHECK(d.report_cache_bytes == b.report_cache_bytes);
  CHECK(d.audit_flush_ms == b.audit_flush_ms);
  CHECK(d.tls_certificate == b.tls_certificate);
  CHECK(d.tls_private_key == b.tls_private_key);
  CHECK(documented->inbox.dir == builtin->inbox.dir);
  CHECK(documented->inbox.poll_seconds == builtin->inbox.poll_seconds);
  CHECK_FALSE(documented->inbox.at_minute.has_value());
  CHECK(documented->inbox.mode == builtin->inbox.mode);
  CHECK(documented->inbox.max_reject_rate == builtin->inbox.max_reject_rate);
  CHECK(documented->log.level == builtin->log.level);
  CHECK(documented->log.file == builtin->log.file);
  CHECK(documented->log.max_bytes == builtin->log.max_bytes);
  CHECK(documented->log.max_files == builtin->log.max_files);
  CHECK(documented->allow_root == builtin->allow_root);
}
