// Optional HTTPS for the daemon (agmon.http.tls.certificate + agmon.http.tls.private_key): the
// two PEM files are checked and loaded into one Poco::Net::Context before anything listens, so
// a bad pair stops `agmon serve` at start with a one-line reason instead of failing every
// handshake later. No Poco SSLManager configuration is used: nothing can prompt on a terminal.
#pragma once

#include <Poco/Net/Context.h>

#include <string>

#include "agmon/core/result.h"

namespace agmon::http {

// Poco::Net::initializeSSL() for as long as it lives, uninitializeSSL() after. Poco counts the
// calls, so several may be alive at once (the daemon holds one, each HTTPS Server another).
// Keep it out of static storage: uninitializeSSL() uses Poco's SSLManager singleton, which may
// already be gone during static destruction.
class SslLibrary {
 public:
  SslLibrary();
  ~SslLibrary();
  SslLibrary(const SslLibrary&) = delete;
  SslLibrary& operator=(const SslLibrary&) = delete;
};

struct TlsServerContext {
  Poco::Net::Context::Ptr
      context;            // TLS 1.2 minimum, forward-secret AEAD ciphers, no client certificates
  std::string subject;    // of the certificate, for the start-up log line ("CN=localhost")
  std::string not_after;  // "2126-10-30 13:34:45 UTC"
  bool expired = false;   // served anyway (clients decide), but the daemon warns
};

// "" / "" = plain HTTP: callers test tls_configured() first. Needs a live SslLibrary.
// kInvalidArgument with one line naming the file when: only one of the two is set, a file
// cannot be read or holds no PEM certificate / unencrypted PEM key, the key is readable by
// group or others (mode & 077: it is a secret, chmod 600 it), or the key does not belong to
// the certificate.
core::Result<TlsServerContext> load_tls_server_context(const std::string& certificate_file,
                                                       const std::string& private_key_file);

inline bool tls_configured(const std::string& certificate_file,
                           const std::string& private_key_file) {
  return !certificate_file.empty() || !private_key_file.empty();
}

}  // namespace agmon::http
