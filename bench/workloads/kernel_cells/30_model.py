center = statistics.fmean(scaled)
spread = math.sqrt(sum((v - center) ** 2 for v in scaled[:10000]) / 10000)
result = {"center": center, "spread": spread, "n": n}
data = data
runs += 1
