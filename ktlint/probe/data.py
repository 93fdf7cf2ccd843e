"""Training data for a probe: from the user's `--data` function, or made up from the built model.

Synthesized data follows the model's input shapes and dtypes, and its labels follow each output's loss:
integer class ids for sparse losses, one-hot rows for categorical ones, 0/1 for binary ones and floats
for everything else. Eight samples make one batch at Keras's default batch size of 32.
"""

from __future__ import annotations

from typing import Any, Callable

SAMPLES = 8
# Stand-in for a dimension the model leaves open, such as a sequence length.
OPEN_DIMENSION = 4


class DataError(Exception):
    """The probe cannot make data for this model; the message names what to pass instead."""


def search_arguments(result: Any) -> tuple[tuple, dict]:
    """Turn a `--data` function's return value into search() arguments.

    Accepted: (x, y), (x, y, validation_data), (x, y, x_val, y_val), or a dict of search() keyword
    arguments such as {"x": dataset, "validation_data": val_dataset}. Anything else is passed as `x`.
    """
    if isinstance(result, dict):
        return (), dict(result)
    if isinstance(result, (tuple, list)):
        items = list(result)
        if len(items) == 2:
            return (items[0], items[1]), {}
        if len(items) == 3:
            return (items[0], items[1]), {"validation_data": items[2]}
        if len(items) == 4:
            return (items[0], items[1]), {"validation_data": (items[2], items[3])}
        raise DataError(
            f"the --data function returned {len(items)} items; return (x, y), (x, y, validation_data), "
            "(x, y, x_val, y_val) or a dict of search() keyword arguments"
        )
    return (result,), {}


def synthesize(model: Any, seed: int = 0) -> tuple[Any, Any]:
    """Make (x, y) that fit `model`'s inputs, outputs and losses."""
    import numpy as np

    generator = np.random.default_rng(seed)
    inputs = _structure(model, ("_inputs_struct", "_nested_inputs"), "input")
    outputs = _structure(model, ("_outputs_struct", "_nested_outputs"), "output")
    losses = _losses_by_output(model, outputs)

    x = _map_structure(inputs, lambda tensor, path: _input_array(tensor, generator))
    y = _map_structure(outputs, lambda tensor, path: _label_array(tensor, losses.get(path, ""), generator))
    return x, y


def _structure(model: Any, private_names: tuple[str, ...], public_name: str) -> Any:
    """The model's inputs or outputs as built: a dict, a list or one tensor.

    Functional models keep the structure in `_inputs_struct` (Keras 3) or `_nested_inputs` (Keras 2). A
    Keras 3 Sequential keeps it on its inner functional model, and the `inputs`/`outputs` lists serve the rest.
    """
    candidates = [model, getattr(model, "_functional", None)]
    for candidate in candidates:
        for name in private_names:
            value = getattr(candidate, name, None) if candidate is not None else None
            if value is not None:
                return value
    failure = None
    try:
        tensors = getattr(model, public_name + "s")
    except (AttributeError, ValueError) as error:
        tensors, failure = None, error
    if tensors:
        return tensors[0] if len(tensors) == 1 else list(tensors)
    reason = f" ({failure})" if failure else ""
    raise DataError(
        f"the model has no defined {public_name} until it is called{reason}; start it with "
        "`keras.Input(shape=...)` or pass --data MODULE:FUNCTION"
    )


def _map_structure(structure: Any, function: Callable[[Any, str], Any], path: str = "") -> Any:
    """Apply `function(tensor, path)` to each tensor of a nested dict/list/tuple; a path is a dict key or index."""
    if isinstance(structure, dict):
        return {key: _map_structure(value, function, str(key)) for key, value in structure.items()}
    if isinstance(structure, (list, tuple)):
        mapped = [_map_structure(value, function, str(index)) for index, value in enumerate(structure)]
        return mapped if isinstance(structure, list) else tuple(mapped)
    return function(structure, path)


def _shape(tensor: Any) -> list[int]:
    shape = getattr(tensor, "shape", None)
    if shape is None:
        raise DataError(f"cannot read the shape of {tensor!r}; pass --data MODULE:FUNCTION")
    dims = list(shape.as_list() if hasattr(shape, "as_list") else shape)
    return [SAMPLES] + [OPEN_DIMENSION if dim is None else int(dim) for dim in dims[1:]]


def _dtype(tensor: Any) -> str:
    dtype = getattr(tensor, "dtype", "float32")
    return str(getattr(dtype, "name", dtype))


def _input_array(tensor: Any, generator) -> Any:
    import numpy as np

    shape = _shape(tensor)
    dtype = _dtype(tensor)
    if "string" in dtype:
        return np.full(shape, "a b c", dtype=object)
    if "bool" in dtype:
        return generator.integers(0, 2, size=shape).astype(bool)
    if "int" in dtype:
        # Ids 0 and 1 are valid for every Embedding with input_dim >= 2.
        return generator.integers(0, 2, size=shape).astype(dtype)
    return generator.random(shape).astype("float32")


def _label_array(tensor: Any, loss: str, generator) -> Any:
    import numpy as np

    shape = _shape(tensor)
    units = shape[-1] if len(shape) > 1 else 1
    if "sparse" in loss:
        return generator.integers(0, max(units, 2), size=shape[:-1] if len(shape) > 1 else shape).astype("int32")
    if "categorical" in loss or "divergence" in loss or "kld" in loss:
        ids = generator.integers(0, max(units, 1), size=shape[:-1])
        return np.eye(units, dtype="float32")[ids]
    if "binary" in loss or "hinge" in loss or "focal" in loss:
        return generator.integers(0, 2, size=shape).astype("float32")
    if "poisson" in loss:
        return generator.integers(0, 4, size=shape).astype("float32")
    return generator.random(shape).astype("float32")


def _losses_by_output(model: Any, outputs: Any) -> dict[str, str]:
    """Map each output's path (dict key or list index) to a lower-case description of its loss."""
    loss = getattr(model, "loss", None)
    names = list(getattr(model, "output_names", None) or [])
    if isinstance(outputs, dict):
        paths = [str(key) for key in outputs]
    elif isinstance(outputs, (list, tuple)):
        paths = [str(index) for index in range(len(outputs))]
    else:
        paths = [""]

    described = {}
    for position, path in enumerate(paths):
        name = names[position] if position < len(names) else path
        if isinstance(loss, dict):
            chosen = loss.get(path, loss.get(name))
        elif isinstance(loss, (list, tuple)):
            chosen = loss[position] if position < len(loss) else None
        else:
            chosen = loss
        described[path] = _describe_loss(chosen)
    return described


def _describe_loss(loss: Any) -> str:
    if loss is None:
        return ""
    if isinstance(loss, str):
        return loss.lower()
    parts = [type(loss).__name__, str(getattr(loss, "name", "") or ""), str(getattr(loss, "__name__", "") or "")]
    wrapped = getattr(loss, "fn", None)
    if wrapped is not None:
        parts.append(str(getattr(wrapped, "__name__", "")))
    text = " ".join(parts)
    # CamelCase class names: SparseCategoricalCrossentropy -> sparse_categorical_crossentropy.
    snake = "".join("_" + char.lower() if char.isupper() else char for char in text)
    return (text + " " + snake).lower()
