"""Pure-Python script with its work at module level, the way most scripts are written (3.8-3.13, no
data file): a 200k-row table built in a module-level loop, cleaned, aggregated and fitted in
module-level loops and comprehensions; large lists and a dict stay in module globals through many
later statements, some of which rebind them."""
import time

_T0 = time.perf_counter()

import math
import random

rnd = random.Random(7)
N = 400000
CITIES = ["berlin", "paris", "rome", "madrid", "vienna", "lisbon", "prague", "oslo"]

rows = []
for i in range(N):
    area = 20 + 230 * rnd.random()
    rooms = 1 + int(8 * rnd.random())
    city = CITIES[i % 8]
    noise = rnd.random() - 0.5
    rows.append((area, rooms, city, 3000 * area + 5000 * rooms + 40000 * noise))

index = {}
for area, rooms, city, price in rows:
    bucket = index.get(city)
    if bucket is None:
        bucket = index[city] = []
    bucket.append(price)

n_rows = len(rows)
areas = [r[0] for r in rows]
prices = [r[3] for r in rows]
mean_area = sum(areas) / n_rows
mean_price = sum(prices) / n_rows
city_means = {c: sum(v) / len(v) for c, v in index.items()}
areas = [a - mean_area for a in areas]
prices = [p - mean_price for p in prices]
sd_area = math.sqrt(sum(a * a for a in areas) / n_rows)
areas = [a / sd_area for a in areas]

w, b = 0.0, 0.0
for epoch in range(6):
    gw = gb = 0.0
    for x, y in zip(areas, prices):
        err = w * x + b - y
        gw += err * x
        gb += err
    w -= 0.5 * gw / n_rows
    b -= 0.5 * gb / n_rows

residuals = [y - (w * x + b) for x, y in zip(areas, prices)]
rmse = math.sqrt(sum(r * r for r in residuals) / n_rows)
top = sorted(city_means.items(), key=lambda kv: -kv[1])[:3]
n_big = sum(1 for r in rows if r[1] >= 6)
share_big = n_big / n_rows
rows = [r for r in rows if r[0] > 25]
n_kept = len(rows)
print("w %.1f b %.1f rmse %.1f kept %d top %s" % (w, b, rmse, n_kept, [c for c, _ in top]))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
