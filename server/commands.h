#pragma once
// The sub-commands. Each validates its options before it opens anything.
#include "server/options.h"

namespace server {

// Runs options.command; returns the process exit code.
int run_command(const Options& options);

}  // namespace server
