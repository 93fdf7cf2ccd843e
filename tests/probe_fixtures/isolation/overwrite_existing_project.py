"""A search that would delete the existing project "proj/churn" (overwrite=True) and write a checkpoint."""
import keras
import keras_tuner as kt
import numpy as np
from helpers import build_churn_model

checkpoint = keras.callbacks.ModelCheckpoint("best_model.keras")
csv_log = keras.callbacks.CSVLogger("training.csv")
tuner = kt.RandomSearch(build_churn_model, objective="val_accuracy", max_trials=2,
                        directory="proj", project_name="churn", overwrite=True)
tuner.search(np.random.rand(24, 4), np.random.randint(0, 2, size=(24, 1)), epochs=3, validation_split=0.25,
             callbacks=[checkpoint, csv_log])
open("results.txt", "w").write("never reached: the probe stops at search()")
