"""C29: a list of objectives whose plain-string entry val_pr_gap has no inferable direction."""
import keras
import keras_tuner as kt
import numpy as np
import tensorflow as tf


def pr_gap(y_true, y_pred):
    return tf.reduce_mean(tf.abs(y_true - y_pred))


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("u", 4, 12, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(name="auc"), pr_gap])
    return net


search = kt.RandomSearch(make_net, objective=["val_loss", kt.Objective("val_auc", "max"), "val_pr_gap"],
                         max_trials=2, project_name="c29", overwrite=True)
search.search(np.random.rand(30, 6), np.random.randint(0, 2, size=(30, 1)).astype("float32"),
              epochs=1, validation_split=0.2)
