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
  // (Connections are told the server stopped by ConnectionFactory::server_stopped.)

 private:
  ServerContext& ctx_;
};

}  // namespace agmon::http
