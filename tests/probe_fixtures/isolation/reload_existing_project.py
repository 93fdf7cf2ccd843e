"""A search that would reload the old trials of "proj/churn" (overwrite=False), and one with no directory."""
import keras_tuner as kt
import numpy as np
from helpers import build_churn_model

tuner = kt.RandomSearch(build_churn_model, objective="val_accuracy", max_trials=2,
                        directory="proj", project_name="churn")
default_folder = kt.RandomSearch(build_churn_model, objective="val_loss", max_trials=2)
tuner.search(np.random.rand(24, 4), np.random.randint(0, 2, size=(24, 1)), epochs=1, validation_split=0.25)
