#pragma once
// The serve command: loads the registry and answers HTTP until SIGINT/SIGTERM.
#include "server/options.h"

namespace server {

int serve(const Options& options);

}  // namespace server
