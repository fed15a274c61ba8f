scaled = [v * 2.0 - 1.0 for v in data[:40000]]
bins = {}
for v in scaled[:20000]:
    k = int((v + 1.0) * 10)
    bins[k] = bins.get(k, 0) + 1
