#include "server/http/recording_parser.h"

#include <memory>
#include <string_view>

#include "server/http/text.h"

namespace server::http {
namespace {

namespace pi = Pistache::Http::Private;

// Runs one of Pistache's parsing steps and keeps the text it consumed.
template <typename Step>
class Recording final : public Step {
 public:
  Recording(Pistache::Http::Request* request, std::string* sink) : Step(request), sink_(sink) {}

  pi::State apply(Pistache::StreamCursor& cursor) override {
    const Pistache::StreamCursor::Token consumed(cursor);
    const pi::State state = Step::apply(cursor);
    // On Again the step has rewound the cursor and will run again.
    if (state == pi::State::Next) *sink_ = consumed.text();
    return state;
  }

 private:
  std::string* sink_;
};

// Notes whether bytes follow a complete request: Pistache throws them away
// on reset(), so a client that pipelined a second request would wait for
// its answer forever.
class BodyEnd final : public pi::BodyStep {
 public:
  BodyEnd(Pistache::Http::Request* request, bool* more_follows) : BodyStep(request), more_follows_(more_follows) {}

  pi::State apply(Pistache::StreamCursor& cursor) override {
    const pi::State state = BodyStep::apply(cursor);
    if (state == pi::State::Done) *more_follows_ = cursor.remaining() > 0;
    return state;
  }

 private:
  bool* more_follows_;
};

}  // namespace

RecordingParser::RecordingParser(std::size_t max_request_bytes)
    : Pistache::Http::RequestParser(max_request_bytes) {
  // The steps keep their ids, which Pistache's idle-peer timer looks at.
  allSteps[0] = std::make_unique<Recording<pi::RequestLineStep>>(&request, &request_line_);
  allSteps[1] = std::make_unique<Recording<pi::HeadersStep>>(&request, &header_block_);
  allSteps[2] = std::make_unique<BodyEnd>(&request, &pipelined_);
}

void RecordingParser::reset() {
  Pistache::Http::RequestParser::reset();
  request_line_.clear();
  header_block_.clear();
  pipelined_ = false;
  bytes_fed = 0;
  head_checked = false;
}

RequestHead parse_head(const RecordingParser& parser) {
  RequestHead head;
  std::string_view line = parser.request_line();
  line = line.substr(0, line.find("\r\n"));
  const auto first_space = line.find(' ');
  const auto last_space = line.rfind(' ');
  head.method = line.substr(0, first_space);
  if (first_space != last_space) head.target = line.substr(first_space + 1, last_space - first_space - 1);
  head.version = line.substr(last_space + 1);

  std::string_view block = parser.header_block();
  for (;;) {
    const auto end = block.find("\r\n");
    const std::string_view field = block.substr(0, end);
    if (field.empty()) break;  // the blank line that ends the head
    const auto colon = field.find(':');
    head.fields.emplace_back(to_lower(field.substr(0, colon)),
                             std::string(colon == std::string_view::npos ? "" : trim(field.substr(colon + 1))));
    if (end == std::string_view::npos) break;
    block.remove_prefix(end + 2);
  }
  return head;
}

}  // namespace server::http
