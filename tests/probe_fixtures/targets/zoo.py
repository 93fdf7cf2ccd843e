"""Hypermodels of every output kind the probe makes data for, plus HyperModel subclasses and instances.

The module is imported by `ktlint probe zoo:ATTR` and `ktlint probe zoo.py:ATTR`; it builds no tuner.
"""
import keras
import keras_tuner as kt


def build_binary(hp):
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", keras.metrics.AUC(name="auc")])
    return model


def build_sparse(hp):
    model = keras.Sequential([
        keras.Input(shape=(5,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["sparse_categorical_accuracy"])
    return model


def build_categorical(hp):
    model = keras.Sequential([
        keras.Input(shape=(5,)),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(), metrics=["categorical_accuracy"])
    return model


def build_regression(hp):
    model = keras.Sequential([
        keras.Input(shape=(3, 2)),
        keras.layers.Flatten(),
        keras.layers.Dense(hp.Choice("units", [2, 4])),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    return model


def build_two_outputs(hp):
    inputs = keras.Input(shape=(4,))
    hidden = keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu")(inputs)
    label = keras.layers.Dense(3, activation="softmax", name="label")(hidden)
    score = keras.layers.Dense(1, name="score")(hidden)
    model = keras.Model(inputs, [label, score])
    model.compile(optimizer="adam", loss={"label": "sparse_categorical_crossentropy", "score": "mse"},
                  metrics={"label": ["accuracy"]})
    return model


def build_dict_inputs(hp):
    age = keras.Input(shape=(1,), name="age")
    tokens = keras.Input(shape=(5,), dtype="int32", name="tokens")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(10, 2)(tokens))
    merged = keras.layers.Concatenate()([age, embedded])
    output = keras.layers.Dense(1, activation="sigmoid")(merged)
    model = keras.Model({"age": age, "tokens": tokens}, output)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"])
    return model


def build_without_input(hp):
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


class ReturningHyperModel(kt.HyperModel):
    def build(self, hp):
        return build_binary(hp)

    def fit(self, hp, model, *args, **kwargs):
        return model.fit(*args, batch_size=hp.Choice("batch_size", [4, 8]), **kwargs)


class DictWithoutObjective(kt.HyperModel):
    """Its fit returns a dict of other metrics, so KerasTuner never receives the objective."""

    def build(self, hp):
        return build_binary(hp)

    def fit(self, hp, model, *args, **kwargs):
        history = model.fit(*args, **kwargs)
        return {"loss": history.history["loss"][-1]}


hypermodel_instance = ReturningHyperModel()
