#!/usr/bin/env python3
"""Synthetic initiatives for measuring cost as the registry grows (issue 15).

Writes N records as a CSV that `territorio import` reads, drawn with a fixed
seed so the same N and seed always give the same bytes:
  - points (most records) near a census zone of data/census_zones_2017.csv,
    the zone drawn with a probability proportional to its population;
  - small polygons (a square 200 m to 1.6 km wide) centred on such a zone;
  - code footprints at commune, province and region level, in the 2018 and
    the 2007 division (data/territorial_codes.csv, data/division_2007.csv),
    one to three neighbouring units each (communes of one province,
    provinces of one region, regions next to each other);
  - a few name footprints (commune, province or region names, with their level).
Every value of every controlled vocabulary (layers/model/vocabulary.cc) is
used, the first records going through them in turn so even a small N has
them all. Standard library only, no network.

Usage: synth_initiatives.py N OUT.csv [--seed S] [--data DIR]
"""
import argparse
import bisect
import csv
import itertools
import math
import os
import random
import sys

# The controlled vocabularies, as layers/model/vocabulary.cc lists them.
VOCABULARIES = {
    "area": ["Social", "Económico", "Ordenamiento y Ambiental", "Político-Institucional"],
    "stage": ["inscrita", "profundización", "finalizada", "terreno"],
    "award": ["1er Lugar", "2do Lugar", "Mención Honrosa"],
    "institution_type": ["GORE", "Intendencia", "SEREMI", "Gobernación", "Servicio Público", "Municipio",
                         "Asociación Municipios", "Organización Sociedad Civil",
                         "Organizaciones Productivas y de Mercado", "Otros", "Redes"],
    "scope": ["Regional", "Provincial", "Municipal", "Interregional", "Interprovincial", "Intermunicipal",
              "Global o Internacional"],
    "rurality": ["Rural", "Urbano", "Mixto"],
    "thematic_field": ["Planificación y gestión de inversiones", "Desarrollo económico local", "Desarrollo social",
                       "Salud", "Desarrollo institucional", "Turismo", "Gestión participativa",
                       "Educación ambiental", "Diseño urbano", "Justicia"],
}
REGIONS_NORTH_TO_SOUTH = ["15", "01", "02", "03", "04", "05", "13", "06", "07", "16", "08", "09", "14", "10", "11",
                          "12"]
CYCLE = max(len(v) for v in VOCABULARIES.values())
YEARS = list(range(2015, 2020))
COLUMNS = ["id", "name", "institution", "institution_type", "area", "thematic_field", "scope", "rurality",
           "contest", "year", "stage", "award", "field_visit", "region_recorded", "footprint_division",
           "footprint_codes", "footprint_names", "footprint_level", "footprint_basis", "wkt"]
# Shares of the footprint kinds (the rest are points).
POLYGON_SHARE = 0.05
CODES_SHARE = 0.02
NAMES_SHARE = 0.003


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(data):
    zones = read_rows(os.path.join(data, "census_zones_2017.csv"))
    codes = read_rows(os.path.join(data, "territorial_codes.csv"))
    d2007 = read_rows(os.path.join(data, "division_2007.csv"))
    # (division, level) -> {parent code: [unit codes]}; regions: one group
    # in north-to-south order, so that several regions are neighbours.
    units = {}
    for division, rows, suffix in (("2018", codes, ""), ("2007", d2007, "_2007")):
        for level, parent in (("commune", "province"), ("province", "region")):
            groups = {}
            for r in rows:
                groups.setdefault(r[parent + "_code" + suffix], set()).add(r[level + "_code" + suffix])
            units[(division, level)] = {k: sorted(v) for k, v in sorted(groups.items())}
        present = {r["region_code" + suffix] for r in rows}
        units[(division, "region")] = {"": [c for c in REGIONS_NORTH_TO_SOUTH if c in present]}
    names = {
        "commune": sorted({r["commune_name"] for r in codes}),
        "province": sorted({r["province_name"] for r in codes}),
        "region": sorted({r["region_name"] for r in codes}),
    }
    region_of_commune = {r["commune_code"]: r["region_name"] for r in codes}
    cumulative = list(itertools.accumulate(int(z["population"]) for z in zones))
    return zones, cumulative, units, names, region_of_commune


def fmt(x):
    return f"{x:.6f}"


