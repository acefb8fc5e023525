#!/usr/bin/env python3
"""One server's costs for bench/scale.sh, printed as one JSON object.

Usage: scale_probe.py BASE PID TOKEN
BASE: http://127.0.0.1:PORT of a ready server; PID: its process (RSS from
/proc/PID/status); TOKEN: a bearer secret allowed to write in Santiago.
Measures, in this order (a tile or answer is "cold" the first time it is
asked of this server, "warm" the second): tiles of `initiatives` and
`communes` at zooms 4, 6, 10, 14 over central Santiago (time and bytes),
an items page with a CQL2 filter, /coverage?level=commune, then one write
(POST a point) and how long until it shows in items, in the
initiatives tile at zoom 14 and in /coverage.
"""
import http.client
import json
import math
import sys
import time
import urllib.parse

LON, LAT = -70.6506, -33.4372  # central Santiago: the densest census zones
ZOOMS = (4, 6, 10, 14)
CQL2 = "area = 'Social' AND year >= 2017 AND stage IN ('finalizada', 'terreno')"


def tile_of(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


class Client:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)

    def request(self, method, path, body=None, headers=None):
        t0 = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers or {})
        r = self.conn.getresponse()
        data = r.read()
        return r.status, data, (time.perf_counter() - t0) * 1000.0


def rss_mb(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = round(int(v.split()[0]) / 1024.0, 1)
    return out


def timed(c, path, what):
    status, data, ms = c.request("GET", path)
    if status != 200:
        raise SystemExit(f"scale_probe: {what} {path} answered {status}: {data[:300]!r}")
    return ms, len(data), data


def main():
    base, pid, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    c = Client(base)
    out = {"rss_ready": rss_mb(pid), "tiles": {}}
    for layer in ("initiatives", "communes"):
        for z in ZOOMS:
            x, y = tile_of(LON, LAT, z)
            path = f"/tiles/{layer}/{z}/{x}/{y}.mvt"
            cold_ms, size, _ = timed(c, path, "tile")
            warm_ms, _, _ = timed(c, path, "tile")
            out["tiles"][f"{layer}/{z}"] = {"cold_ms": round(cold_ms, 2), "warm_ms": round(warm_ms, 2), "bytes": size}
    q = "/collections/initiatives/items?" + urllib.parse.urlencode({"filter": CQL2, "limit": 100})
    cold_ms, size, data = timed(c, q, "items")
    warm_ms, _, _ = timed(c, q, "items")
    out["items_cql2"] = {"cold_ms": round(cold_ms, 2), "warm_ms": round(warm_ms, 2), "bytes": size,
                         "matched": json.loads(data).get("numberMatched"), "filter": CQL2}
    cold_ms, size, _ = timed(c, "/coverage?level=commune", "coverage")
    warm_ms, _, _ = timed(c, "/coverage?level=commune", "coverage")
    out["coverage_commune"] = {"cold_ms": round(cold_ms, 2), "warm_ms": round(warm_ms, 2), "bytes": size}

    # One write: the time its POST takes to be acknowledged, and until a
    # reader sees it by id, in the highest-zoom tile and in the coverage.
    x, y = tile_of(LON, LAT, 14)
    tile = f"/tiles/initiatives/14/{x}/{y}.mvt"
    _, _, tile_before = timed(c, tile, "tile")
    _, _, cov_before = timed(c, "/coverage?level=commune", "coverage")
    fid = f"scale-probe-{int(time.time() * 1000)}"
    body = json.dumps({"type": "Feature", "id": fid, "geometry": {"type": "Point", "coordinates": [LON, LAT]},
                       "properties": {"name": "Escritura de medición", "institution": "bench", "area": "Social",
                                      "stage": "inscrita", "year": 2026}})
    reader = Client(base)
    t0 = time.perf_counter()
    status, data, post_ms = c.request("POST", "/collections/initiatives/items", body,
                                      {"Authorization": "Bearer " + token, "Content-Type": "application/geo+json"})
    if status != 201:
        raise SystemExit(f"scale_probe: POST answered {status}: {data[:300]!r}")
    seen = {}
    while len(seen) < 3 and time.perf_counter() - t0 < 120:
        now = lambda: round((time.perf_counter() - t0) * 1000.0, 2)
        if "items" not in seen and reader.request("GET", f"/collections/initiatives/items/{fid}")[0] == 200:
            seen["items"] = now()
        if "tile" not in seen and reader.request("GET", tile)[1] != tile_before:
            seen["tile"] = now()
        if "coverage" not in seen and reader.request("GET", "/coverage?level=commune")[1] != cov_before:
            seen["coverage"] = now()
    out["write"] = {"post_ms": round(post_ms, 2), "visible_ms": seen,
                    "visible_everywhere_ms": max(seen.values()) if len(seen) == 3 else None}
    out["rss_end"] = rss_mb(pid)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
