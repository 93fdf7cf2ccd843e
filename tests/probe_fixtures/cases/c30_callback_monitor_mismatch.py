"""C30: EarlyStopping in search() monitors val_categorical_crossentropy, which is never logged."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(10,)),
        keras.layers.Dense(hp.Int("u", 8, 32, step=8), activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    net.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["categorical_accuracy"])
    return net


xs = np.random.rand(45, 10)
ys = keras.utils.to_categorical(np.random.randint(0, 3, size=(45,)), 3)

stopper = keras.callbacks.EarlyStopping(monitor="val_categorical_crossentropy", patience=3)
search = kt.Hyperband(make_net, objective=kt.Objective("val_categorical_accuracy", "max"), max_epochs=4,
                      project_name="c30", overwrite=True)
search.search(xs, ys, epochs=4, validation_split=0.2, callbacks=[stopper])
