"""The network as a formula of its inputs: readable text for people, and a NumPy function.

Both are written from the network's current weights and from the engine's tables: the input
features (`core/features.py`, their on-screen labels), each hidden layer's activation
(`core/activations.py`, per layer) and the objective's output activation or softmax
(`core/objectives.py`). Each activation and feature has one entry in the two small tables below
(how to write it for a reader, how to compute it with NumPy); `missing_entries` names any table
row without one, and the tests call it, so a new activation or feature cannot be left out.

Units are named as a reader finds them on screen: the inputs by their labels (X₁, X₂, X₁², ...),
hidden unit k of hidden layer L (counted from 1, top to bottom) as hL_k, the output as `out`
(`out_1` ... `out_K` with K outputs). The text rounds the weights to a few digits; the Python
function writes them exactly (`repr`), so it computes the engine's outputs to within the
difference of NumPy's math functions and the engine's fdlibm ports (about 1e-16 relative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playground_game.model.core.activations import ACTIVATIONS, GELU_A, GELU_C, LEAKY_SLOPE
from playground_game.model.core.datasets import REGRESSION
from playground_game.model.core.features import FEATURE_BY_KEY, FEATURES
from playground_game.model.core.network import Network
from playground_game.model.core.objectives import Objective

DIGITS = 3  # significant digits of a weight in the readable formula


@dataclass(frozen=True)
class _Written:
    """How one activation reads (`text`, with {} for its input; `legend` defines the name) and
    how NumPy computes it (`numpy`, a function body of `t`)."""

    text: str
    legend: str
    numpy: str


# One entry per row of ACTIVATIONS (key: how it is written).
ACTIVATION_FORMS: dict[str, _Written] = {
    "relu": _Written("relu({})", "relu(t) = max(0, t)", "np.where(t > 0.0, t, 0.0)"),
    "tanh": _Written("tanh({})", "", "np.tanh(t)"),
    "sigmoid": _Written("σ({})", "σ(t) = 1 / (1 + e^-t)", "1.0 / (1.0 + np.exp(-t))"),
    "linear": _Written("{}", "", "t"),
    "leaky-relu": _Written("lrelu({})", f"lrelu(t) = t if t > 0, else {LEAKY_SLOPE:g}·t",
                           f"np.where(t > 0.0, t, {LEAKY_SLOPE!r} * t)"),
    "elu": _Written("elu({})", "elu(t) = t if t > 0, else e^t - 1",
                    "np.where(t > 0.0, t, np.expm1(np.minimum(t, 0.0)))"),
    "gelu": _Written("gelu({})", "gelu(t) = t/2 · (1 + tanh(0.798 · (t + 0.0447 t³)))",
                     f"0.5 * t * (1.0 + np.tanh({GELU_C!r} * (t + {GELU_A!r} * t * t * t)))"),
    "swish": _Written("silu({})", "silu(t) = t · σ(t) = t / (1 + e^-t)",
                      "t / (1.0 + np.exp(-t))"),
    "softplus": _Written("softplus({})", "softplus(t) = ln(1 + e^t)",
                         "np.maximum(t, 0.0) + np.log(1.0 + np.exp(-np.abs(t)))"),
    "sine": _Written("sin({})", "", "np.sin(t)"),
}

# One entry per input feature (key: its NumPy expression of the point's x1 and x2).
FEATURE_NUMPY: dict[str, str] = {
    "x": "x1",
    "y": "x2",
    "xSquared": "x1 * x1",
    "ySquared": "x2 * x2",
    "xTimesY": "x1 * x2",
    "sinX": "np.sin(x1)",
    "sinY": "np.sin(x2)",
}

SOFTMAX_LEGEND = "softmax(z)ₖ = e^zₖ / Σⱼ e^zⱼ"


def missing_entries() -> list[str]:
    """Table rows this module cannot write yet (empty when every row has its entry)."""
    missing = [f"activation {a.key!r}" for a in ACTIVATIONS if a.key not in ACTIVATION_FORMS]
    missing += [f"feature {f.key!r}" for f in FEATURES if f.key not in FEATURE_NUMPY]
    return missing


@dataclass(frozen=True)
class Formula:
    """The readable formula: one line per unit ("h1_1 = tanh(0.5·X₁ - 1.2·X₂ + 0.1)"), the
    legend of the functions it uses, and the names of the output units."""

    lines: tuple[str, ...]
    legend: tuple[str, ...]
    outputs: tuple[str, ...]
    reading: str  # what the output means ("out ≥ 0: the blue class; below: the orange class")


def reading(objective: Objective, outputs: tuple[str, ...]) -> str:
    """How to read the outputs, from the objective's row: a value, a probability per class,
    or a class by the output's side of the row's threshold."""
    if objective.problem == REGRESSION:
        return f"{outputs[0]} is the predicted value."
    if len(outputs) > 1:
        return (f"{outputs[0]} ... {outputs[-1]} are the probabilities of classes 1 to "
                f"{len(outputs)}; a point's class is the most probable.")
    # `probability` marks rows whose outputs are probabilities (a table without the field has
    # only the sigmoid's)
    probability = getattr(objective, "probability", objective.output_activation == "sigmoid")
    what = " (the probability of the blue class)" if probability else ""
    return (f"{outputs[0]}{what} ≥ {objective.threshold:g}: the blue class; "
            f"below: the orange class.")


def unit_name(network: Network, layer: int, unit: int) -> str:
    """A hidden or output unit's name (layer 1..L, unit from 0): hL_k, out, out_k."""
    if layer == network.num_layers - 1:
        return "out" if network.n_outputs == 1 else f"out_{unit + 1}"
    return f"h{layer}_{unit + 1}"


