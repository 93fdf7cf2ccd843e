"""A notebook session: build a tuner, check it with ktlint.preflight, then search for real.

Prints the preflight report, then one JSON line of facts for tests/test_probe_preflight.py.
"""
import json
import os

import keras
import keras_tuner as kt
import numpy as np

import ktlint
from ktlint.probe.preflight import PreflightError


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(5,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["acc"])
    return model


def project_files():
    files = {}
    for folder, _, names in os.walk("proj"):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                files[path] = handle.read().hex()
    return files


x = np.random.rand(20, 5)
y = np.random.randint(0, 2, size=(20, 1))
tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=2, directory="proj", project_name="nb",
                        overwrite=True)
before = project_files()

report = ktlint.preflight(tuner, x, y, validation_split=0.25)
unchanged = project_files() == before

try:
    ktlint.preflight(tuner, x, y, validation_split=0.25, strict=True, quiet=True)
    strict = "not raised"
except PreflightError as error:
    strict = error.report.status

good = kt.RandomSearch(build, objective="val_acc", max_trials=1, directory="proj", project_name="good")
good_report = ktlint.preflight(good, x, y, validation_data=(x, y), quiet=True)

# The patches are gone: a plain fit trains every epoch, and the real search runs both trials.
epochs = len(build(kt.HyperParameters()).fit(x, y, epochs=2, verbose=0).history["loss"])
tuner.search(x, y, epochs=1, validation_split=0.25, verbose=0)

print(json.dumps({
    "status": report.status,
    "codes": [diagnostic.code for diagnostic in report.diagnostics],
    "log_keys": report.log_keys,
    "unchanged": unchanged,
    "strict": strict,
    "good_status": good_report.status,
    "good_found": [objective["found"] for objective in good_report.objectives],
    "epochs": epochs,
    "trials": len(tuner.oracle.trials),
}))
