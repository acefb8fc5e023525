#include "server/http/idle_clock.h"

#include <memory>

#include "server/http/http_connection.h"

namespace server::http {
namespace {

namespace pi = Pistache::Http::Private;

// A step that is none of RequestLineStep, HeadersStep or BodyStep; reading
// its id is the tick.
class TickStep final : public pi::Step {
 public:
  TickStep(Pistache::Http::Request* request, const IdleClock* clock) : Step(request), clock_(clock) {}
  static constexpr pi::StepId Id = Pistache::Meta::Hash::fnv1a("territorio.TickStep");
  pi::StepId id() const override {
    clock_->tick();
    return Id;
  }
  pi::State apply(Pistache::StreamCursor& /*cursor*/) override { return pi::State::Again; }

 private:
  const IdleClock* clock_;
};

}  // namespace

IdleClock::IdleClock() : Pistache::Http::RequestParser(0) {
  for (auto& step : allSteps) step = std::make_unique<TickStep>(&request, this);
}

void IdleClock::tick() const {
  if (const auto connection = connection_.lock()) connection->tick();
}

}  // namespace server::http
