// Loading the daemon's certificate and key into a server Context, with a clear reason for every
// way the pair can be wrong.
#include "agmon/http/tls.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetSSL.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

namespace agmon::http {

SslLibrary::SslLibrary() {
  Poco::Net::initializeSSL();
}
SslLibrary::~SslLibrary() {
  Poco::Net::uninitializeSSL();
}

namespace {

// TLS 1.2 suites with forward secrecy and authenticated encryption only (about Mozilla's
// "intermediate" list); TLS 1.3 suites are all of that kind and are left at OpenSSL's default.
constexpr const char* kCiphers = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5";

core::Error invalid(const std::string& message) {
  return core::make_error(core::ErrorCode::kInvalidArgument, message);
}

// The first error OpenSSL queued, as its reason text; the queue is emptied.
std::string openssl_reason() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no PEM data found";
  const char* reason = ERR_reason_error_string(code);
  return reason ? reason : "error " + std::to_string(code);
}

// Never asked: an encrypted key would need a passphrase at every start, which a daemon cannot
// type. Replaces the callback Poco installs, which asks Poco's SSLManager.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

core::Result<std::string> read_whole(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid("cannot read the TLS " + what + " " + path + ": " + std::strerror(errno));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string format_time(const ASN1_TIME* t) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || ASN1_TIME_print(bio.get(), t) != 1) return "?";
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string subject_of(X509* cert) {
  char buf[512];
  if (!X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf)) return "?";
  std::string s(buf);
  return !s.empty() && s[0] == '/' ? s.substr(1) : s;  // "/CN=localhost" -> "CN=localhost"
}

}  // namespace

core::Result<TlsServerContext> load_tls_server_context(const std::string& certificate_file,
                                                       const std::string& private_key_file) {
  if (certificate_file.empty() != private_key_file.empty())
    return invalid(std::string(certificate_file.empty() ? "agmon.http.tls.private_key is set but "
                                                          "agmon.http.tls.certificate is not"
                                                        : "agmon.http.tls.certificate is set but "
                                                          "agmon.http.tls.private_key is not") +
                   ": set both for HTTPS, neither for plain HTTP");
  if (certificate_file.empty()) return invalid("no TLS certificate and key configured");

  // Read first, so a missing file is "cannot read", not an OpenSSL puzzle.
  auto cert_pem = read_whole(certificate_file, "certificate");
  if (!cert_pem) return cert_pem.error();
  // The key is a secret: refuse it when others could read it, as ssh does, before reading it.
  struct stat st {};
  if (::stat(private_key_file.c_str(), &st) != 0)
    return invalid("cannot read the TLS private key " + private_key_file + ": " +
                   std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return invalid("the TLS private key " + private_key_file + " is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return invalid("the TLS private key " + private_key_file +
                   " is readable by group or others (mode " + mode +
                   "); it is a secret: chmod 600 " + private_key_file);
  }
  auto key_pem = read_whole(private_key_file, "private key");
  if (!key_pem) return key_pem.error();

  TlsServerContext out;
  try {
    Poco::Net::Context::Params params;  // no files: loaded below, with our own error messages
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;  // no client certificates
    params.loadDefaultCAs = false;
    params.cipherList = kCiphers;
    out.context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    out.context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    out.context->preferServerCiphers();
  } catch (const Poco::Exception& e) {
    return core::make_error(core::ErrorCode::kIoError, "cannot set up TLS: " + e.displayText());
  }
  SSL_CTX* ctx = out.context->sslContext();
  SSL_CTX_set_default_passwd_cb(ctx, no_passphrase);
  // Client-initiated renegotiation costs the server a handshake per request of the client's.
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
  // One SSL_write sends all it is given (or fails), like a send on a blocking plain socket: the
  // dispatcher writes a whole reply with one sendBytes call.
  SSL_CTX_clear_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
  ERR_clear_error();

  if (SSL_CTX_use_certificate_chain_file(ctx, certificate_file.c_str()) != 1)
    return invalid("the TLS certificate " + certificate_file +
                   " holds no usable PEM certificate (" + openssl_reason() + ")");
  using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
  Bio key_bio(BIO_new_mem_buf(key_pem->data(), static_cast<int>(key_pem->size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr) : nullptr,
      EVP_PKEY_free);
  if (!key) {
    const bool encrypted = key_pem->find("ENCRYPTED") != std::string::npos;
    return invalid(
        "the TLS private key " + private_key_file + " holds no usable PEM private key (" +
        openssl_reason() + ")" +
        (encrypted
             ? "; it is encrypted: store it without a passphrase (openssl pkey -in KEY -out NEW)"
             : ""));
  }
  X509* cert = SSL_CTX_get0_certificate(ctx);
  if (!cert || X509_check_private_key(cert, key.get()) != 1) {
    ERR_clear_error();
    return invalid("the TLS private key " + private_key_file + " does not match the certificate " +
                   certificate_file);
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1)
    return invalid("the TLS private key " + private_key_file +
                   " cannot be used with the certificate " + certificate_file + " (" +
                   openssl_reason() + ")");

  out.subject = subject_of(cert);
  out.not_after = format_time(X509_get0_notAfter(cert));
  out.expired = X509_cmp_current_time(X509_get0_notAfter(cert)) < 0;
  return out;
}

}  // namespace agmon::http
