#!/usr/bin/env python3
"""Time from a write's 2xx on one replica to its visibility on the others.

Usage: visibility_probe.py BEARER WRITES PORT [PORT...]
Each write is a POST of a new initiative to the replicas in turn; once it
answers 201, one thread per other replica polls GET /items/{id} (every
2 ms, on a kept connection) until 200. Prints the latency per write to
every other replica (the slowest of them) as p50/p90/p99/max in ms.
"""
import http.client
import json
import sys
import threading
import time


def feature(fid):
    return json.dumps({"type": "Feature", "geometry": None,
                       "properties": {"id": fid, "name": "Visibilidad " + fid, "institution": "Gobierno Regional",
                                      "area": "Social", "footprint_kind": "codes", "footprint_division": "2018",
                                      "footprint_codes": "08101"}})


def poll(port, fid, start, out, index):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    deadline = start + 30
    while time.monotonic() < deadline:
        conn.request("GET", "/collections/initiatives/items/" + fid)
        r = conn.getresponse()
        r.read()
        if r.status == 200:
            out[index] = time.monotonic() - start
            return
        time.sleep(0.002)
    out[index] = float("inf")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    bearer, writes, ports = sys.argv[1], int(sys.argv[2]), [int(p) for p in sys.argv[3:]]
    tag = str(int(time.time()))
    writers = {p: http.client.HTTPConnection("127.0.0.1", p, timeout=30) for p in ports}
    everywhere = []
    for n in range(writes):
        writer = ports[n % len(ports)]
        fid = "vis-%s-%d" % (tag, n)
        conn = writers[writer]
        while True:
            conn.request("POST", "/collections/initiatives/items", feature(fid),
                         {"Authorization": "Bearer " + bearer, "Content-Type": "application/geo+json"})
            r = conn.getresponse()
            r.read()
            start = time.monotonic()
            if r.status != 429:
                break
            time.sleep(float(r.getheader("Retry-After", "1")))  # over the token's write rate: wait, not measured
        if r.status != 201:
            sys.exit("POST %s on %d answered %d" % (fid, writer, r.status))
        others = [p for p in ports if p != writer]
        seen = [None] * len(others)
        threads = [threading.Thread(target=poll, args=(p, fid, start, seen, i)) for i, p in enumerate(others)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        everywhere.append(max(seen) * 1000)
        time.sleep(0.02)  # writes arrive one at a time, as from people
    print("writes %d, replicas %d: visible on every other replica after p50 %.1f ms, p90 %.1f ms, "
          "p99 %.1f ms, max %.1f ms" % (writes, len(ports), percentile(everywhere, 50), percentile(everywhere, 90),
                                        percentile(everywhere, 99), max(everywhere)))


if __name__ == "__main__":
    main()
