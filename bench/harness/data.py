"""Deterministic synthetic data for the workloads (stdlib only; nothing is downloaded)."""
import math
import os
import random

CITIES = ["berlin", "paris", "rome", "madrid", "vienna", "lisbon", "prague", "oslo"]


def _write(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    os.replace(tmp, path)


def dslike(path, n=5000, seed=1):
    rnd = random.Random(seed)

    def rows():
        for _ in range(n):
            area = rnd.uniform(20, 200)
            rooms = rnd.randint(1, 7)
            age = rnd.uniform(0, 100)
            distance = rnd.uniform(0.1, 30)
            floor = rnd.randint(0, 12)
            price = 3000 * area + 8000 * rooms - 500 * age - 2000 * distance + 1500 * floor + rnd.gauss(0, 20000)
            yield ["%.2f" % area, str(rooms), "%.1f" % age, "%.3f" % distance, str(floor), "%.0f" % price]
    _write(path, ["area", "rooms", "age", "distance", "floor", "price"], rows())


def housing(path, n=200000, seed=2):
    rnd = random.Random(seed)

    def rows():
        for _ in range(n):
            area = rnd.uniform(20, 250)
            rooms = rnd.randint(1, 8)
            year = rnd.randint(1900, 2023)
            city = rnd.choice(CITIES)
            dist = rnd.uniform(0.1, 40)
            price = (2500 + 300 * CITIES.index(city)) * area * math.exp(-dist / 80) + 5000 * rooms + rnd.gauss(0, 15000)
            area_s = "" if rnd.random() < 0.01 else "%.1f" % area
            yield [area_s, str(rooms), str(year), city, "%.2f" % dist, "%.0f" % max(price, 10000)]
    _write(path, ["area", "rooms", "year_built", "city", "distance", "price"], rows())


def customers(path, n=20000, seed=3):
    rnd = random.Random(seed)
    regions, plans, channels = ["north", "south", "east", "west"], ["basic", "plus", "pro"], ["web", "store", "phone"]

    def rows():
        for _ in range(n):
            age = rnd.randint(18, 85)
            income = rnd.lognormvariate(10.5, 0.5)
            tenure = rnd.randint(0, 120)
            balance = rnd.uniform(0, 20000)
            visits = rnd.randint(0, 50)
            plan = rnd.choice(plans)
            z = -1.5 + 0.02 * (40 - age) - 0.01 * tenure + 0.05 * (visits < 5) + (0.8 if plan == "basic" else 0.0) + rnd.gauss(0, 1)
            churn = 1 if z > 0 else 0
            yield [str(age), "" if rnd.random() < 0.03 else "%.0f" % income, str(tenure), "%.2f" % balance,
                   "" if rnd.random() < 0.02 else str(visits), rnd.choice(regions), plan, rnd.choice(channels), str(churn)]
    _write(path, ["age", "income", "tenure", "balance", "visits", "region", "plan", "channel", "churn"], rows())


def listing1(path, n=20000, d=10, seed=4):
    rnd = random.Random(seed)
    true_w = [rnd.uniform(-2, 2) for _ in range(d)]

    def rows():
        for _ in range(n):
            x = [rnd.gauss(5, 3) for _ in range(d)]
            z = sum(w * (v - 5) / 3 for w, v in zip(true_w, x)) + rnd.gauss(0, 0.5)
            yield ["%.4f" % v for v in x] + ["1" if z > 0 else "0"]
    _write(path, ["x%d" % i for i in range(d)] + ["y"], rows())


GENERATORS = {
    "dslike.csv": dslike,
    "housing200k.csv": housing,
    "customers.csv": customers,
    "listing1.csv": listing1,
}


def ensure(directory):
    """Generates every data file that is missing; returns the directory."""
    os.makedirs(directory, exist_ok=True)
    for name, gen in GENERATORS.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            gen(path)
    return directory
