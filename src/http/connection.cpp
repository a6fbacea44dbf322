// One HTTP connection: Poco's request loop, with a 400 for headers it cannot parse and the
// request-head deadline (see deadline_watchdog.h).
#include "http/connection.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureStreamSocketImpl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

namespace agmon::http {
namespace {

// Wraps the handler of one request: when it returns, the response is out and the connection
// waits for its next request head, so the deadline starts again.
class RearmHandler : public Poco::Net::HTTPRequestHandler {
 public:
  RearmHandler(Poco::Net::HTTPRequestHandler* inner, DeadlineWatchdog& watchdog,
               DeadlineWatchdog::Id id)
      : inner_(inner), watchdog_(watchdog), id_(id) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    struct Rearm {  // also when the handler throws (Poco answers 500 and reads on)
      DeadlineWatchdog& w;
      DeadlineWatchdog::Id id;
      ~Rearm() { w.response_sent(id); }
    } rearm{watchdog_, id_};
    inner_->handleRequest(request, response);
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
  DeadlineWatchdog& watchdog_;
  DeadlineWatchdog::Id id_;
};

// The "handler" of a request whose connection was cut: Poco reads the end of the stream as the
// end of the head, so a cut trickler's half head would otherwise be handled (and counted)
// like a request. Nothing is sent; the connection ends.
class CutHandler : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest&,
                     Poco::Net::HTTPServerResponse& response) override {
    response.setKeepAlive(false);
  }
};

// The watchdog entry of the connection this thread serves (0: none). Poco runs a connection's
// whole request loop, the handler factory call and the handler on one pool thread.
thread_local DeadlineWatchdog::Id t_watch_id = 0;

}  // namespace

// Between Poco's request loop and the dispatcher. Poco calls createRequestHandler right after
// it has read a complete request head, which is the moment the deadline stops.
class HeadTracker : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HeadTracker(Poco::Net::HTTPRequestHandlerFactory::Ptr inner, DeadlineWatchdog* watchdog)
      : inner_(std::move(inner)), watchdog_(watchdog) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override {
    const DeadlineWatchdog::Id id = t_watch_id;
    if (!watchdog_ || id == 0) return inner_->createRequestHandler(request);
    if (!watchdog_->head_received(id)) return new CutHandler;
    Poco::Net::HTTPRequestHandler* handler = inner_->createRequestHandler(request);
    if (!handler) {  // Poco answers 501 itself and reads on
      watchdog_->response_sent(id);
      return nullptr;
    }
    return new RearmHandler(handler, *watchdog_, id);
  }
  // Poco's connections listen to this factory's event (it is the one they are given).
  void server_stopped(bool abort_current) { serverStopped(this, abort_current); }

 private:
  Poco::Net::HTTPRequestHandlerFactory::Ptr inner_;
  DeadlineWatchdog* watchdog_;
};

namespace {

class Connection : public Poco::Net::HTTPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, DeadlineWatchdog* watchdog)
      : HTTPServerConnection(socket, std::move(params), std::move(handlers)), watchdog_(watchdog) {}

  void run() override {
    // Poco's session closes the socket as the exception leaves its loop, before we could
    // answer: keep a second descriptor of the same connection for the 400. It is also the
    // descriptor the watchdog shuts down: open until the watchdog has forgotten us, so it
    // can never name another connection. Closed on every way out.
    struct Spare {
      int fd;
      ~Spare() {
        if (fd >= 0) ::close(fd);
      }
    } spare{::dup(socket().impl()->sockfd())};
    const bool tls = dynamic_cast<Poco::Net::SecureStreamSocketImpl*>(socket().impl()) != nullptr;
    // Declared after `spare`: forgets the connection before the descriptor closes.
    struct Watch {
      DeadlineWatchdog* w = nullptr;
      DeadlineWatchdog::Id id = 0;
      bool cut = false;
      bool end() {  // true when the watchdog cut this connection
        if (w && id) cut = w->forget(id) || cut;
        id = 0;
        t_watch_id = 0;
        return cut;
      }
      ~Watch() { end(); }
    } watch;
    if (watchdog_ && spare.fd >= 0) {
      watch.w = watchdog_;
      watch.id = watchdog_->watch(spare.fd, client_address());
      t_watch_id = watch.id;
    }
    try {
      HTTPServerConnection::run();
    } catch (const Poco::SyntaxException&) {  // "Content-Length: abc", or past 64 bits
      // Over TLS the connection just closes: plain bytes cannot go inside the TLS stream.
      if (!watch.end() && spare.fd >= 0 && !tls) bad_request(spare.fd);
    } catch (const Poco::Exception&) {
      // A cut connection fails as Poco tries to answer 400 to its half head: expected, and
      // already logged by the watchdog. Anything else goes to Poco's error handler as before.
      if (!watch.end()) throw;
    }
  }

 private:
  std::string client_address() {
    try {
      return socket().peerAddress().host().toString();
    } catch (const Poco::Exception&) {  // already gone
      return "?";
    }
  }

  static void bad_request(int fd) {
    static const std::string kBody =
        R"({"error":{"code":"bad_request","message":"malformed request header"}})";
    const std::string reply =
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Content-Length: " +
        std::to_string(kBody.size()) + "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" +
        kBody;
    // Best effort: a client that is gone gets nothing (MSG_NOSIGNAL: no SIGPIPE).
    (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
  }

  DeadlineWatchdog* watchdog_;
};

}  // namespace

void cut_slow_client(int fd, bool plain_408) {
  static const std::string kBody =
      R"({"error":{"code":"request_timeout","message":"the request header did not arrive in time"}})";
  static const std::string kReply =
      "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; charset=utf-8\r\n"
      "Content-Length: " +
      std::to_string(kBody.size()) + "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" +
      kBody;
  // MSG_DONTWAIT: the watchdog never waits on a client that does not read.
  if (plain_408) (void)::send(fd, kReply.data(), kReply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_RDWR);
}

ConnectionFactory::ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                     Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                     DeadlineWatchdog* watchdog)
    : params_(std::move(params)),
      tracker_(new HeadTracker(std::move(handlers), watchdog)),
      handlers_(tracker_),
      watchdog_(watchdog) {}

void ConnectionFactory::server_stopped(bool abort_current) {
  tracker_->server_stopped(abort_current);
}

Poco::Net::TCPServerConnection* ConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new Connection(socket, params_, handlers_, watchdog_);
}

}  // namespace agmon::http
