# Helpers of the sensor forecasting notebook: windows, scaling, the model.
import numpy as np  # phase: setup
from tensorflow import keras  # phase: setup


def to_windows(values, width):  # phase: feature_engineering
    xs, ys = [], []
    for i in range(width, len(values)):
        xs.append(values[i - width:i])
        ys.append(values[i])
    return np.array(xs)[..., None], np.array(ys)


def zscore(values):  # phase: feature_engineering
    return (values - values.mean()) / values.std()


def gru_net(width):  # phase: model_training
    net = keras.Sequential([keras.layers.GRU(32, input_shape=(width, 1)), keras.layers.Dense(1)])
    net.compile(optimizer="adam", loss="mae")
    return net


def residual_view(actual, predicted):  # phase: visualization
    import matplotlib.pyplot as plt

    plt.figure(figsize=(10, 3))
    plt.plot(actual - predicted)
    plt.axhline(0, color="k")
    plt.show()
