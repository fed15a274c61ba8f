import numpy as np  # phase: setup
import tensorflow as tf  # phase: setup

tf.random.set_seed(0)  # phase: setup
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()  # phase: data_loading
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0  # phase: feature_engineering
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0  # phase: feature_engineering
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(10000).batch(64)  # phase: data_loading

model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), tf.keras.layers.Dense(10)])  # phase: model_training
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # phase: model_training
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)  # phase: model_training
train_acc = tf.keras.metrics.SparseCategoricalAccuracy()  # phase: model_training


def train_step(xb, yb):  # phase: model_training
    with tf.GradientTape() as tape:
        logits = model(xb, training=True)
        loss = loss_fn(yb, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))
    train_acc.update_state(yb, logits)
    return loss


for epoch in range(5):  # phase: model_training
    for xb, yb in train_ds:
        loss = train_step(xb, yb)
    print("epoch", epoch, "loss", float(loss), "acc", float(train_acc.result()))
    train_acc.reset_state()

logits = model(x_test, training=False)  # phase: prediction
test_pred = np.argmax(logits, axis=1)  # phase: prediction
print("test accuracy", np.mean(test_pred == y_test))  # phase: model_evaluation
model.save_weights("mlp.weights.h5")  # phase: model_persistence
