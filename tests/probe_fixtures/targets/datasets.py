"""Data functions for `ktlint probe --data datasets:FUNCTION`, shaped for zoo.build_binary."""
import numpy as np


def with_validation():
    x = np.random.rand(20, 6).astype("float32")
    y = np.random.randint(0, 2, size=(20, 1)).astype("float32")
    return x, y, (x[:6], y[:6])


def without_validation():
    x = np.random.rand(20, 6).astype("float32")
    y = np.random.randint(0, 2, size=(20, 1)).astype("float32")
    return x, y


def as_search_arguments():
    x, y = without_validation()
    return {"x": x, "y": y, "validation_split": 0.25}
