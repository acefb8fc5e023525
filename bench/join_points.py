#!/usr/bin/env python3
"""Uniform random points in Chile's continental bounding box, as the CSV that
`territorio join` reads (id,lon,lat). The box and the seed are those of
bench/pip_bench.cc, so about 21 % of the points fall in a commune.

Usage: bench/join_points.py N OUT.csv [--seed S]
"""
import argparse
import random


def main():
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=20171119)
    a = p.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", newline="") as f:
        f.write("id,lon,lat\n")
        for i in range(a.n):
            lon = rng.uniform(-76.0, -66.4)
            lat = rng.uniform(-56.0, -17.5)
            f.write(f"{i},{lon:.6f},{lat:.6f}\n")


if __name__ == "__main__":
    main()
