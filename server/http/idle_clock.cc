#include "server/http/idle_clock.h"

#include <memory>

namespace server::http {
namespace {

namespace pi = Pistache::Http::Private;

// A step that is none of RequestLineStep, HeadersStep or BodyStep.
class NoStep final : public pi::Step {
 public:
  explicit NoStep(Pistache::Http::Request* request) : Step(request) {}
  static constexpr pi::StepId Id = Pistache::Meta::Hash::fnv1a("territorio.NoStep");
  pi::StepId id() const override { return Id; }
  pi::State apply(Pistache::StreamCursor& /*cursor*/) override { return pi::State::Again; }
};

}  // namespace

IdleClock::IdleClock() : Pistache::Http::RequestParser(0) {
  for (auto& step : allSteps) step = std::make_unique<NoStep>(&request);
}

}  // namespace server::http
