"""C15: a Metric subclass built without name= logs under the snake_case of its class name."""
import keras
import keras_tuner as kt
import numpy as np
import tensorflow as tf


class MeanIoUScore(keras.metrics.Metric):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.total = self.add_weight(name="total", initializer="zeros")
        self.count = self.add_weight(name="count", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        predicted = tf.cast(y_pred > 0.5, "float32")
        intersection = tf.reduce_sum(predicted * y_true)
        union = tf.reduce_sum(tf.maximum(predicted, y_true))
        self.total.assign_add(intersection / (union + 1e-7))
        self.count.assign_add(1.0)

    def result(self):
        return self.total / (self.count + 1e-7)


def make_seg(hp):
    net = keras.Sequential([
        keras.Input(shape=(16,)),
        keras.layers.Dense(hp.Int("u", 8, 16, step=8), activation="relu"),
        keras.layers.Dense(16, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=[MeanIoUScore()])
    return net


xs = np.random.rand(20, 16)
masks = np.random.randint(0, 2, size=(20, 16)).astype("float32")

search = kt.RandomSearch(make_seg, objective=kt.Objective("val_miou", "max"), max_trials=2, project_name="c15",
                         overwrite=True)
search.search(xs, masks, epochs=1, validation_split=0.25)
