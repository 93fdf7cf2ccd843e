"""KT001 syntax-error: a file cannot be read or parsed; it is reported and the other files go on."""

from __future__ import annotations

from ktlint.rules.base import Context, Example, Rule


class SyntaxErrorRule(Rule):
    code = "KT001"
    name = "syntax-error"
    summary = "File cannot be read or parsed"
    what_it_does = (
        "Reports a file that mentions KerasTuner but cannot be decoded or parsed as Python: a syntax error, "
        "an invalid encoding declaration, bytes that do not match the declared encoding, or binary data."
    )
    why_is_this_bad = (
        "ktlint cannot check the objectives of a file it cannot parse, and the interpreter will reject it too. "
        "The other files are still checked."
    )
    fix_safety = "There is no automatic fix."
    invalid = (
        Example('''import keras_tuner as kt

tuner = kt.RandomSearch(build, objective="val_loss"
'''),
    )
    valid = (
        Example('''import keras_tuner as kt

tuner = kt.RandomSearch(build, objective="val_loss")
'''),
    )

    def check(self, context: Context):
        # The engine reports this rule while reading files; there is nothing to check afterwards.
        return ()
