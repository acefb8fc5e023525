#pragma once
// Validators for the routes whose answer depends only on the request and the
// registry snapshot (territories, coverage, statistics, initiatives): the
// entity tag is known before the body is built, so a revalidation costs a
// hash, and it changes with every import (the data generation) and every
// restart (a store rebuilt from scratch starts its generations again).
#include <cstdint>
#include <string>

#include "server/http/request.h"

namespace server {

// W/"..." from the generation, this process's start, the path and the query.
std::string snapshot_etag(const http::Request& request, std::int64_t generation);

// Clients may keep the answer but must revalidate it before each use.
inline constexpr const char* kSnapshotCacheControl = "no-cache";

}  // namespace server
