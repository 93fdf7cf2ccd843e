"""C22: explicit directions that minimise an F1 score and an AUC."""
import keras
import keras_tuner as kt
import numpy as np
import tensorflow as tf


def f1_score(y_true, y_pred):
    y_hat = tf.round(y_pred)
    true_positives = tf.reduce_sum(y_true * y_hat)
    return 2.0 * true_positives / (tf.reduce_sum(y_true) + tf.reduce_sum(y_hat) + 1e-7)


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("u", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=[f1_score, keras.metrics.AUC(name="auc")])
    return net


xs = np.random.rand(24, 6)
ys = np.random.randint(0, 2, size=(24, 1)).astype("float32")

by_f1 = kt.RandomSearch(make_net, objective=kt.Objective("val_f1_score", direction="min"), max_trials=2,
                        project_name="c22a", overwrite=True)
by_auc = kt.RandomSearch(make_net, objective=kt.Objective("val_auc", direction="min"), max_trials=2,
                         project_name="c22b", overwrite=True)
by_f1.search(xs, ys, epochs=1, validation_split=0.25)
