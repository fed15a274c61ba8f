import csv
import io
import random

random.seed(1)
buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["a", "b", "c", "y"])
for i in range(40000):
    a, b, c = random.random(), random.random(), random.random()
    w.writerow(["%.6f" % a, "%.6f" % b, "%.6f" % c, "%.6f" % (3 * a - 2 * b + c + random.gauss(0, 0.01))])
text = buf.getvalue()


def parse(text):
    rows = []
    reader = csv.reader(io.StringIO(text))
    next(reader)
    for r in reader:
        rows.append([float(x) for x in r])
    return rows


def scale(rows):
    n = len(rows)
    cols = len(rows[0]) - 1
    means = [sum(r[j] for r in rows) / n for j in range(cols)]
    stds = [(sum((r[j] - means[j]) ** 2 for r in rows) / n) ** 0.5 for j in range(cols)]
    return [[(r[j] - means[j]) / stds[j] for j in range(cols)] + [r[-1]] for r in rows]


def predict(w, x):
    return sum(wi * xi for wi, xi in zip(w, x))


def gradient_descent(data, epochs=8, lr=0.1):
    cols = len(data[0]) - 1
    w = [0.0] * cols
    for _ in range(epochs):
        grad = [0.0] * cols
        for r in data:
            x, y = r[:-1], r[-1]
            err = predict(w, x) - y
            for j in range(cols):
                grad[j] += err * x[j]
        w = [wi - lr * g / len(data) for wi, g in zip(w, grad)]
    return w


rows = parse(text)
data = scale(rows)
w = gradient_descent(data)
print([round(x, 3) for x in w])
