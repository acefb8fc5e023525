-- wrk driver for bench/tile_cache_rss.sh: vector and raster tiles at random
-- over Chile at zooms 6-12, each with one of a few filters, so nearly every
-- request is a tile the cache has not seen (seeded: the same list each run).
math.randomseed(tonumber(os.getenv("SEED") or "7"))
local filters = { "", "?area=Social", "?stage=finalizada", "?award=2do%20Lugar", "?area=Econ%C3%B3mico",
  "?field_visit=true", "?stage=terreno&area=Social" }
local layers = { "communes", "provinces", "regions" }

local function tile(lon, lat, z)
  local n = 2 ^ z
  local x = math.floor((lon + 180) / 360 * n)
  local r = math.rad(lat)
  local y = math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
  return x, y
end

request = function()
  local z = math.random(6, 12)
  local x, y = tile(-75 + math.random() * 8, -55 + math.random() * 37, z)
  local layer = layers[math.random(#layers)]
  local ext = math.random() < 0.7 and ".mvt" or ".png"
  return wrk.format("GET", string.format("/tiles/%s/%d/%d/%d%s%s", layer, z, x, y, ext,
    filters[math.random(#filters)]))
end
