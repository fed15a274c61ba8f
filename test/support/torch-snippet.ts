/**
 * The head of a PyTorch snippet for the phase labeller's tests (test/support/phases-at.ts assertPhases): imports,
 * a small data set and its loader, a model, a loss and an optimiser. Spread it before the lines under test.
 */
export const TORCH_HEAD: readonly string[] = [
  'import numpy as np',
  'import torch',
  'import torch.nn as nn',
  'from torch.utils.data import DataLoader, TensorDataset',
  'X = torch.randn(100, 4)',
  'y = torch.randint(0, 2, (100,))',
  'loader = DataLoader(TensorDataset(X, y), batch_size=10)',
  'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))',
  'loss_fn = nn.CrossEntropyLoss()',
  'opt = torch.optim.Adam(model.parameters(), lr=1e-3)',
];
