-- wrk driver for bench/soak.sh: a mixed read load as planners and GIS
-- clients make it (URLS: one path per line, asked in a seeded random order),
-- with a small POST /join every JOIN_EVERY requests. Counts non-2xx/304
-- answers as errors so each slice reports them.
local urls = {}
for line in io.lines(os.getenv("URLS")) do
  if line ~= "" then urls[#urls + 1] = line end
end
local join_every = tonumber(os.getenv("JOIN_EVERY") or "0")
local join_body = "lon,lat\n-70.6506,-33.4378\n-73.05,-36.82\n-72.1,-45.5\n"

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(1000 + id)
  errors = 0
  n = 0
end

request = function()
  n = n + 1
  if join_every > 0 and n % join_every == 0 then
    return wrk.format("POST", "/join", {["Content-Type"] = "text/csv"}, join_body)
  end
  return wrk.format("GET", urls[math.random(#urls)])
end

response = function(status)
  if status >= 400 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  local e = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, t in ipairs(threads) do e = e + t:get("errors") end
  io.write(string.format("SLICE requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, e, summary.errors.status, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
