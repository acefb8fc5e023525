#!/usr/bin/env python3
"""Helpers of bench/write_bench.sh (standard library only).

  points OUT [N]      N points (default 1000) each in a random Biobío commune
                      (a random census zone's point of a commune drawn
                      uniformly among the region's communes), "lon lat" a line.
  tiles OUT           the communes tiles (z 5-10, "z/x/y" a line) over Biobío.
  pace BASE TOKENS POINTS RATE SECONDS
                      writes at RATE per second on one keep-alive connection,
                      open loop (a write late by one is sent at once, not
                      skipped; stops after SECONDS even if behind): POST a new initiative, then PATCH one of those
                      it created (new point, new stage), alternately. Tokens
                      (a file, one secret a line) are used in turn.
  agree JOINED_CSV ANCHOR_LIST
                      how many points both joins put in the same commune.
  probe BASE TILES SECONDS [GAP_MS]
                      one keep-alive connection asking a random tile, then the
                      first page of items, GAP_MS (20) apart; prints the
                      p50/p99/max latency of each.
"""
import http.client
import json
import math
import random
import sys
import time
import urllib.parse

STAGES = ["inscrita", "profundización", "finalizada", "terreno"]
AREAS = ["Social", "Económico", "Ordenamiento y Ambiental", "Político-Institucional"]
# Biobío (2018): the provinces of Concepción (081), Arauco (082) and Biobío (083).
BIOBIO = ("081", "082", "083")
BIOBIO_BBOX = (-73.95, -38.55, -70.95, -36.40)  # lon/lat, a little wider than the region


def points(out, n=1000):
    zones = {}
    with open("data/census_zones_2017.csv", encoding="utf-8") as f:
        next(f)
        for line in f:
            _, commune, lon, lat, _ = line.rstrip("\n").split(",")
            if commune.startswith(BIOBIO):
                zones.setdefault(commune, []).append((lon, lat))
    rnd = random.Random(14)
    communes = sorted(zones)
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(n):
            lon, lat = rnd.choice(zones[rnd.choice(communes)])
            f.write(f"{lon} {lat}\n")
    print(f"{n} points in {len(communes)} Biobío communes", file=sys.stderr)


def tile_of(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    r = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(r)) / math.pi) / 2.0 * n)
    return x, y


def tiles(out):
    w, s, e, n = BIOBIO_BBOX
    with open(out, "w", encoding="utf-8") as f:
        for z in range(5, 11):
            x0, y0 = tile_of(w, n, z)
            x1, y1 = tile_of(e, s, z)
            for x in range(x0, x1 + 1):
                for y in range(y0, y1 + 1):
                    f.write(f"{z}/{x}/{y}\n")


def connect(base):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=60)


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    return r.status, r.getheader("ETag"), data


