// bench/trivial_server: the baseline for bench/serve.sh — a Poco HTTPServer with agmon's
// server settings (thread pool min == max, keep-alive, socket bound without SO_REUSEPORT)
// whose one handler returns a constant JSON body. usage: trivial_server PORT [THREADS]
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace {

std::string g_body = "{\"status\":\"ok\",\"service\":\"trivial\"}";

class Constant : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    resp.setContentType("application/json; charset=utf-8");
    resp.sendBuffer(g_body.data(), g_body.size());
  }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Constant;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: trivial_server PORT [THREADS]\n";
    return 64;
  }
  int port = std::atoi(argv[1]);
  int threads = argc > 2 ? std::atoi(argv[2]) : 32;
  if (argc > 3) {
    std::size_t bytes = static_cast<std::size_t>(std::atol(argv[3]));
    if (bytes > g_body.size() + 12)  // {"pad":"xxx...","status":...}
      g_body = "{\"pad\":\"" + std::string(bytes - g_body.size() - 9, 'x') + "\"," + g_body.substr(1);
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), true, false);
    socket.listen(128);
    Poco::Net::HTTPServerParams::Ptr p = new Poco::Net::HTTPServerParams;
    p->setMaxThreads(threads);
    p->setMaxQueued(256);
    p->setKeepAlive(true);
    p->setKeepAliveTimeout(Poco::Timespan(5, 0));
    p->setMaxKeepAliveRequests(1000);
    p->setTimeout(Poco::Timespan(30, 0));
    Poco::ThreadPool pool(threads, threads);
    Poco::Net::HTTPServer server(new Factory, pool, socket, p);
    server.start();
    std::cerr << "trivial_server listening on 127.0.0.1:" << socket.address().port() << std::endl;
    int sig = 0;
    sigwait(&set, &sig);
    server.stopAll(false);
    pool.joinAll();
  } catch (const Poco::Exception& e) {
    std::cerr << "trivial_server: " << e.displayText() << "\n";
    return 71;
  }
  return 0;
}
