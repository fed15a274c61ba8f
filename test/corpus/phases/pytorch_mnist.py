import torch  # phase: setup
import torch.nn as nn  # phase: setup
import torch.nn.functional as F  # phase: setup
from torch.utils.data import DataLoader  # phase: setup
from torchvision import datasets, transforms  # phase: setup

torch.manual_seed(42)  # phase: setup
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")  # phase: setup
BATCH_SIZE = 64  # phase: other
EPOCHS = 5  # phase: other

transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])  # phase: feature_engineering
train_set = datasets.MNIST("data", train=True, download=True, transform=transform)  # phase: data_loading
test_set = datasets.MNIST("data", train=False, transform=transform)  # phase: data_loading
train_loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True)  # phase: data_loading
test_loader = DataLoader(test_set, batch_size=1000)  # phase: data_loading


class Net(nn.Module):  # phase: model_training
    def __init__(self):  # phase: model_training
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)  # phase: model_training
        self.fc1 = nn.Linear(5408, 128)  # phase: model_training
        self.fc2 = nn.Linear(128, 10)  # phase: model_training

    def forward(self, x):  # phase: model_training
        x = F.relu(self.conv1(x))  # phase: model_training
        x = F.max_pool2d(x, 2)  # phase: model_training
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))  # phase: model_training
        return F.log_softmax(self.fc2(x), dim=1)  # phase: model_training


model = Net().to(device)  # phase: model_training
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)  # phase: model_training
criterion = nn.NLLLoss()  # phase: model_training

for epoch in range(EPOCHS):  # phase: model_training
    model.train()
    for data, target in train_loader:
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = criterion(output, target)
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")

model.eval()  # phase: model_evaluation
correct = 0  # phase: model_evaluation, prediction
with torch.no_grad():  # phase: model_evaluation, prediction
    for data, target in test_loader:
        output = model(data.to(device))
        pred = output.argmax(dim=1)
        correct += (pred == target.to(device)).sum().item()
print("test accuracy", correct / len(test_set))  # phase: model_evaluation
torch.save(model.state_dict(), "mnist_cnn.pt")  # phase: model_persistence
