-- wrk driver for bench/tiles_bench.sh: walks the fixed tile list (TILES,
-- one "z/x/y" per line) in order, asking PREFIX .. "z/x/y.mvt". Each thread
-- starts at its own offset so the threads do not ask the same tile at once.
-- STATIC (optional) replaces every path with that one path (the static floor).
-- KEEP_ALIVE=1 sends "Connection: keep-alive" (bench/ceiling.sh): Pistache
-- 0.0.5's own handler closes an HTTP/1.1 connection whose request does not
-- say so, and wrk would then reconnect for every request.
local tiles = {}
for line in io.lines(os.getenv("TILES")) do
  if line ~= "" then tiles[#tiles + 1] = line end
end
local prefix = os.getenv("PREFIX") or "/"
local static = os.getenv("STATIC")
if static == "" then static = nil end
if os.getenv("KEEP_ALIVE") == "1" then wrk.headers["Connection"] = "keep-alive" end

local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

local n
request = function()
  if static then return wrk.format("GET", static) end
  n = ((n or offset * math.floor(#tiles / 2)) % #tiles) + 1
  return wrk.format("GET", prefix .. tiles[n] .. ".mvt")
end