def pace(base, tokens_file, points_file, rate, seconds):
    tokens = [t.strip() for t in open(tokens_file, encoding="utf-8") if t.strip()]
    pts = [tuple(map(float, l.split())) for l in open(points_file, encoding="utf-8") if l.strip()]
    rnd = random.Random(10)
    conn = connect(base)
    mine = []  # [id, etag] of the initiatives this pacer created
    statuses = {}
    lat_ms = []
    period = 1.0 / rate
    start = time.perf_counter()
    k = 0
    late = 0  # writes sent after their time, the previous one still running
    while True:
        due = start + k * period
        now = time.perf_counter()
        if due - start >= seconds or now - start >= seconds:
            break  # the schedule is done, or time is up (writes slower than RATE)
        if due > now:
            time.sleep(due - now)
        else:
            late += 1
        token = tokens[k % len(tokens)]
        lon, lat = rnd.choice(pts)
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        auth = {"Authorization": "Bearer " + token}
        t0 = time.perf_counter()
        if k % 2 == 0 or not mine:
            fid = f"p{k}-{rnd.randrange(10**9)}"
            body = {"type": "Feature", "id": fid, "geometry": geometry,
                    "properties": {"name": f"Iniciativa de prueba {fid}", "institution": "Municipalidad de prueba",
                                   "area": rnd.choice(AREAS), "stage": rnd.choice(STAGES), "year": 2026}}
            status, etag, _ = request(conn, "POST", "/collections/initiatives/items", json.dumps(body),
                                      {**auth, "Content-Type": "application/geo+json"})
            if status == 201:
                mine.append([fid, etag])
        else:
            item = rnd.choice(mine)
            body = {"geometry": geometry, "properties": {"stage": rnd.choice(STAGES)}}
            status, etag, _ = request(conn, "PATCH", "/collections/initiatives/items/" + item[0], json.dumps(body),
                                      {**auth, "Content-Type": "application/merge-patch+json", "If-Match": item[1]})
            if status == 200:
                item[1] = etag
        lat_ms.append((time.perf_counter() - t0) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        k += 1
    took = time.perf_counter() - start
    ok = statuses.get(200, 0) + statuses.get(201, 0)
    lat_ms.sort()
    print(f"paced writes: {k} in {took:.1f} s ({ok / took:.2f} acknowledged/s), statuses "
          + " ".join(f"{s}x{n}" for s, n in sorted(statuses.items()))
          + f", {late} sent late; write p50 {pct(lat_ms, 50):.1f} ms p99 {pct(lat_ms, 99):.1f} ms")


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    i = max(1, math.ceil(len(sorted_values) * p / 100)) - 1
    return sorted_values[i]


def probe(base, tiles_file, seconds, gap_ms=20):
    tile_list = [l.strip() for l in open(tiles_file, encoding="utf-8") if l.strip()]
    by_zoom = {}
    for t in tile_list:
        by_zoom.setdefault(t.split("/")[0], []).append(t)
    zooms = sorted(by_zoom)
    rnd = random.Random(11)
    conn = connect(base)
    lat = {"tile": [], "items": []}
    bad = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        # A zoom drawn uniformly, then a tile of it: every zoom counts alike.
        tile = rnd.choice(by_zoom[rnd.choice(zooms)])
        for kind, path in (("tile", f"/tiles/communes/{tile}.mvt"), ("items", "/collections/initiatives/items?limit=10")):
            t0 = time.perf_counter()
            status, _, _ = request(conn, "GET", path)
            lat[kind].append((time.perf_counter() - t0) * 1000)
            if status not in (200, 204):
                bad += 1
            time.sleep(gap_ms / 1000)
    for kind, v in lat.items():
        v.sort()
        print(f"{kind} {len(v)} {pct(v, 50):.2f} {pct(v, 99):.2f} {v[-1]:.2f}")
    print(f"errors {bad}")


def agree(joined_csv, anchor_list):
    """How many points territorio's join (joined_csv, from `territorio join`
    of the points as n,lon,lat) puts in the commune the anchor's
    ST_Intersects does (anchor_list: "n code" a line)."""
    import csv
    ours = {r["n"]: r["commune_code"] for r in csv.DictReader(open(joined_csv, encoding="utf-8"))}
    theirs = dict(l.split() for l in open(anchor_list, encoding="utf-8") if len(l.split()) == 2)
    same = sum(1 for n, c in theirs.items() if ours.get(n) == c)
    print(f"{same} of {len(ours)} points in the same commune by territorio's join and the anchor's ST_Intersects")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "points":
        points(args[0], int(args[1]) if len(args) > 1 else 1000)
    elif cmd == "tiles":
        tiles(args[0])
    elif cmd == "pace":
        pace(args[0], args[1], args[2], float(args[3]), float(args[4]))
    elif cmd == "agree":
        agree(args[0], args[1])
    elif cmd == "probe":
        probe(args[0], args[1], float(args[2]), float(args[3]) if len(args) > 3 else 20)
    else:
        sys.exit(__doc__)
