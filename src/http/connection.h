// The server's connections: Poco's HTTPServerConnection, with two additions.
// - A request Poco cannot even turn into a request object (a Content-Length that is not a
//   number: Poco throws a SyntaxException before any handler runs) is answered 400 and
//   closed, instead of being dropped without an answer and logged at error level (over TLS
//   it is only closed: the 400 is written on the raw descriptor).
// - While it waits for a request head the connection is registered with the server's
//   DeadlineWatchdog, which cuts it (cut_slow_client) when the head is late.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "http/deadline_watchdog.h"

namespace agmon::http {

class HeadTracker;

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  // `watchdog`: null = no request-head deadline. Must outlive every connection.
  ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, DeadlineWatchdog* watchdog);
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;
  // What Poco's HTTPServer::stopAll() does after stop(): tells every connection the server
  // stopped, so idle keep-alive connections close (abort_current: in-flight ones too).
  void server_stopped(bool abort_current);

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  HeadTracker* tracker_;                                // owned by handlers_
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;  // what the connections are given
  DeadlineWatchdog* watchdog_;
};

// What the watchdog does to a connection whose request head is late: a best-effort 408 (never
// blocks; only when `plain_408`: on a TLS connection plain bytes would only corrupt the
// stream), then both directions shut down, so the worker's pending read returns at once and
// the thread is free. `fd` stays open (the connection closes it).
void cut_slow_client(int fd, bool plain_408 = true);

}  // namespace agmon::http
