"""ktlint: find KerasTuner objectives that name a log key Keras never writes."""

__version__ = "0.1.0"


def preflight(tuner, *search_args, strict=False, **search_kwargs):
    """Check a live tuner's objective against one real batch; see ktlint.probe.preflight."""
    # Imported here because the probe pulls in TensorFlow, which the static pass must never load.
    from ktlint.probe.preflight import preflight as run_preflight

    return run_preflight(tuner, *search_args, strict=strict, **search_kwargs)
