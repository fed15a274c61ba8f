import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import torch  # phase: setup
from torch import nn  # phase: setup
from torch.utils.data import TensorDataset, DataLoader  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup

torch.manual_seed(0)  # phase: setup
df = pd.read_csv("concrete.csv")  # phase: data_loading
X = df.drop(columns="strength").values  # phase: feature_engineering
y = df["strength"].values.reshape(-1, 1)  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  # phase: data_splitting
scaler = StandardScaler()  # phase: feature_engineering
X_train = scaler.fit_transform(X_train)  # phase: feature_engineering
X_test = scaler.transform(X_test)  # phase: feature_engineering
train_ds = TensorDataset(torch.tensor(X_train, dtype=torch.float32), torch.tensor(y_train, dtype=torch.float32))  # phase: data_loading
loader = DataLoader(train_ds, batch_size=32, shuffle=True)  # phase: data_loading

net = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, 1))  # phase: model_training
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)  # phase: model_training
loss_fn = nn.MSELoss()  # phase: model_training
for epoch in range(100):  # phase: model_training
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()

net.eval()  # phase: prediction
with torch.no_grad():  # phase: prediction
    y_hat = net(torch.tensor(X_test, dtype=torch.float32)).numpy()
rmse = np.sqrt(np.mean((y_hat - y_test) ** 2))  # phase: model_evaluation
print("test RMSE", rmse)  # phase: model_evaluation
torch.save(net, "concrete_net.pt")  # phase: model_persistence
