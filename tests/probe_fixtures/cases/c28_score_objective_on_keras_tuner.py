"""C28: val_score, a key only SklearnTuner reports, as the objective of a Keras-model tuner."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(7,)),
        keras.layers.Dense(hp.Int("u", 8, 16, step=8), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return net


search = kt.RandomSearch(make_net, objective=kt.Objective("val_score", "max"), max_trials=3, project_name="c28",
                         overwrite=True)
search.search(np.random.rand(40, 7), np.random.randint(0, 2, size=(40, 1)), epochs=1, validation_split=0.25)
