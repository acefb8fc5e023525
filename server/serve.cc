#include "server/serve.h"

#include <csignal>
#include <cstdio>
#include <utility>

#include "layers/registry_holder.h"
#include "server/http/http_server.h"
#include "server/routes.h"

namespace server {

int serve(const Options& o) {
  layers::RegistryHolder holder(o.store);
  const auto registry = holder.current();
  http::ServerOptions so;
  so.address = o.address;
  so.port = static_cast<std::uint16_t>(o.port);
  so.threads = static_cast<unsigned>(o.threads);
  so.jobs = static_cast<unsigned>(o.jobs);
  so.job_queue = static_cast<std::size_t>(o.job_queue);
  http::Router router = make_router(holder, Site{o.public_url, o.data_dir});
  router.set_cors(http::CorsPolicy{o.cors_write_origins});
  http::HttpServer server(std::move(router), so);

  // Block the stop signals before the workers start so they all inherit the
  // mask, then wait for one on this thread.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  server.start();
  std::printf("territorio serving http://%s:%u/ (store %s, generation %lld, %zu initiatives)\n", o.address.c_str(),
              static_cast<unsigned>(server.port()), o.store.c_str(), static_cast<long long>(registry->generation()),
              registry->initiatives().size());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  std::fprintf(stderr, "territorio: signal %d, stopping\n", sig);
  server.stop();
  return 0;
}

}  // namespace server
