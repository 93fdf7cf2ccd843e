"""C17: a val_ objective, but search() gets no validation data."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("u", 8, 16, step=8), activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return net


xs = np.random.rand(36, 6)
ys = np.random.randint(0, 2, size=(36,))

search = kt.RandomSearch(make_net, objective="val_accuracy", max_trials=2, project_name="c17", overwrite=True)
search.search(xs, ys, epochs=2)
