"""Make `tensorboard` unimportable, as in a TensorFlow 2.21 install without the separate package.

Put this folder on PYTHONPATH: Python imports `sitecustomize` at startup.
"""
import sys


class HideTensorBoard:
    def find_spec(self, name, path=None, target=None):
        if name == "tensorboard" or name.startswith("tensorboard."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, HideTensorBoard())
