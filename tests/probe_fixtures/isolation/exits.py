"""Calls sys.exit() before search()."""
import sys

sys.exit(4)
