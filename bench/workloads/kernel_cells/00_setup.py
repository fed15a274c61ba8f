import math
import random
import statistics

rnd = random.Random(3)
data = [rnd.random() for _ in range(1000000)]
lookup = {i: data[i] for i in range(200000)}
corpus = "\n".join("row %d value %.6f" % (i, data[i]) for i in range(200000))
runs = 0
