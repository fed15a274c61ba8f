import torch  # phase: setup
import torch.nn as nn  # phase: setup
from torch.utils.data import DataLoader, TensorDataset  # phase: setup
import numpy as np  # phase: setup

X = np.load("features.npy").astype("float32")  # phase: data_loading
y = np.load("targets.npy").astype("float32")  # phase: data_loading
n_train = int(len(X) * 0.8)  # phase: data_splitting
train_ds = TensorDataset(torch.from_numpy(X[:n_train]), torch.from_numpy(y[:n_train]))  # phase: data_splitting
test_ds = TensorDataset(torch.from_numpy(X[n_train:]), torch.from_numpy(y[n_train:]))  # phase: data_splitting
train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)  # phase: model_training
test_loader = DataLoader(test_ds, batch_size=256)  # phase: model_evaluation

net = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))  # phase: model_training
criterion = nn.MSELoss()  # phase: model_training
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)  # phase: model_training

for epoch in range(30):  # phase: model_training
    net.train()
    for xb, yb in train_loader:
        optimizer.zero_grad()
        loss = criterion(net(xb).squeeze(1), yb)
        loss.backward()
        optimizer.step()

net.eval()  # phase: model_evaluation
total_loss = 0.0  # phase: model_evaluation
count = 0  # phase: model_evaluation
with torch.no_grad():  # phase: model_evaluation
    for xb, yb in test_loader:
        out = net(xb).squeeze(1)
        total_loss += criterion(out, yb).item() * len(xb)
        count += len(xb)
print("test MSE", total_loss / count)  # phase: model_evaluation
torch.save(net.state_dict(), "regressor.pt")  # phase: model_persistence
