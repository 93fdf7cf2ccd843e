"""Imported by the isolation scripts, so that an import could write __pycache__ next to them."""
import keras


def build_churn_model(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 2, 4, step=2), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
