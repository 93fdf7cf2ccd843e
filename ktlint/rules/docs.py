"""Render a rule's Markdown document from the rule class; rules/*.md are generated from it."""

from __future__ import annotations

from ktlint.rules.base import Rule


def render_rule(rule: Rule) -> str:
    parts = [f"# {rule.name} ({rule.code})\n", f"{rule.summary}.\n", "## What it does\n", rule.what_it_does + "\n",
             "## Why is this bad?\n", rule.why_is_this_bad + "\n"]
    if rule.known_problems:
        parts += ["## Known problems\n", rule.known_problems + "\n"]
    for title, examples in (("Example", rule.invalid), ("Use instead", rule.valid)):
        for example in examples:
            note = f" (Keras {example.keras})" if example.keras != "3" else ""
            parts += [f"## {title}{note}\n", "```python\n" + example.code.rstrip("\n") + "\n```\n"]
    parts += ["## Fix safety\n", rule.fix_safety + "\n"]
    return "\n".join(parts)
