"""Two-class data for Listing 1 (deterministic, stdlib only): 4 features, label 1 if a noisy linear score > 0."""
import random

rng = random.Random(3)
with open("data/binary.csv", "w") as f:
    f.write("x1,x2,x3,x4,label\n")
    for _ in range(800):
        x = [rng.gauss(5, 2), rng.gauss(-1, 3), rng.gauss(0, 1), rng.gauss(10, 4)]
        score = 0.8 * (x[0] - 5) - 0.5 * (x[1] + 1) + 1.2 * x[2] + 0.1 * (x[3] - 10) + rng.gauss(0, 0.7)
        f.write(",".join("%.4f" % v for v in x) + ",%d\n" % (score > 0))
