"""The static pass must never import TensorFlow, Keras or KerasTuner: it has to stay fast."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

CHECK = """
import sys, io, contextlib
from ktlint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main([sys.argv[1], "--output-format", "json", "--exit-zero"])
heavy = sorted(name for name in sys.modules
               if name.split(".")[0] in ("tensorflow", "keras", "tf_keras", "keras_tuner", "kerastuner"))
print(heavy)
"""


def test_static_pass_imports_no_keras():
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(ROOT / "fixtures")], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"')) == []


def test_test_collection_imports_no_tensorflow():
    # Collect every test module in a fresh interpreter and list what got imported.
    code = (
        "import sys, pytest\n"
        "pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', sys.argv[1]])\n"
        "print('HEAVY', sorted(n for n in sys.modules if n.split('.')[0] in ('tensorflow', 'keras', 'keras_tuner')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "tests")], capture_output=True, text=True, cwd=ROOT)
    line = [line for line in result.stdout.splitlines() if line.startswith("HEAVY")][-1]
    assert line == "HEAVY []", result.stdout[-2000:]