def _softmax(objective: Objective) -> bool:
    """Whether the objective's output layer is a softmax over its units (the `softmax` field of
    its row; a table without the field has no softmax row)."""
    return bool(getattr(objective, "softmax", False))


def _output_form(objective: Objective) -> _Written:
    if _softmax(objective):
        return ACTIVATION_FORMS["linear"]  # the layer's softmax is written after its units
    return ACTIVATION_FORMS[objective.output_activation]


def _activation_keys(network: Network) -> list[str]:
    return [ACTIVATIONS.rows[int(a)].key for a in network.activations]


def _number(value: float) -> str:
    return f"{value:.{DIGITS}g}"


def _readable_sum(weights: list[float], names: list[str], bias: float) -> str:
    """w1·a + w2·b ... + bias, rounded, with the signs written as - and +; zero terms left out."""
    text = ""
    for weight, name in zip(weights, names, strict=True):
        if _number(abs(weight)) == "0":
            continue
        term = f"{_number(abs(weight))}·{name}"
        if text:
            text += (" - " if weight < 0 else " + ") + term
        else:
            text = ("-" if weight < 0 else "") + term
    if not text:
        return _number(bias)
    if _number(abs(bias)) != "0":
        text += (" - " if bias < 0 else " + ") + _number(abs(bias))
    return text


def formula(network: Network, features: tuple[str, ...], objective: Objective) -> Formula:
    """The network's outputs as a formula of `features` (the active feature keys), with its
    current weights rounded to DIGITS significant digits."""
    active = [f for f in FEATURES if f.key in features]  # the first layer's order (table order)
    names = [f.label for f in active]
    keys = _activation_keys(network)
    lines: list[str] = []
    used: list[_Written] = []
    last = network.num_layers - 1
    for layer in range(1, network.num_layers):
        form = _output_form(objective) if layer == last else ACTIVATION_FORMS[keys[layer]]
        used.append(form)
        matrix, biases = network.layer_matrix(layer), network.layer_biases(layer)
        own = [unit_name(network, layer, u) for u in range(int(network.sizes[layer]))]
        if layer == last and _softmax(objective):
            own = [f"z_{u + 1}" for u in range(len(own))]
        for unit, name in enumerate(own):
            total = _readable_sum(matrix[unit].tolist(), names, float(biases[unit]))
            lines.append(f"{name} = {form.text.format(total)}")
        names = own
    outputs = tuple(unit_name(network, last, u) for u in range(network.n_outputs))
    legend = [form.legend for form in dict.fromkeys(used) if form.legend]
    if _softmax(objective):
        lines.append(f"({', '.join(outputs)}) = softmax({', '.join(names)})")
        legend.append(SOFTMAX_LEGEND)
    return Formula(tuple(lines), tuple(legend), outputs, reading(objective, outputs))


