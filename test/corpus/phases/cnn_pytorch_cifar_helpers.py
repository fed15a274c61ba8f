import torch  # phase: setup
import torch.nn as nn  # phase: setup
import torch.nn.functional as F  # phase: setup
import torchvision  # phase: setup
import torchvision.transforms as T  # phase: setup

transform = T.Compose([T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])  # phase: feature_engineering
trainset = torchvision.datasets.CIFAR10(root="./data", train=True, download=True, transform=transform)  # phase: data_loading
testset = torchvision.datasets.CIFAR10(root="./data", train=False, download=True, transform=T.ToTensor())  # phase: data_loading
trainloader = torch.utils.data.DataLoader(trainset, batch_size=64, shuffle=True)  # phase: data_loading
testloader = torch.utils.data.DataLoader(testset, batch_size=256)  # phase: data_loading


class SmallCNN(nn.Module):  # phase: model_training
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 8 * 8, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(torch.flatten(x, 1))


def one_pass(model, loader, optimizer):  # phase: model_training
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()


def accuracy_on(model, loader):  # phase: model_evaluation
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(1) == labels).sum().item()
            total += labels.size(0)
    return correct / total


cnn = SmallCNN()  # phase: model_training
sgd = torch.optim.SGD(cnn.parameters(), lr=0.01, momentum=0.9)  # phase: model_training
for epoch in range(10):  # phase: model_training, model_evaluation
    one_pass(cnn, trainloader, sgd)
    print(epoch, accuracy_on(cnn, testloader))
torch.save(cnn.state_dict(), "cnn.pt")  # phase: model_persistence
