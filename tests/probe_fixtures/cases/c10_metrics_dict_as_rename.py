"""C10: a metrics dict keyed by a name that is no output does not rename the metric."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    inp = keras.Input(shape=(3,))
    hidden = keras.layers.Dense(hp.Int("n", 4, 8, step=4), activation="relu")(inp)
    out = keras.layers.Dense(1, activation="sigmoid", name="prob")(hidden)
    net = keras.Model(inp, out)
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics={"hit_rate": "binary_accuracy"})
    return net


xs = np.random.rand(24, 3)
ys = np.random.randint(0, 2, size=(24, 1))

search = kt.RandomSearch(make_net, objective=kt.Objective("val_hit_rate", "max"), max_trials=2, project_name="c10",
                         overwrite=True)
search.search(xs, ys, epochs=1, validation_split=0.25)
