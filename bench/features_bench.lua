-- wrk driver for bench/features_bench.sh. MODE (environment): "full"
-- asks the whole communes collection; "pages"
-- asks pages of 50 communes at random offsets; "bbox" cycles through 200
-- random boxes over continental Chile (fixed seed, so every run asks the same).
local mode = os.getenv("MODE") or "pages"
local paths = {}
math.randomseed(42)
if mode == "full" then
  paths[1] = "/collections/communes/items?limit=10000"
elseif mode == "pages" then
  for i = 1, 200 do
    paths[i] = "/collections/communes/items?limit=50&offset=" .. math.random(0, 296)
  end
else
  for i = 1, 200 do
    local lon = -75 + math.random() * 8.5
    local lat = -55 + math.random() * 37
    local w, h = 0.05 + math.random() * 1.0, 0.05 + math.random() * 1.0
    paths[i] = string.format("/collections/communes/items?limit=1000&bbox=%.4f,%.4f,%.4f,%.4f", lon, lat, lon + w, lat + h)
  end
end
-- PATHS_OUT (environment): also write the paths there, one a line, so
-- features_bench.sh can compare the answers of two binaries byte for byte.
local out = os.getenv("PATHS_OUT")
if out then
  local f = assert(io.open(out, "w"))
  for _, p in ipairs(paths) do f:write(p, "\n") end
  f:close()
end
local n = 0
request = function()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
