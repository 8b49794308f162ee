"""Links named in lesson files: "x -> h1.2", "h2.1 -> output"; where they are in a network."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playground_game.model.core.features import FEATURE_BY_KEY, FEATURE_KEYS
from playground_game.model.knobs import MAX_HIDDEN_LAYERS, MAX_NEURONS

if TYPE_CHECKING:
    from playground_game.model.playground import Playground

OUTPUT = "output"
HIDDEN_UNIT = re.compile(r"h([1-9])\.([1-9])")


@dataclass(frozen=True)
class Link:
    """A named link, "x -> h1.2" or "h2.1 -> output": its layer and units (0-based units)."""

    name: str
    source: str  # a feature key or "hL.U"
    target: str  # "hL.U" or "output"
    layer: int  # the target's layer: 1 = first hidden layer (or the output with none)

    def label(self) -> str:
        return f"{_endpoint_label(self.source)} to {_endpoint_label(self.target)}"

    def position(self, playground: Playground) -> tuple[int, int, int] | None:
        """(layer, unit, source) of the weight in this network, as `SetWeight` takes them, or
        None when the link does not exist."""
        shape = playground.settings.network_shape
        if self.target == OUTPUT:
            layer = len(shape) + 1
            unit = 0
        else:
            target_layer, unit = hidden_unit(self.target)
            if target_layer > len(shape) or unit >= shape[target_layer - 1]:
                return None
            layer = target_layer
        if self.source in FEATURE_BY_KEY:
            if layer != 1 or self.source not in playground.settings.input_features:
                return None
            source = playground.settings.input_features.index(self.source)
        else:
            source_layer, source = hidden_unit(self.source)
            if source_layer != layer - 1 or source >= shape[source_layer - 1]:
                return None
        try:
            playground.network.weight_index(layer, unit, source)
        except IndexError:
            return None
        return layer, unit, source

    def index(self, playground: Playground) -> int | None:
        """The weight's flat index in this network, or None when the link does not exist."""
        position = self.position(playground)
        return None if position is None else playground.network.weight_index(*position)


def hidden_unit(name: str) -> tuple[int, int]:
    match = HIDDEN_UNIT.fullmatch(name)
    assert match is not None
    return int(match.group(1)), int(match.group(2)) - 1


def _endpoint_label(name: str) -> str:
    if name in FEATURE_BY_KEY:
        return FEATURE_BY_KEY[name].label
    if name == OUTPUT:
        return "output"
    layer, unit = hidden_unit(name)
    return f"layer {layer} unit {unit + 1}"


def parse_link(text: str) -> Link:
    """Read "SOURCE -> TARGET" (a feature key or hL.U, then hL.U or output); ValueError if bad."""
    parts = [p.strip() for p in str(text).split("->")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"{text!r} is not a link like \"x -> output\" or \"h1.2 -> h2.1\"")
    source, target = parts
    if source not in FEATURE_BY_KEY and not HIDDEN_UNIT.fullmatch(source):
        raise ValueError(f"{source!r} is not a feature key ({', '.join(FEATURE_KEYS)}) "
                         f"nor a hidden unit like h1.2")
    if target != OUTPUT and not HIDDEN_UNIT.fullmatch(target):
        raise ValueError(f"{target!r} is not a hidden unit like h1.2 nor output")
    if target == OUTPUT:
        layer = None if source in FEATURE_BY_KEY else hidden_unit(source)[0] + 1
    else:
        layer = hidden_unit(target)[0]
        expected = 1 if source in FEATURE_BY_KEY else hidden_unit(source)[0] + 1
        if layer != expected:
            raise ValueError(f"{text!r} joins units that are not in neighbouring layers")
    if layer is not None and layer - 1 > MAX_HIDDEN_LAYERS:
        raise ValueError(f"{text!r} needs more than {MAX_HIDDEN_LAYERS} hidden layers")
    for name in (source, target):
        if HIDDEN_UNIT.fullmatch(name) and hidden_unit(name)[1] >= MAX_NEURONS:
            raise ValueError(f"{name!r}: a layer has at most {MAX_NEURONS} units")
    return Link(str(text).strip(), source, target, layer or 1)
