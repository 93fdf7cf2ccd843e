"""C07: metrics for one named output of a two-output model log under the output's name."""
import keras
import keras_tuner as kt
import numpy as np


def make_two_head(hp):
    inp = keras.Input(shape=(9,))
    trunk = keras.layers.Dense(hp.Int("trunk", 16, 32, step=16), activation="relu")(inp)
    species = keras.layers.Dense(3, activation="softmax", name="species")(trunk)
    size = keras.layers.Dense(1, name="size")(trunk)
    net = keras.Model(inp, [species, size])
    net.compile(optimizer="adam",
                loss={"species": "categorical_crossentropy", "size": "mse"},
                loss_weights={"species": 1.0, "size": 0.3},
                metrics={"species": "categorical_accuracy"})
    return net


xs = np.random.rand(40, 9)
y_species = keras.utils.to_categorical(np.random.randint(0, 3, size=(40,)), 3)
y_size = np.random.rand(40, 1)

search = kt.RandomSearch(make_two_head, objective="val_categorical_accuracy", max_trials=2, project_name="c07",
                         overwrite=True)
search.search(xs, {"species": y_species, "size": y_size}, epochs=1, validation_split=0.25)
