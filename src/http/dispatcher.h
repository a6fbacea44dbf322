// The one request handler: routing, 404/405, auth with its rate limit, role checks, the
// handler call with every exception caught, body draining, sending, metrics.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "http/server_context.h"

namespace agmon::http {

class DispatcherFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit DispatcherFactory(ServerContext& ctx) : ctx_(ctx) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;
  // What Poco's HTTPServer::stopAll() does after stop(): tells every connection the server
  // stopped, so idle keep-alive connections close (abort_current: in-flight ones too).
  void server_stopped(bool abort_current) { serverStopped(this, abort_current); }

 private:
  ServerContext& ctx_;
};

}  // namespace agmon::http
