"""Write rules/KTxxx.md from the rule classes, so the documents and `ktlint rule CODE` share one source.

Run: python scripts/generate_rule_docs.py        (writes the files)
     python scripts/generate_rule_docs.py --check (exit 1 when a document is out of date)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ktlint.rules import ALL_RULES  # noqa: E402
from ktlint.rules.docs import render_rule  # noqa: E402

DOCS = ROOT / "rules"


def expected_documents() -> dict[Path, str]:
    documents = {DOCS / f"{rule.code}.md": render_rule(rule) for rule in ALL_RULES}
    index = ["# Rules\n", "| code | name | summary |", "|---|---|---|"]
    index += [f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.summary} |" for rule in ALL_RULES]
    documents[DOCS / "README.md"] = "\n".join(index) + "\n"
    return documents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report out-of-date documents instead of writing")
    args = parser.parse_args()

    stale = []
    for path, text in expected_documents().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
        print(f"out of date: {names}; run python scripts/generate_rule_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
