"""Hangs before it reaches search(); the probe's --timeout must end it."""
import time

time.sleep(600)
