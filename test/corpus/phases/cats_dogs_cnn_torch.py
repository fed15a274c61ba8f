# Cats vs dogs with a small CNN in PyTorch: ImageFolder, a training loop, evaluation under torch.no_grad.
import torch  # phase: setup
import torch.nn as nn  # phase: setup
import torch.optim as optim  # phase: setup
from torch.utils.data import DataLoader, random_split  # phase: setup
from torchvision import datasets, transforms  # phase: setup

torch.manual_seed(0)  # phase: setup
device = "cuda" if torch.cuda.is_available() else "cpu"  # phase: setup

tfm = transforms.Compose([  # phase: feature_engineering
    transforms.Resize((64, 64)),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
])
images = datasets.ImageFolder("data/cats_dogs", transform=tfm)  # phase: data_loading
print(len(images), images.classes)  # phase: data_exploration

n_val = len(images) // 5  # phase: data_splitting
train_set, val_set = random_split(images, [len(images) - n_val, n_val])  # phase: data_splitting
train_loader = DataLoader(train_set, batch_size=32, shuffle=True)  # phase: data_loading
val_loader = DataLoader(val_set, batch_size=64)  # phase: data_loading


class SmallCNN(nn.Module):  # phase: model_training
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Linear(32 * 16 * 16, 2)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


net = SmallCNN().to(device)  # phase: model_training
loss_fn = nn.CrossEntropyLoss()  # phase: model_training
opt = optim.Adam(net.parameters(), lr=1e-3)  # phase: model_training

for epoch in range(5):  # phase: model_training
    net.train()
    total_loss = 0.0
    for xb, yb in train_loader:
        xb, yb = xb.to(device), yb.to(device)
        opt.zero_grad()
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
        total_loss += loss.item() * xb.size(0)
    print(f"epoch {epoch}: loss {total_loss / len(train_set):.4f}")

net.eval()  # phase: model_evaluation
hits = 0  # phase: model_evaluation
with torch.no_grad():  # phase: model_evaluation
    for xb, yb in val_loader:
        out = net(xb.to(device))
        hits += (out.argmax(1) == yb.to(device)).sum().item()
print(f"validation accuracy: {hits / n_val:.3f}")  # phase: model_evaluation

torch.save(net.state_dict(), "cats_dogs_cnn.pt")  # phase: model_persistence
