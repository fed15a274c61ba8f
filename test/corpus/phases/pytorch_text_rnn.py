import re  # phase: setup
from collections import Counter  # phase: setup
import pandas as pd  # phase: setup
import torch  # phase: setup
import torch.nn as nn  # phase: setup
from torch.utils.data import DataLoader, TensorDataset  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import f1_score  # phase: setup

torch.manual_seed(42)  # phase: setup
reviews = pd.read_csv("reviews.csv")  # phase: data_loading
reviews = reviews.drop_duplicates(subset="text").dropna()  # phase: data_cleaning
print(reviews["sentiment"].value_counts())  # phase: data_exploration


def tokenize(text):  # phase: data_cleaning
    return re.sub(r"[^a-z ]", " ", text.lower()).split()


tokens = reviews["text"].apply(tokenize)  # phase: data_cleaning
counts = Counter(w for toks in tokens for w in toks)  # phase: feature_engineering
vocab = {w: i + 2 for i, (w, _) in enumerate(counts.most_common(10000))}  # phase: feature_engineering


def encode(toks, max_len=200):  # phase: feature_engineering
    ids = [vocab.get(w, 1) for w in toks][:max_len]
    return ids + [0] * (max_len - len(ids))


X = torch.tensor([encode(t) for t in tokens])  # phase: feature_engineering
y = torch.tensor((reviews["sentiment"] == "positive").astype(int).values, dtype=torch.float32)  # phase: feature_engineering
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42)  # phase: data_splitting
train_dl = DataLoader(TensorDataset(X_tr, y_tr), batch_size=64, shuffle=True)  # phase: data_loading


class SentimentGRU(nn.Module):  # phase: model_training
    def __init__(self, vocab_size, emb=64, hidden=64):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb, padding_idx=0)
        self.gru = nn.GRU(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        _, h = self.gru(self.emb(x))
        return self.out(h[-1]).squeeze(1)


net = SentimentGRU(len(vocab) + 2)  # phase: model_training
opt = torch.optim.AdamW(net.parameters(), lr=2e-3)  # phase: model_training
loss_fn = nn.BCEWithLogitsLoss()  # phase: model_training
for epoch in range(4):  # phase: model_training
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        loss = loss_fn(net(xb), yb)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()

net.eval()  # phase: prediction
with torch.no_grad():  # phase: prediction
    test_pred = (torch.sigmoid(net(X_te)) > 0.5).float()
print("F1:", f1_score(y_te.numpy(), test_pred.numpy()))  # phase: model_evaluation
torch.save(net, "sentiment_gru.pt")  # phase: model_persistence
