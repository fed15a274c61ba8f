"""Generates the apartment-price data of the seed paper's scenario (deterministic, stdlib only).

Bob and Alice use data/apartments.csv; Charlie "downloaded it again" and got a different version
(a later export with more rows and refreshed prices): data/apartments_redownload.csv.
"""
import csv
import math
import random
import sys


def generate(path, seed, rows, price_drift=0.0):
    rng = random.Random(seed)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "size_m2", "rooms", "floor", "year_built", "lat", "lon", "district", "price"])
        for i in range(rows):
            size = round(rng.uniform(25, 160), 1)
            rooms = max(1, int(size // 28) + rng.choice([-1, 0, 0, 1]))
            floor = rng.randint(0, 12)
            year = rng.randint(1900, 2022)
            lat = 52.52 + rng.gauss(0, 0.06)
            lon = 13.405 + rng.gauss(0, 0.09)
            district = rng.choice(["Mitte", "Kreuzberg", "Pankow", "Spandau", "Neukoelln", "Steglitz"])
            centre_km = math.hypot((lat - 52.52) * 111, (lon - 13.405) * 68)
            price = 2500 * size - 9000 * centre_km + 800 * floor + 150 * (year - 1950) + rng.gauss(0, 25000)
            price = round(max(30000.0, price * (1 + price_drift)), 0)
            if rng.random() < 0.02:
                size = ""  # a few missing values to clean
            w.writerow([i, size, rooms, floor, year, round(lat, 5), round(lon, 5), district, price])


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "data"
    generate(out + "/apartments.csv", seed=7, rows=600)
    generate(out + "/apartments_redownload.csv", seed=8, rows=700, price_drift=0.06)
