"""Builds a tuner but never calls search()."""
import keras_tuner as kt
from helpers import build_churn_model

tuner = kt.RandomSearch(build_churn_model, objective="val_accuracy", max_trials=1, project_name="unused")
