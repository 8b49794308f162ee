"""The session's invariants: what must hold for a `Playground` after any action.

`model_problems` lists every broken invariant as a readable sentence. The window's last line of
defence (ui/overlays/error_card.py) uses it to decide whether a failed frame left the session
usable, and the monkey and robustness tests check it after every event.
"""

from __future__ import annotations

from playground_game.model.playground import Playground
from playground_game.model.settings import MAX_HIDDEN_LAYERS, MAX_NEURONS


def model_problems(playground: Playground) -> list[str]:
    """Every broken invariant of a session, as readable sentences (empty when consistent).

    The shape is within the limits; the flat arrays match the layer sizes; the first layer is
    the active input features and the hidden layers are the settings' shape; the loss history
    holds one entry per epoch since the last reset (epoch 0 included).
    """
    problems: list[str] = []
    s = playground.settings
    net = playground.network
    sizes = [int(v) for v in net.sizes]
    shape = list(s.network_shape)
    if len(shape) > MAX_HIDDEN_LAYERS or any(not 1 <= n <= MAX_NEURONS for n in shape):
        problems.append(f"network shape {shape} is outside the limits")
    if sizes[1:-1] != shape:
        problems.append(f"hidden layer sizes {sizes[1:-1]} differ from the settings' {shape}")
    if sizes[0] != len(s.input_features):
        problems.append(f"{sizes[0]} inputs but {len(s.input_features)} active features")
    if sizes[-1] != playground.n_outputs:
        problems.append(f"{sizes[-1]} output units instead of {playground.n_outputs}")
    n_weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    n_units = sum(sizes)
    arrays = (("weights", net.weights, n_weights), ("dead", net.dead, n_weights),
              ("acc_w", net.acc_w, n_weights), ("biases", net.biases, n_units),
              ("acc_b", net.acc_b, n_units))
    for name, array, expected in arrays:
        if array.shape != (expected,):
            problems.append(f"{name} has shape {array.shape}, expected ({expected},)")
    if int(net.w_off[-1]) != n_weights or int(net.u_off[-1]) != n_units:
        problems.append("the layer offsets do not match the layer sizes")
    if playground.epoch < 0:
        problems.append(f"epoch {playground.epoch} is negative")
    for name, record in (("training losses", playground.train_losses),
                         ("test losses", playground.test_losses),
                         ("training accuracies", playground.train_accuracies),
                         ("test accuracies", playground.test_accuracies)):
        if len(record) != playground.epoch + 1:
            problems.append(f"{len(record)} {name} at epoch {playground.epoch}")
    return problems
