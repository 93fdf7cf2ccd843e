"""C31: a correct script; model.metrics_names right after compile() does not list the compiled metrics yet."""
import keras
import keras_tuner as kt
import numpy as np


def make_net(hp):
    net = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("u", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer="adam", loss="binary_crossentropy",
                metrics=[keras.metrics.Precision(), keras.metrics.Recall()])
    return net


probe = make_net(kt.HyperParameters())
goal = "val_precision"
if goal[len("val_"):] not in probe.metrics_names:
    print("a check before fit says the objective is missing:", probe.metrics_names)

xs = np.random.rand(20, 4)
ys = np.random.randint(0, 2, size=(20, 1))
print("keys after one evaluate step:", sorted(probe.evaluate(xs, ys, return_dict=True, verbose=0)))

search = kt.RandomSearch(make_net, objective=kt.Objective(goal, "max"), max_trials=2, project_name="c31",
                         overwrite=True)
search.search(xs, ys, epochs=1, validation_split=0.25)
