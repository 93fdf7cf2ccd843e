"""C18: an overridden run_trial calls super().run_trial() and drops what it returns."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("u", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return net


class BatchSizeTuner(kt.RandomSearch):
    def run_trial(self, trial, *args, **kwargs):
        kwargs["batch_size"] = trial.hyperparameters.Choice("batch_size", [8, 16])
        super().run_trial(trial, *args, **kwargs)


xs = np.random.rand(32, 4)
ys = np.random.randint(0, 2, size=(32, 1))

search = BatchSizeTuner(make_net, objective="val_accuracy", max_trials=2, project_name="c18", overwrite=True)
search.search(xs, ys, epochs=1, validation_split=0.25)
