"""Key prediction: which log keys Keras writes for a compiled model, per Keras major version."""
