"""C02: the model compiles the metric "acc", so it logs val_acc while the objective reads val_accuracy."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(5,)),
        keras.layers.Dense(hp.Choice("units", [4, 8, 16]), activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["acc"])
    return net


xs = np.random.rand(40, 5)
ys = np.random.randint(0, 2, size=(40, 1))

search = kt.RandomSearch(make_net, objective="val_accuracy", max_trials=2, project_name="c02", overwrite=True)
search.search(xs, ys, epochs=1, validation_data=(xs[:10], ys[:10]))
