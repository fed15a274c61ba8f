hist = sorted(bins.items())
line = "runs %d center %.4f spread %.4f bins %d" % (runs, center, spread, len(hist))