def _exact_sum(weights: list[float], names: list[str], bias: float) -> str:
    """bias + w1 * a + w2 * b ..., the engine's order, each weight by repr. A negative weight
    is written `- |w| * a`: IEEE subtraction of a product is the addition of its negation, so
    the sum is the same to the bit. With no inputs, the bias over the points' shape."""
    if not names:
        return f"np.full_like(x1, {bias!r})"
    text = repr(bias)
    for weight, name in zip(weights, names, strict=True):
        sign = "-" if math.copysign(1.0, weight) < 0 else "+"
        text += f" {sign} {abs(weight)!r} * {name}"
    return text


def python_function(network: Network, features: tuple[str, ...], objective: Objective,
                    name: str = "network", about: str = "") -> str:
    """A self-contained Python module (NumPy only) defining `name(x1, x2)`: the network's
    outputs at points (x1, x2), arrays or numbers, with the weights written exactly. One output
    unit gives an array shaped like x1; K outputs give K of them stacked on a first axis.
    `about` (the experiment's code and epoch, say) goes in comments at the top."""
    keys = _activation_keys(network)
    last = network.num_layers - 1
    forms = {keys[layer] if layer < last else
             ("linear" if _softmax(objective) else objective.output_activation)
             for layer in range(1, network.num_layers)}
    active = [f.key for f in FEATURES if f.key in features]
    out: list[str] = [
        '"""The trained network of a Neural Playground experiment, as a NumPy function."""',
        *(f"# {line}" for line in about.splitlines()),
        "",
        "import numpy as np",
        "",
    ]
    function_of = {key: key.replace("-", "_") for key in ACTIVATION_FORMS}
    for key in sorted(forms):
        out += ["", f"def {function_of[key]}(t):", f"    return {ACTIVATION_FORMS[key].numpy}", ""]
    if _softmax(objective):
        out += ["", "def softmax(*z):", "    top = np.maximum.reduce(z)",
                "    e = [np.exp(v - top) for v in z]", "    total = sum(e)",
                "    return [v / total for v in e]", ""]
    shown = ", ".join(FEATURE_BY_KEY[k].label for k in active) or "no inputs"
    out += ["", f"def {name}(x1, x2):",
            f'    """The outputs at points (x1, x2); the inputs are {shown}."""',
            "    x1 = np.asarray(x1, dtype=np.float64)",
            "    x2 = np.asarray(x2, dtype=np.float64)",
            "    with np.errstate(over='ignore'):"]
    body: list[str] = [f"{key} = {FEATURE_NUMPY[key]}" for key in active]
    names = active
    for layer in range(1, network.num_layers):
        key = keys[layer] if layer < last else \
            ("linear" if _softmax(objective) else objective.output_activation)
        matrix, biases = network.layer_matrix(layer), network.layer_biases(layer)
        own = [unit_name(network, layer, u) for u in range(int(network.sizes[layer]))]
        for unit, unit_var in enumerate(own):
            total = _exact_sum(matrix[unit].tolist(), names, float(biases[unit]))
            body.append(f"{unit_var} = {function_of[key]}({total})")
        names = own
    if _softmax(objective):
        body.append(f"{', '.join(names)}, = softmax({', '.join(names)})")
    result = names[0] if len(names) == 1 else f"np.stack([{', '.join(names)}])"
    body.append(f"return {result}")
    out += [f"        {line}" for line in body]
    return "\n".join(out) + "\n"
