// One HTTP connection: Poco's request loop, with a 400 for headers it cannot parse.
#include "http/connection.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace agmon::http {
namespace {

class Connection : public Poco::Net::HTTPServerConnection {
 public:
  using HTTPServerConnection::HTTPServerConnection;

  void run() override {
    // Poco's session closes the socket as the exception leaves its loop, before we could
    // answer: keep a second descriptor of the same connection for the 400.
    // Closed on every way out (a timeout or reset propagates to Poco's own handler).
    struct Spare {
      int fd;
      ~Spare() {
        if (fd >= 0) ::close(fd);
      }
    } spare{::dup(socket().impl()->sockfd())};
    try {
      HTTPServerConnection::run();
    } catch (const Poco::SyntaxException&) {  // "Content-Length: abc", or past 64 bits
      if (spare.fd >= 0) bad_request(spare.fd);
    }
  }

 private:
  static void bad_request(int fd) {
    static const std::string kBody = R"({"error":{"code":"bad_request","message":"malformed request header"}})";
    const std::string reply = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n"
                              "Content-Length: " + std::to_string(kBody.size()) +
                              "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + kBody;
    // Best effort: a client that is gone gets nothing (MSG_NOSIGNAL: no SIGPIPE).
    (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
  }
};

}  // namespace

Poco::Net::TCPServerConnection* ConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
  return new Connection(socket, params_, handlers_);
}

}  // namespace agmon::http
