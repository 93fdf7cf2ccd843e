"""Measure what `ktlint probe` costs, against importing KerasTuner and against one real trial.

Usage, from the repository root:

    python benchmarks/probe_speed.py [--python PATH] [--repeat 3] [--samples 2000] [--epochs 10]

The script writes a small search (SEARCH below: a binary classifier, one trial of `--epochs` epochs on
`--samples` rows) to a temporary folder and times, in fresh processes, `--repeat` times each:

* import: `python -c "import keras_tuner"`
* probe (eager): `python -m ktlint probe search.py`, the default, which runs the batch eagerly
* probe (graph): the same with `--graph`, which runs it as a compiled tf.function like a real trial
* real run: `python search.py` with max_trials=1, and inside it the time of search() alone

It prints the medians and the ratios probe / import and probe / real trial. `--python` picks the
interpreter (default: this one), for example a Keras 2 environment's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEARCH = '''
import sys
import time

import numpy as np
import keras
import keras_tuner as kt

SAMPLES, EPOCHS = int(sys.argv[1]), int(sys.argv[2])


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(20,)),
        keras.layers.Dense(hp.Int("units", 16, 64, step=16), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", keras.metrics.AUC(name="auc")])
    return model


x = np.random.rand(SAMPLES, 20).astype("float32")
y = np.random.randint(0, 2, size=(SAMPLES, 1)).astype("float32")
tuner = kt.RandomSearch(build, objective=kt.Objective("val_auc", "max"), max_trials=1, overwrite=True,
                        project_name="speed")
started = time.perf_counter()
tuner.search(x, y, epochs=EPOCHS, validation_split=0.2, verbose=0)
print(f"SEARCH_SECONDS {time.perf_counter() - started:.3f}")
'''


def timed(command: list[str], cwd: str, env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(command)} failed with exit code {completed.returncode}:\n{completed.stderr[-2000:]}"
        )
    return elapsed, completed.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure (default: this one)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per measurement (default: 3)")
    parser.add_argument("--samples", type=int, default=2000, help="rows of the real search's data (default: 2000)")
    parser.add_argument("--epochs", type=int, default=10, help="epochs of the real search's one trial (default: 10)")
    args = parser.parse_args()

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(part for part in (str(ROOT), env.get("PYTHONPATH", "")) if part)
    sizes = [str(args.samples), str(args.epochs)]
    with tempfile.TemporaryDirectory(prefix="ktlint-probe-speed-") as folder:
        script = Path(folder, "search.py")
        script.write_text(SEARCH, encoding="utf-8")
        commands = {
            "import": [args.python, "-c", "import keras_tuner"],
            "probe (eager)": [args.python, "-m", "ktlint", "probe", str(script), "--", *sizes],
            "probe (graph)": [args.python, "-m", "ktlint", "probe", "--graph", str(script), "--", *sizes],
            "real run": [args.python, str(script), *sizes],
        }
        runs: dict[str, list[float]] = {name: [] for name in commands}
        search_seconds = []
        # Round-robin, so that a change in the machine's load affects every measurement alike.
        for _ in range(args.repeat):
            for name, command in commands.items():
                elapsed, stdout = timed(command, folder, env)
                runs[name].append(elapsed)
                if name == "real run":
                    search_seconds += [float(line.split()[1]) for line in stdout.splitlines()
                                       if line.startswith("SEARCH_SECONDS")]
        medians = {}
        for name, times in runs.items():
            medians[name] = statistics.median(times)
            print(f"{name:>14}: {medians[name]:6.2f} s  (runs: {', '.join(f'{run:.2f}' for run in times)})")
        trial = statistics.median(search_seconds)
        print(f"{'real trial':>14}: {trial:6.2f} s  (search() alone, {args.samples} rows, {args.epochs} epochs)")

    probe = medians["probe (eager)"]
    print()
    print(f"probe / import keras_tuner:     {probe / medians['import']:.2f}")
    print(f"probe (graph) / import:         {medians['probe (graph)'] / medians['import']:.2f}")
    print(f"probe / real run (fresh process): {probe / medians['real run']:.2f}")
    print(f"probe / real trial (search() alone): {probe / trial:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
