"""Takes its objective from the command line: `python argv_objective.py --objective val_loss`."""
import argparse

import keras_tuner as kt
import numpy as np
from helpers import build_churn_model

parser = argparse.ArgumentParser()
parser.add_argument("--objective", required=True)
arguments = parser.parse_args()

tuner = kt.RandomSearch(build_churn_model, objective=arguments.objective, max_trials=1, project_name="argv")
tuner.search(np.random.rand(24, 4), np.random.randint(0, 2, size=(24, 1)), epochs=1, validation_split=0.25)
