"""C14: a metric function logs under its own name, not under the short name the objective uses."""
import keras
import keras_tuner as kt
import numpy as np
import tensorflow as tf


def f1_macro_est(y_true, y_pred):
    y_hat = tf.cast(y_pred > 0.5, "float32")
    true_positives = tf.reduce_sum(y_true * y_hat)
    false_positives = tf.reduce_sum((1.0 - y_true) * y_hat)
    false_negatives = tf.reduce_sum(y_true * (1.0 - y_hat))
    return 2.0 * true_positives / (2.0 * true_positives + false_positives + false_negatives + 1e-7)


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(10,)),
        keras.layers.Dense(hp.Int("units", 8, 24, step=8), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=[f1_macro_est])
    return net


xs = np.random.rand(50, 10)
ys = np.random.randint(0, 2, size=(50, 1)).astype("float32")

search = kt.RandomSearch(make_net, objective=kt.Objective("val_f1", direction="max"), max_trials=2, project_name="c14",
                         overwrite=True)
search.search(xs, ys, epochs=1, validation_split=0.2)
