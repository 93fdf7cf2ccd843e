"""C24: keras.metrics.F1Score() keeps average=None and logs one value per class of four."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(12,)),
        keras.layers.Dense(hp.Int("u", 8, 24, step=8), activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    net.compile(optimizer="adam", loss="categorical_crossentropy", metrics=[keras.metrics.F1Score()])
    return net


xs = np.random.rand(40, 12).astype("float32")
ys = keras.utils.to_categorical(np.random.randint(0, 4, size=(40,)), 4).astype("float32")

search = kt.RandomSearch(make_net, objective=kt.Objective("val_f1_score", "max"), max_trials=2, project_name="c24",
                         overwrite=True)
search.search(xs, ys, epochs=1, validation_split=0.25)
