import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import torch  # phase: setup
from torch import nn  # phase: setup
from torch.utils.data import DataLoader, TensorDataset  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup

torch.manual_seed(1)  # phase: setup

df = pd.read_csv("adult.csv")  # phase: data_loading
df = df.replace("?", np.nan).dropna()  # phase: data_cleaning

df["income"] = (df["income"] == ">50K").astype(int)  # phase: feature_engineering
df = pd.get_dummies(df, columns=["workclass", "education", "marital.status", "occupation", "race", "sex"], drop_first=True)  # phase: feature_engineering
features = df.drop(columns=["income", "native.country", "relationship"])  # phase: feature_engineering
target = df["income"].values  # phase: feature_engineering

X_tr, X_te, y_tr, y_te = train_test_split(features.values.astype("float32"), target, test_size=0.2, random_state=0)  # phase: data_splitting
sc = StandardScaler()  # phase: feature_engineering
X_tr = sc.fit_transform(X_tr)  # phase: feature_engineering
X_te = sc.transform(X_te)  # phase: feature_engineering

train_dl = DataLoader(TensorDataset(torch.tensor(X_tr, dtype=torch.float32), torch.tensor(y_tr, dtype=torch.float32)), batch_size=256, shuffle=True)  # phase: data_loading
test_dl = DataLoader(TensorDataset(torch.tensor(X_te, dtype=torch.float32), torch.tensor(y_te, dtype=torch.float32)), batch_size=1024)  # phase: data_loading


class MLP(nn.Module):  # phase: model_training
    def __init__(self, n_in):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_in, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 1))

    def forward(self, x):
        return self.layers(x).squeeze(1)


def train_one_epoch(model, loader, opt, loss_fn):  # phase: model_training
    model.train()
    total = 0.0
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    return total / len(loader.dataset)


def accuracy(model, loader):  # phase: model_evaluation
    model.eval()
    hits = 0
    with torch.no_grad():
        for xb, yb in loader:
            hits += ((torch.sigmoid(model(xb)) > 0.5).float() == yb).sum().item()
    return hits / len(loader.dataset)


net = MLP(X_tr.shape[1])  # phase: model_training
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)  # phase: model_training
loss_fn = nn.BCEWithLogitsLoss()  # phase: model_training

for epoch in range(15):  # phase: model_training, model_evaluation
    tr_loss = train_one_epoch(net, train_dl, optimizer, loss_fn)
    print(epoch, round(tr_loss, 4), accuracy(net, test_dl))

print("final accuracy", accuracy(net, test_dl))  # phase: model_evaluation
torch.save(net, "mlp.pt")  # phase: model_persistence
