#!/usr/bin/env python3
"""The table (markdown) and plot (PNG) of bench/scale.sh's results.

Usage: scale_report.py RESULTS.jsonl OUT.md OUT.png [BEFORE.jsonl]
BEFORE: results of an older binary, shown beside the same sizes.
The last row of each (store, N) counts. The growth exponent of a cost c
between sizes N1 < N2 is log(c2/c1) / log(N2/N1): 1 is linear.
"""
import json
import math
import sys

ZOOMS = (4, 6, 10, 14)
COMMAND = "bench/scale.sh [--store spatialite|postgresql] [N...]"


def load(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                rows[(r["store"], r["n"])] = r
    return [rows[k] for k in sorted(rows)]


def exponent(rows, get):
    out = []
    for a, b in zip(rows, rows[1:]):
        ca, cb = get(a), get(b)
        if a["store"] != b["store"] or not ca or not cb or ca <= 0 or cb <= 0:
            out.append("")
            continue
        out.append(f"{math.log(cb / ca) / math.log(b['n'] / a['n']):.2f}")
    return out


def table(rows):
    lines = ["| store | N | import s | import peak RSS MB | store MB | start-up to ready s | RSS ready MB | "
             "RSS peak (VmHWM) MB | POST ms | write visible everywhere ms (items / z14 tile / coverage) | "
             "items + CQL2 cold / warm ms | coverage commune cold / warm ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"]
    for r in rows:
        w = r["write"]
        v = w["visible_ms"]
        lines.append(
            f"| {r['store']} | {r['n']:,} | {r['import_s']:.2f} | {r['import_peak_mb']:.0f} | {r['store_mb']} | "
            f"{r['ready_s']:.2f} | {r['rss_ready']['VmRSS']:.0f} | {r['rss_end']['VmHWM']:.0f} | "
            f"{w['post_ms']:.1f} | {w['visible_everywhere_ms']} ({v.get('items')} / {v.get('tile')} / "
            f"{v.get('coverage')}) | {r['items_cql2']['cold_ms']:.1f} / {r['items_cql2']['warm_ms']:.1f} "
            f"({r['items_cql2']['matched']:,} matched) | "
            f"{r['coverage_commune']['cold_ms']:.1f} / {r['coverage_commune']['warm_ms']:.1f} |")
    return lines


def tiles_table(rows):
    head = "| store | N | " + " | ".join(f"{layer} z{z} cold / warm ms, kB" for layer in ("initiatives", "communes")
                                        for z in ZOOMS) + " |"
    lines = [head, "| --- | ---: |" + " --- |" * (2 * len(ZOOMS))]
    for r in rows:
        cells = []
        for layer in ("initiatives", "communes"):
            for z in ZOOMS:
                t = r["tiles"][f"{layer}/{z}"]
                cells.append(f"{t['cold_ms']:.1f} / {t['warm_ms']:.1f}, {t['bytes'] / 1000:.1f}")
        lines.append(f"| {r['store']} | {r['n']:,} | " + " | ".join(cells) + " |")
    return lines


def growth_table(rows):
    """One line per store and cost: the exponent between each size and the next of that store."""
    costs = [("import s", lambda r: r["import_s"]), ("store MB", lambda r: r["store_mb"]),
             ("start-up s", lambda r: r["ready_s"]), ("RSS peak MB", lambda r: r["rss_end"]["VmHWM"]),
             ("initiatives z14 cold ms", lambda r: r["tiles"]["initiatives/14"]["cold_ms"]),
             ("coverage cold ms", lambda r: r["coverage_commune"]["cold_ms"]),
             ("items + CQL2 cold ms", lambda r: r["items_cql2"]["cold_ms"])]
    by_store = {}
    for r in rows:
        by_store.setdefault(r["store"], []).append(r)
    sizes = sorted({r["n"] for r in rows})
    pairs = list(zip(sizes, sizes[1:]))
    lines = ["| store | cost | " + " | ".join(f"{a:,} → {b:,}" for a, b in pairs) + " |",
             "| --- | --- |" + " ---: |" * len(pairs)]
    for store, store_rows in sorted(by_store.items()):
        n_of = {r["n"]: r for r in store_rows}
        for name, get in costs:
            cells = [exponent([n_of[a], n_of[b]], get)[0] if a in n_of and b in n_of else "" for a, b in pairs]
            lines.append(f"| {store} | {name} | " + " | ".join(cells) + " |")
    return lines


def before_table(before, rows):
    now = {(r["store"], r["n"]): r for r in rows}
    lines = ["| store | N | " + " | ".join(f"initiatives z{z} kB" for z in ZOOMS) +
             " | initiatives z4 cold ms | RSS peak MB | start-up s |",
             "| --- | ---: |" + " --- |" * (len(ZOOMS) + 3)]
    for b in before:
        a = now.get((b["store"], b["n"]))
        if not a:
            continue
        cells = [f"{b['tiles'][f'initiatives/{z}']['bytes'] / 1000:.1f} → {a['tiles'][f'initiatives/{z}']['bytes'] / 1000:.1f}"
                 for z in ZOOMS]
        cells.append(f"{b['tiles']['initiatives/4']['cold_ms']:.0f} → {a['tiles']['initiatives/4']['cold_ms']:.0f}")
        cells.append(f"{b['rss_end']['VmHWM']:.0f} → {a['rss_end']['VmHWM']:.0f}")
        cells.append(f"{b['ready_s']:.1f} → {a['ready_s']:.1f}")
        lines.append(f"| {b['store']} | {b['n']:,} | " + " | ".join(cells) + " |")
    return lines


def plot(rows, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    stores = sorted({r["store"] for r in rows})

    def series(ax, title, ylabel, curves):
        for store in stores:
            rs = [r for r in rows if r["store"] == store]
            ns = [r["n"] for r in rs]
            for label, get in curves:
                ys = [get(r) for r in rs]
                ax.plot(ns, ys, marker="o", label=f"{label} ({store})")
        lo = min(r["n"] for r in rows)
        hi = max(r["n"] for r in rows)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("records")
        ax.set_ylabel(ylabel)
        # A linear reference through the first point of the first curve.
        first = [r for r in rows if r["store"] == stores[0]][0]
        y0 = curves[0][1](first)
        if y0:
            ax.plot([lo, hi], [y0, y0 * hi / lo], "k:", label="linear")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)

    series(axes[0][0], "import and start-up", "seconds",
           [("import", lambda r: r["import_s"]), ("start-up to ready", lambda r: r["ready_s"])])
    series(axes[0][1], "memory and disk", "MB",
           [("RSS peak (VmHWM)", lambda r: r["rss_end"]["VmHWM"]), ("RSS ready", lambda r: r["rss_ready"]["VmRSS"]),
            ("import peak RSS", lambda r: r["import_peak_mb"]), ("store", lambda r: r["store_mb"])])
    series(axes[1][0], "initiatives tiles over Santiago (cold)", "kB",
           [(f"z{z}", (lambda z: lambda r: r["tiles"][f"initiatives/{z}"]["bytes"] / 1000)(z)) for z in ZOOMS])
    axes[1][0].axhline(500, color="r", linestyle="--", linewidth=1, label="aim 500 kB")
    axes[1][0].legend(fontsize=7)
    series(axes[1][1], "requests (cold)", "ms",
           [("coverage commune", lambda r: r["coverage_commune"]["cold_ms"]),
            ("items + CQL2", lambda r: r["items_cql2"]["cold_ms"]),
            ("write visible everywhere", lambda r: r["write"]["visible_everywhere_ms"]),
            ("initiatives z4 tile", lambda r: r["tiles"]["initiatives/4"]["cold_ms"]),
            ("communes z6 tile", lambda r: r["tiles"]["communes/6"]["cold_ms"])])
    fig.suptitle(f"territorio: cost as the registry grows ({COMMAND})")
    fig.tight_layout()
    fig.savefig(out, dpi=90)


def main():
    rows = load(sys.argv[1])
    first = rows[0]
    md = ["# Cost as the registry grows", "",
          f"Made by `{COMMAND}` (table and plot by `bench/scale_report.py` from "
          "`bench/scale_results.jsonl`, one JSON line per run). Records: `bench/synth_initiatives.py N --seed "
          f"{first['seed']}` (points by census population, small polygons, code footprints at every level of both "
          "divisions, a few name footprints, every vocabulary value), imported into the bundled store (SpatiaLite: a "
          "copy of the bundled file; PostgreSQL: a database built from `data/` on a private PostgreSQL 15 + "
          "PostGIS with `deploy/postgresql`'s settings, durable commits). One "
          "server, Release build, 2 shared cores: times move by ±30 % between runs. Cold: the first request to a "
          "fresh server; warm: the same again (tile cache on, 256 MiB). A write's visibility is measured from "
          "the POST until another connection sees it by id, in the initiatives tile at z14 and in "
          "`/coverage?level=commune` (with one server, the POST's own answer comes after the new generation is "
          "published, so the two are close). What the figures say against the issue's aims, and how dense "
          "tiles are clustered: [README.md](README.md#cost-as-the-registry-grows).", "", "![plot](scale.png)", ""]
    md += table(rows) + ["", "Tiles over central Santiago (-70.6506, -33.4372):", ""] + tiles_table(rows)
    md += ["", "Growth exponent between sizes (1 = linear):", ""] + growth_table(rows) + [""]
    if len(sys.argv) > 4:
        md += ["Before → after clustering dense tiles (`" + sys.argv[4] + "`, the binary before it, same data):", ""]
        md += before_table(load(sys.argv[4]), rows) + [""]
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(md))
    plot(rows, sys.argv[3])


if __name__ == "__main__":
    main()
