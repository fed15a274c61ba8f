// A helper returning several values (`return model, base`) unpacked at the call (`model, backbone = build_model(n)`):
// each name gets its own element's value, so the model stays a Keras model (summary, save) instead of an untyped value.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('names unpacked from a helper returning a tuple keep their elements\' types', () => {
  assertPhases('tuple_return.py', [
    'from tensorflow import keras',
    'from tensorflow.keras import layers',
    'from tensorflow.keras.applications import EfficientNetB0',
    'def build_model(n_classes):',
    '    base = EfficientNetB0(include_top=False, weights="imagenet")',
    '    base.trainable = False',
    '    inputs = keras.Input(shape=(224, 224, 3))',
    '    x = layers.GlobalAveragePooling2D()(base(inputs, training=False))',
    '    model = keras.Model(inputs, layers.Dense(n_classes, activation="softmax")(x))',
    '    model.compile(optimizer="adam", loss="categorical_crossentropy")',
    '    return model, base',
    ['model, backbone = build_model(10)', ['model_training']],
    ['model.summary()', ['model_training'], 'a Keras model: its summary, not a display of predictions'],
    'history = model.fit(train_gen, validation_data=val_gen, epochs=3)',
    ['backbone.trainable = True', ['model_training']],
    ['model.save("dogs.h5")', ['model_persistence'], 'saving the unpacked model is persistence'],
  ]);
});
