# Plant leaves: images from folders through ImageDataGenerator, a small CNN, curves of the training history.
import os  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from tensorflow import keras  # phase: setup
from tensorflow.keras.preprocessing.image import ImageDataGenerator  # phase: setup
from tensorflow.keras import layers  # phase: setup

DATA_DIR = "leaves/"  # phase: other
print(os.listdir(DATA_DIR))  # phase: data_exploration

train_gen = ImageDataGenerator(rescale=1 / 255.0, rotation_range=20, horizontal_flip=True, validation_split=0.2)  # phase: feature_engineering
train_flow = train_gen.flow_from_directory(DATA_DIR, target_size=(128, 128), batch_size=32, subset="training")  # phase: data_loading
val_flow = train_gen.flow_from_directory(DATA_DIR, target_size=(128, 128), batch_size=32, subset="validation")  # phase: data_loading

images, labels = next(train_flow)  # phase: visualization
plt.figure(figsize=(8, 8))  # phase: visualization
for i in range(9):  # phase: visualization
    plt.subplot(3, 3, i + 1)
    plt.imshow(images[i])
    plt.axis("off")
plt.show()  # phase: visualization

model = keras.Sequential([  # phase: model_training
    layers.Conv2D(32, 3, activation="relu", input_shape=(128, 128, 3)),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dense(train_flow.num_classes, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])  # phase: model_training
history = model.fit(train_flow, validation_data=val_flow, epochs=15)  # phase: model_training

loss = history.history["loss"]  # phase: visualization
val_loss = history.history["val_loss"]  # phase: visualization
plt.plot(loss, label="train")  # phase: visualization
plt.plot(val_loss, label="validation")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization

val_loss_final, val_acc = model.evaluate(val_flow)  # phase: model_evaluation
print("validation accuracy", val_acc)  # phase: model_evaluation
model.save("leaves_cnn.keras")  # phase: model_persistence
