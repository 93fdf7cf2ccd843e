"""Predict the log keys one compiled model writes, from its compile call and output structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

import libcst as cst

from ktlint.facts.hypermodel import CompileCall, Hypermodel
from ktlint.facts.metrics import MetricRef, metric_ref
from ktlint.facts.model import Outputs
from ktlint.facts.symbols import string_value
from ktlint.keys.metric_key import MetricKey, metric_key
from ktlint.parsing.scope import Scope

if TYPE_CHECKING:
    from ktlint.parsing.project import Project

LOSS = "loss"


@dataclass
class KeyPrediction:
    """Training log keys (without `val_`) of one hypermodel in one Keras major version."""

    major: int
    # Key -> the metric that writes it, or None for loss keys.
    keys: dict[str, Optional[MetricKey]] = field(default_factory=dict)
    # False when some key could not be predicted: an objective missing from `keys` may still be logged.
    complete: bool = True
    # Outputs of unknown structure: a missing key might still be logged with an output prefix.
    prefixes_unknown: bool = False
    # Every metric, including those Keras rejects (their `key` is None).
    metrics: list[MetricKey] = field(default_factory=list)
    # Why Keras rejects the whole compile call, when it does.
    invalid: Optional[str] = None
    # How many unnamed instances of each auto-named metric this model created so far.
    auto_named_counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, source: Optional[MetricKey], deduplicate: bool) -> str:
        if key in self.keys and deduplicate:
            # Keras 3 renames a later duplicate with a counter suffix; Keras 2 raises instead.
            index = 1
            while f"{key}_{index}" in self.keys:
                index += 1
            key = f"{key}_{index}"
        self.keys[key] = source
        return key

    def merge(self, other: "KeyPrediction") -> None:
        for key, source in other.keys.items():
            self.keys.setdefault(key, source)
        self.metrics.extend(other.metrics)
        self.complete = self.complete and other.complete
        self.prefixes_unknown = self.prefixes_unknown or other.prefixes_unknown
        self.invalid = self.invalid or other.invalid


def predict_hypermodel(hypermodel: Hypermodel, major: int, project: "Project") -> KeyPrediction:
    """Union of the keys of every compile call the build function may run."""
    prediction = KeyPrediction(major=major, complete=hypermodel.compiles_complete)
    for compile_call in hypermodel.compiles:
        prediction.merge(predict_compile(compile_call, major, project))
    if not hypermodel.compiles:
        prediction.complete = False
    return prediction


def predict_compile(compile_call: CompileCall, major: int, project: "Project") -> KeyPrediction:
    outputs = compile_call.outputs
    prediction = KeyPrediction(major=major, complete=compile_call.readable and not outputs.custom)
    prefixes = _prefixes(outputs, major)
    multi = outputs.known and len(outputs.outputs) > 1

    prediction.add(LOSS, None, deduplicate=False)
    if multi:
        if prefixes is None:
            prediction.complete = False
        else:
            for prefix in prefixes:
                prediction.add(f"{prefix}_{LOSS}", None, deduplicate=False)
    if not outputs.known:
        prediction.prefixes_unknown = True

    for argument_value, weighted in ((compile_call.metrics, False), (compile_call.weighted_metrics, True)):
        if argument_value is None:
            continue
        placed = _place_metrics(argument_value, compile_call.scope, outputs, major, project)
        if placed is None:
            prediction.complete = False
            continue
        if isinstance(placed, str):
            prediction.invalid = placed
            prediction.complete = False
            continue
        for output_index, ref in placed:
            result = _add_metric(prediction, ref, output_index, prefixes if multi else None, weighted, major)
            result.units = _output_units(compile_call, output_index)
    return prediction


def _output_units(compile_call: CompileCall, output_index: Optional[int]) -> Optional[int]:
    outputs = compile_call.outputs
    if outputs.known and outputs.outputs:
        units = outputs.outputs[output_index or 0].units
        if units is not None:
            return units
    # Categorical losses need one unit per class, so at least two.
    loss = string_value(compile_call.loss) if compile_call.loss is not None else None
    if loss in ("categorical_crossentropy", "sparse_categorical_crossentropy"):
        return 2
    return None


def _add_metric(prediction, ref: MetricRef, output_index, prefixes, weighted: bool, major: int) -> MetricKey:
    result = metric_key(ref, major)
    prediction.metrics.append(result)
    if result.key is None:
        if result.rejected is None:
            prediction.complete = False
        return result

    name = result.key
    if result.auto_named:
        # Instances built in one build() after clear_session() count up: auc, auc_1, auc_2 ...
        seen = prediction.auto_named_counts.get(name, 0)
        prediction.auto_named_counts[name] = seen + 1
        if seen:
            name = f"{name}_{seen}"
            result.key = name
    prefix = ""
    if prefixes is not None:
        if output_index is None or prefixes[output_index] is None:
            prediction.complete = False
            return result
        prefix = f"{prefixes[output_index]}_"
    key = prefix + name
    if weighted and key in prediction.keys:
        # Both versions put `weighted_` after the output prefix: `out_a_weighted_accuracy`.
        key = f"{prefix}weighted_{name}"
    prediction.add(key, result, deduplicate=major >= 3)
    return result


def _prefixes(outputs: Outputs, major: int) -> Optional[list[Optional[str]]]:
    """Output prefixes: Keras 3 uses the keys of a dict of outputs, Keras 2 always the layer names."""
    if not outputs.known:
        return None
    if major >= 3 and outputs.dict_keys is not None:
        return list(outputs.dict_keys)
    names = [output.name for output in outputs.outputs]
    return None if any(name is None for name in names) else names


def _place_metrics(node: cst.BaseExpression, scope: Scope, outputs: Outputs, major: int, project: "Project"):
    """Assign each metric entry to an output index.

    Returns a list of (output index or None, MetricRef), a string when Keras rejects the structure, or
    None when the structure cannot be read.
    """
    if string_value(node) is not None:
        if major >= 3:
            return "Keras 3 expects `metrics` to be a list, tuple or dict, not a string (ValueError in compile)"
        # Keras 2 reads a bare string as a one-element list.
        node = cst.List(elements=[cst.Element(node)])
    node, scope = _literal(node, scope, project)
    if node is None:
        return None
    multi = outputs.known and len(outputs.outputs) > 1

    if isinstance(node, (cst.List, cst.Tuple)):
        elements = _elements(node, scope, project)
        if elements is None:
            return None
        nested = [_literal(element, scope, project)[0] for element in elements]
        if elements and all(isinstance(item, (cst.List, cst.Tuple)) for item in nested):
            if not multi or len(nested) != len(outputs.outputs):
                return None
            placed = []
            for index, inner in enumerate(nested):
                inner_elements = _elements(inner, scope, project)
                if inner_elements is None:
                    return None
                placed.extend((index, metric_ref(element, scope, project)) for element in inner_elements)
            return placed
        refs = [metric_ref(element, scope, project) for element in elements]
        if not multi:
            return [(None if outputs.known else 0, ref) for ref in refs]
        if major >= 3:
            if len(refs) != len(outputs.outputs):
                return (
                    f"Keras 3 applies a flat metrics list one entry per output, and this model has "
                    f"{len(outputs.outputs)} outputs but {len(refs)} metrics (ValueError: tuple arity mismatch)"
                )
            return list(enumerate(refs))
        # Keras 2 applies every metric of a flat list to every output.
        return [(index, ref) for ref in refs for index in range(len(outputs.outputs))]

    if isinstance(node, cst.Dict):
        return _place_dict(node, scope, outputs, major, project)
    return [(None if not multi else None, metric_ref(node, scope, project))] if not multi else None


def _place_dict(node: cst.Dict, scope: Scope, outputs: Outputs, major: int, project: "Project"):
    multi = outputs.known and len(outputs.outputs) > 1
    names = [output.name for output in outputs.outputs] if outputs.known else []
    placed = []
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        output_name = string_value(element.key)
        if output_name is None:
            return None
        value, value_scope = _literal(element.value, scope, project)
        if value is None:
            return None
        entries = _elements(value, value_scope, project) if isinstance(value, (cst.List, cst.Tuple)) else [value]
        if entries is None:
            return None

        if not multi:
            if not outputs.known:
                return None
            # Keras 3 applies a single-output model's metrics whatever the dict key; Keras 2 needs the
            # output layer's name and fails inside fit otherwise.
            if major < 3 and output_name != names[0]:
                if names[0] is None:
                    return None
                return f"Keras 2 reads metrics dict keys as output names, and `{output_name}` is not an output"
            placed.extend((None, metric_ref(entry, value_scope, project)) for entry in entries)
            continue

        # Keras 3 matches a dict of outputs by its keys; Keras 2 also accepts the keys of the outputs
        # dict and then prefixes log keys with the layer names.
        if outputs.dict_keys and output_name in outputs.dict_keys:
            index = outputs.dict_keys.index(output_name)
        elif output_name in names and not (major >= 3 and outputs.dict_keys):
            index = names.index(output_name)
        else:
            return None
        placed.extend((index, metric_ref(entry, value_scope, project)) for entry in entries)
    return placed


def _literal(node: cst.BaseExpression, scope: Scope, project: "Project"):
    """Follow a name to the list or dict literal it is bound to."""
    if isinstance(node, (cst.Name, cst.Attribute)):
        definition = project.resolve(node, scope)
        if definition is not None and isinstance(definition.node, (cst.List, cst.Tuple, cst.Dict)):
            return definition.node, definition.scope
        if definition is not None and string_value(definition.node) is not None:
            return cst.List(elements=[cst.Element(definition.node)]), definition.scope
        if definition is None or definition.is_function or definition.is_class:
            return (node, scope) if definition is not None else (None, scope)
        return None, scope
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left, left_scope = _literal(node.left, scope, project)
        right, _ = _literal(node.right, scope, project)
        if isinstance(left, cst.List) and isinstance(right, cst.List):
            return cst.List(elements=[*left.elements, *right.elements]), left_scope
        return None, scope
    return node, scope


def _elements(node: cst.BaseExpression, scope: Scope, project: "Project") -> Optional[list[cst.BaseExpression]]:
    if not isinstance(node, (cst.List, cst.Tuple)):
        return None
    if any(isinstance(element, cst.StarredElement) for element in node.elements):
        return None
    return [element.value for element in node.elements]
