n = len(data)
head = data[:5]
mean = sum(data[:20000]) / 20000
view = data
doc = corpus
table = lookup
n_keys = len(lookup)
