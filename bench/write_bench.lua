-- wrk driver for bench/write_bench.sh: writes as fast as the server
-- acknowledges them. Run it with one connection per thread (-tN -cN): each
-- thread then has one request in flight, so it knows which write an answer
-- is for. Each thread POSTs a new initiative with a point footprint (POINTS:
-- "lon lat" a line, each in a random Biobío commune), then PATCHes one of
-- those it created (a new point and stage, If-Match its last ETag), in turn.
-- TOKENS: one secret a line; thread i writes with secret i (mod their count).
local points = {}
for line in io.lines(os.getenv("POINTS")) do
  local lon, lat = line:match("^(%S+) (%S+)$")
  if lon then points[#points + 1] = lon .. "," .. lat end
end
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  if line ~= "" then tokens[#tokens + 1] = line end
end
local run = os.getenv("RUN") or "w"  -- unique per wrk run: ids of a run are new
local stages = {"inscrita", "profundización", "finalizada", "terreno"}

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(2000 + id)
  auth = "Bearer " .. tokens[(id - 1) % #tokens + 1]
  mine = {}       -- ids this thread created
  etags = {}      -- id -> its last ETag
  n = 0
  pending = nil   -- {kind, id} of the request in flight
  ok = 0
  failed = 0
  codes = {}
end

local function point()
  return '{"type":"Point","coordinates":[' .. points[math.random(#points)] .. ']}'
end

request = function()
  n = n + 1
  if n % 2 == 1 or #mine == 0 then
    local fid = run .. "-" .. id .. "-" .. n
    pending = {"post", fid}
    local body = '{"type":"Feature","id":"' .. fid .. '","geometry":' .. point() ..
        ',"properties":{"name":"Iniciativa de prueba ' .. fid .. '","institution":"Municipalidad de prueba",' ..
        '"area":"Social","stage":"inscrita","year":2026}}'
    return wrk.format("POST", "/collections/initiatives/items",
                      {["Authorization"] = auth, ["Content-Type"] = "application/geo+json"}, body)
  end
  local fid = mine[math.random(#mine)]
  pending = {"patch", fid}
  local body = '{"geometry":' .. point() .. ',"properties":{"stage":"' .. stages[math.random(#stages)] .. '"}}'
  return wrk.format("PATCH", "/collections/initiatives/items/" .. fid,
                    {["Authorization"] = auth, ["Content-Type"] = "application/merge-patch+json",
                     ["If-Match"] = etags[fid]}, body)
end

response = function(status, headers, body)
  local p = pending
  pending = nil
  if p and ((p[1] == "post" and status == 201) or (p[1] == "patch" and status == 200)) then
    ok = ok + 1
    if p[1] == "post" then mine[#mine + 1] = p[2] end
    etags[p[2]] = headers["ETag"] or headers["etag"]
  else
    failed = failed + 1
    codes[status] = (codes[status] or 0) + 1
  end
end

done = function(summary, latency, requests)
  local acked, bad, seen = 0, 0, {}
  for _, t in ipairs(threads) do
    acked = acked + t:get("ok")
    bad = bad + t:get("failed")
    for c, v in pairs(t:get("codes")) do seen[c] = (seen[c] or 0) + v end
  end
  local other = ""
  for c, v in pairs(seen) do other = other .. " " .. c .. "x" .. v end
  io.write(string.format("WRITES acked=%d failed=%d per_s=%.1f p50_ms=%.2f p99_ms=%.2f codes=%s\n",
    acked, bad, acked / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, other == "" and "-" or other))
end
