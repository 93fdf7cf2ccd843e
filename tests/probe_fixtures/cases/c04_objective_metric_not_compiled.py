"""C04: a GRU regressor compiles only an MSE loss, and the Hyperband objective is accuracy."""
import keras
import keras_tuner as kt
import numpy as np


def make_forecaster(hp):
    net = keras.Sequential([
        keras.Input(shape=(10, 1)),
        keras.layers.GRU(hp.Int("cells", 8, 24, step=8)),
        keras.layers.Dense(1),
    ])
    rate = hp.Choice("lr", [1e-2, 1e-3])
    net.compile(optimizer=keras.optimizers.Adam(learning_rate=rate), loss="mean_squared_error")
    return net


seq = np.random.rand(30, 10, 1)
target = np.random.rand(30, 1)

search = kt.Hyperband(make_forecaster, objective="accuracy", max_epochs=3, factor=3, project_name="c04", overwrite=True)
search.search(seq, target, validation_split=0.2)
