-- wrk driver for bench/reload_bench.sh: cycles through a fixed mix of reads
-- a map client makes (vector tiles with and without a filter, a raster tile,
-- a page of items, a territory, coverage) and prints one summary line.
local paths = {
  "/tiles/communes/5/9/18.mvt",
  "/tiles/communes/6/19/37.mvt",
  "/collections/initiatives/items?limit=10",
  "/tiles/regions/4/4/9.mvt",
  "/tiles/communes/7/38/75.mvt",
  "/territories/13101",
  "/tiles/communes/5/9/18.mvt?area=Social",
  "/tiles/communes/5/9/19.png",
  "/collections/communes/items?limit=5",
  "/tiles/initiatives/6/19/37.mvt",
  "/coverage?level=region",
  "/readyz",
}
local n = 0
request = function()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

done = function(summary, latency, requests)
  local ms = function(us) return string.format("%.1f", us / 1000) end
  io.write(string.format("summary: requests %d, errors %d, p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, max %s ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read +
      summary.errors.write + summary.errors.timeout,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency:percentile(99.9)), ms(latency.max)))
end
