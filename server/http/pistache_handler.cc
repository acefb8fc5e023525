#include "server/http/pistache_handler.h"

#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "server/http/idle_clock.h"

namespace server::http {
namespace {

constexpr const char* kConnectionData = "territorio.connection";

std::shared_ptr<HttpConnection> connection_of(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  return std::static_pointer_cast<HttpConnection>(peer->tryGetData(kConnectionData));
}

void log_error(const char* where, const std::exception& e) {
  std::cerr << (std::string("territorio http: ") + where + ": " + e.what() + "\n") << std::flush;
}

}  // namespace

PistacheHandler::PistacheHandler(std::shared_ptr<const ServerContext> context, std::shared_ptr<OpenSockets> sockets)
    : context_(std::move(context)), sockets_(std::move(sockets)) {}

void PistacheHandler::onRequest(const Pistache::Http::Request& /*request*/, Pistache::Http::ResponseWriter writer) {
  writer.send(Pistache::Http::Code::Internal_Server_Error);
}

void PistacheHandler::onConnection(const PeerPtr& peer) {
  // Replaces the parser Pistache's Handler::onConnection would install;
  // its idle-peer check reads it every 500 ms (idle_clock.h).
  auto clock = std::make_shared<IdleClock>();
  peer->putData(ParserData, clock);
  auto connection = std::make_shared<HttpConnection>(context_, peer, *transport(), clock);
  clock->watch(connection);
  peer->putData(kConnectionData, connection);
  sockets_->add(peer->fd());
  connection->start();
}

void PistacheHandler::onInput(const char* data, std::size_t size, const PeerPtr& peer) {
  // Nothing may escape into Pistache's event loop, which would end the worker.
  try {
    if (const auto connection = connection_of(peer)) connection->on_input(std::string_view(data, size));
  } catch (const std::exception& e) {
    log_error("input", e);
  }
}

void PistacheHandler::onDisconnection(const PeerPtr& peer) {
  if (const auto connection = connection_of(peer)) connection->on_disconnected();
}

}  // namespace server::http
