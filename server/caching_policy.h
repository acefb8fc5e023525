#pragma once
// The one caching policy of the server: which entity tag and Cache-Control
// every cacheable GET carries, and the single place where If-None-Match is
// answered with 304.
//
// Data answers (everything read from the registry snapshot: items, tiles,
// coverage, statistics, territories, OGC metadata) carry
//   W/"g<generation>-<16 hex digits>"
// where the hex digits hash what selects the representation: this process's
// start (a store rebuilt from scratch counts generations from 1 again), the
// path, the query in canonical order and what negotiation chose (format,
// base URL). The tag is weak because the same answer may leave as gzip or
// identity bytes (server/http/gzip.cc compresses after the route ran), and a
// strong tag would have to differ per coding. Data is sent with "no-cache":
// caches keep it but revalidate before each use, and a revalidation costs a
// hash, so a write is visible on the next request, never a minute later.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "layers/edit/editor.h"
#include "server/http/caching.h"
#include "server/http/request.h"
#include "server/http/response.h"

namespace server::caching {

// Data that any import or write may change: keep, but revalidate each use.
inline constexpr const char* kData = "no-cache";
// Documents fixed by the code alone (the tile matrix set): a day.
inline constexpr const char* kFixed = "public, max-age=86400";
// Static web files named by version (vendor libraries): a day; the app's own
// files revalidate (kData) against their size-and-mtime tag.
inline constexpr const char* kVersionedFile = "public, max-age=86400";
// Operational answers (/healthz, /readyz, /metrics): never stored.
inline constexpr const char* kNoStore = "no-store";

// Bumped whenever an encoder's output changes, so tags die with old code.
inline constexpr std::string_view kEncodingVersion = "e2";

// The entity tag of a data answer to request at generation; representation
// names what the request line alone does not (negotiated format, base URL,
// a canonical tile key), empty when nothing else selects the bytes.
std::string data_etag(const http::Request& request, std::int64_t generation, std::string_view representation = {});

// A validator and the freshness it goes with.
struct Validator {
  std::string etag;
  std::string cache_control;
};

inline Validator data_validator(const http::Request& request, std::int64_t generation,
                                std::string_view representation = {}) {
  return {data_etag(request, generation, representation), kData};
}

// The tag of one initiative's representation: its data tag with the
// record's revision in front, W/"r<revision>-g<generation>-<hex>". Caches
// revalidate it like any data answer (a new attribute column changes every
// record's properties); a write's If-Match is compared on the revision
// alone, so an editor's copy stays valid while others edit other records.
Validator record_validator(std::int64_t revision, const Validator& data);

// The If-Match field of a write: nullopt when absent. A tag that is not one
// of record_validator's names no revision (and so never matches: 412); a field
// that is not "*" or a list of quoted tags is a BadRequest. Weak tags match
// (RFC 9110 asks for strong comparison; records only have weak tags, as
// OGC API - Features Part 4 describes).
std::optional<layers::edit::Precondition> if_match(const http::Request& request);

// Whether a GET or HEAD request's If-None-Match already names the tag.
bool client_is_current(const http::Request& request, const Validator& v);

// 304 with the validator.
http::Response not_modified(const Validator& v);

// Stamps a 200 with the validator (other statuses pass untouched), or
// answers 304 when the client's copy is current.
http::Response stamp(const http::Request& request, http::Response response, const Validator& v);

// Answers a cacheable GET: 304 before any work when the client is current,
// otherwise builds the answer and stamps it.
template <typename Build>
http::Response answer(const http::Request& request, const Validator& v, Build&& build) {
  if (client_is_current(request, v)) return not_modified(v);
  return stamp(request, build(), v);
}

}  // namespace server::caching
