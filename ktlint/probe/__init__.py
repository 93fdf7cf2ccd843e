"""The runtime probe: measure the log keys a hypermodel really writes, with real Keras and KerasTuner.

Parent side, never importing TensorFlow, Keras or KerasTuner:

* command.py parses `ktlint probe`, spawn.py runs the jobs in a child process with a timeout,
  findings.py (with classify.py and environment.py) turns what the child saw into rule codes and a
  status, result.py contains the result, report.py prints it and compare.py runs `--compare`.

Child side, `python -m ktlint.probe.child`, importing Keras only inside functions:

* job.py runs a script up to its first search() or a module:Attr target (loaded by target.py, with data
  from data.py); intercept.py patches KerasTuner and Keras, installed by import_hook.py when the user's
  code imports keras_tuner; trial.py runs one trial; record.py and describe.py write down what happened,
  and frames.py tells the user's code from library code.

preflight.py runs the same check on a live tuner inside the caller's own process.
"""