def jitter(rng, lon, lat, metres):
    """A point uniformly within `metres` of (lon, lat): near enough to the
    zone's commune for the importer's join (it snaps up to 2,000 m)."""
    r = metres * math.sqrt(rng.random())
    a = rng.uniform(0.0, 2.0 * math.pi)
    dy = r * math.sin(a) / 111320.0
    dx = r * math.cos(a) / (111320.0 * math.cos(math.radians(lat)))
    return lon + dx, lat + dy


def square(lon, lat, half_metres):
    dy = half_metres / 111320.0
    dx = half_metres / (111320.0 * math.cos(math.radians(lat)))
    ring = [(lon - dx, lat - dy), (lon + dx, lat - dy), (lon + dx, lat + dy), (lon - dx, lat + dy), (lon - dx, lat - dy)]
    return "POLYGON ((" + ", ".join(f"{fmt(x)} {fmt(y)}" for x, y in ring) + "))"


def neighbours(rng, groups, k):
    """k units acting together, as real multi-unit footprints do: communes of
    one province, provinces of one region, regions next to each other."""
    parent = rng.choice(sorted(groups))
    members = groups[parent]
    k = min(k, len(members))
    start = rng.randrange(len(members) - k + 1)
    return members[start:start + k]


def generate(n, seed, data, out):
    zones, cumulative, units, names, region_of_commune = load(data)
    total = cumulative[-1]
    rng = random.Random(seed)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    kinds = [(d, lvl) for d in ("2018", "2007") for lvl in ("commune", "province", "region")]
    for i in range(1, n + 1):
        row = dict.fromkeys(COLUMNS, "")
        row["id"] = f"s{i}"
        row["name"] = f"Iniciativa sintética {i}"
        row["institution"] = f"Institución {i % 997}"
        for attr, values in VOCABULARIES.items():
            # The first CYCLE records go through every value in turn.
            row[attr] = values[(i - 1) % len(values)] if i <= CYCLE else rng.choice(values)
        row["contest"] = f"Concurso {rng.choice(YEARS)}"
        row["year"] = str(rng.choice(YEARS))
        row["field_visit"] = "true" if rng.random() < 0.5 else "false"
        zone = zones[bisect.bisect_right(cumulative, rng.randrange(total))]
        row["region_recorded"] = region_of_commune.get(zone["commune_code"], "")
        lon, lat = float(zone["lon"]), float(zone["lat"])
        # The first records also go through every footprint kind.
        # (codes of each division and level, then names, a polygon, a point).
        u = rng.random() if i > 8 else {7: CODES_SHARE, 8: CODES_SHARE + NAMES_SHARE}.get(i, 0.0)
        if u < CODES_SHARE:
            division, level = kinds[(i - 1) % 6] if i <= 6 else rng.choice(kinds)
            picked = neighbours(rng, units[(division, level)], rng.choice((1, 1, 1, 2, 3)))
            row["footprint_division"] = division
            row["footprint_codes"] = ";".join(sorted(picked))
            row["footprint_basis"] = f"synthetic {level} codes"
        elif u < CODES_SHARE + NAMES_SHARE:
            level = rng.choice(("commune", "province", "region"))
            row["footprint_names"] = rng.choice(names[level])
            row["footprint_level"] = level
            row["footprint_basis"] = f"synthetic {level} name"
        elif u < CODES_SHARE + NAMES_SHARE + POLYGON_SHARE:
            # Centred on the zone's point: a quarter of it at least lies in the zone's commune.
            row["wkt"] = square(lon, lat, rng.uniform(100.0, 800.0))
        else:
            plon, plat = jitter(rng, lon, lat, 400.0)
            row["wkt"] = f"POINT ({fmt(plon)} {fmt(plat)})"
        writer.writerow(row[c] for c in COLUMNS)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, help="number of records (1 to 10,000,000)")
    p.add_argument("out", help="CSV to write ('-' for standard output)")
    p.add_argument("--seed", type=int, default=15)
    p.add_argument("--data", default=os.path.join(here, "..", "data"))
    a = p.parse_args()
    if not 1 <= a.n <= 10_000_000:
        p.error("n must be between 1 and 10,000,000")
    if a.out == "-":
        generate(a.n, a.seed, a.data, sys.stdout)
    else:
        with open(a.out, "w", newline="", encoding="utf-8") as f:
            generate(a.n, a.seed, a.data, f)


if __name__ == "__main__":
    main()
