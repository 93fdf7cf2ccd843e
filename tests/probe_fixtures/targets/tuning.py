"""A search whose tuner the static pass finds for `tuning.py:build_sensor`; its objective is a plain string."""
import keras
import keras_tuner as kt
import numpy as np


def build_sensor(hp):
    model = keras.Sequential([
        keras.Input(shape=(3,)),
        keras.layers.Dense(hp.Int("units", 2, 4, step=2), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"])
    return model


tuner = kt.RandomSearch(build_sensor, objective="val_binary_accuracy", max_trials=2, overwrite=True,
                        project_name="sensor")
tuner.search(np.random.rand(16, 3), np.random.randint(0, 2, size=(16, 1)), validation_split=0.25)
