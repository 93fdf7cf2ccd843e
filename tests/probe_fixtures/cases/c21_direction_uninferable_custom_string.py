"""C21: a plain-string objective for a custom metric, whose direction KerasTuner cannot infer."""
import keras
import keras_tuner as kt
import numpy as np
import tensorflow as tf


def f1(y_true, y_pred):
    y_hat = tf.round(y_pred)
    true_positives = tf.reduce_sum(y_true * y_hat)
    return 2.0 * true_positives / (tf.reduce_sum(y_true) + tf.reduce_sum(y_hat) + 1e-7)


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("u", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=[f1])
    return net


search = kt.RandomSearch(make_net, objective="val_f1", max_trials=2, project_name="c21", overwrite=True)
search.search(np.random.rand(20, 6), np.random.randint(0, 2, size=(20, 1)).astype("float32"),
              epochs=1, validation_split=0.25)
