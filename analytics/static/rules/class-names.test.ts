// Issue 13: the class names of a data set read from directories (train_ds.class_names,
// list(train_gen.class_indices.keys())) are part of what was loaded: data_loading, not other.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('class names kept from a loaded image data set are data loading', () => {
  assertPhases('classes.py', [
    'import tensorflow as tf',
    'from tensorflow.keras.preprocessing.image import ImageDataGenerator',
    'train_datagen = ImageDataGenerator(rescale=1. / 255)',
    'train_gen = train_datagen.flow_from_directory("train", target_size=(150, 150), batch_size=32)',
    ['class_names = list(train_gen.class_indices.keys())', ['data_loading']],
    'train_ds = tf.keras.utils.image_dataset_from_directory("xray/train", image_size=(160, 160), batch_size=32)',
    ['names = train_ds.class_names', ['data_loading']],
    'model = tf.keras.Sequential([tf.keras.layers.Dense(len(names))])',
  ]);
});
