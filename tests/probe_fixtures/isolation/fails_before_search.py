"""Reads a data file that does not exist, before search()."""
import numpy as np

data = np.loadtxt("no_such_file.csv")
