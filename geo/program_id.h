#pragma once
// The identity of the running program's build: its GNU build-id (a hash
// the linker writes of the code), so a file cached by one build is never
// trusted by another whose code may compute it differently.
#include <string>

namespace geo {

// The build-id in hex; without one, the executable's size and time; empty
// when neither is known (then nothing cached should be trusted).
const std::string& program_id();

}  // namespace geo
