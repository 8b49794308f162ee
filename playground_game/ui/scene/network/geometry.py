"""Where everything of the network view is, computed once per layout, and what is under a point.

`build_geometry` places the features column, the hidden layers, bias squares, +/- buttons and
texts for a rect and a theme; `build_links` adds every link's Bezier curve (dense arc-length
samples, tangents, the drawn polylines and the bands links.py redraws). `hit` says what is under
a point as a small target (`ButtonTarget`, `BiasTarget`, `UnitTarget`, `LinkTarget`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pygame

from playground_game.model.core.features import FEATURES
from playground_game.model.core.network import Network
from playground_game.model.settings import MAX_NEURONS, Settings
from playground_game.ui.theme import Theme

# Geometry in pixels at 720p; the original's numbers where it has them.

UNIT = 30  # a unit's heatmap square
UNIT_GAP = 25  # vertical gap between units
TALL_ZOOM = 1.5  # in windows taller than 16:9, units grow up to this much into the height
UNIT_SHARE_OF_PITCH = 0.6  # ...while a unit takes at most this part of a column's pitch
BIAS = 5  # the bias square
LINK_START_GAP = 2  # links leave a unit this far right of it
LINK_SPREAD = 12  # incoming links fan out over this height at a unit's left edge
BUTTON = 24  # diameter of a +/- button
ACTIVATION_W = 84  # the widest a layer's activation caption gets
HEADER_HEIGHT = 28  # "+ - N HIDDEN LAYERS"
BUTTON_ROW_GAP = 10  # between the header and the per-layer buttons
HIT_SLOP = 4  # extra reach of small targets (bias squares, thin links)
LINK_REACH = 6  # a link answers the pointer this near its centre line (9 px at 1080p)
LINK_MIN_WIDTH = 1.0
LINK_MAX_WIDTH = 10.0
LINK_WIDTH_PER_WEIGHT = 9.0 / 5.0
CURVE_SAMPLES = 240  # dense samples per link (arc length, dash gaps, link hit points)
CURVE_SEGMENTS = 20  # straight segments drawn per link
FEATURE_SUBTITLE = "Which properties do you want to feed in?"


# What the pointer is over (hover) or pressed on; the view turns a press into an action.


@dataclass(frozen=True)
class ButtonTarget:
    name: str  # "add_layer", "remove_neuron:1", ...


@dataclass(frozen=True)
class UnitTarget:
    layer: int  # 0: the features column (unit = FEATURES position); 1..: hidden layers
    unit: int


@dataclass(frozen=True)
class HeaderTarget:
    layer: int  # a hidden layer's "N neurons" caption (1..): it opens the layer view


@dataclass(frozen=True)
class BiasTarget:
    layer: int  # 1..L, L = the output layer
    unit: int


@dataclass(frozen=True)
class LinkTarget:
    index: int  # into the geometry's link arrays


@dataclass(frozen=True)
class WeightTarget:
    """A weight being edited, numbered like SetWeight: unit `dest` of `layer` from `source`."""

    layer: int
    dest: int
    source: int


Target = ButtonTarget | HeaderTarget | UnitTarget | BiasTarget | LinkTarget



@dataclass
class Geometry:
    """Everything positional for one layout key; rebuilt only when the layout changes."""

    key: tuple
    unit: int
    feature_rects: list[pygame.Rect | None]  # by FEATURES position; None when hidden
    feature_hits: list[pygame.Rect | None]  # the unit and its label
    hidden_rects: list[list[pygame.Rect]]
    bias_rects: dict[tuple[int, int], pygame.Rect]
    buttons: dict[str, pygame.Rect]
    texts: list[tuple[str, str, tuple[int, int], str]]  # text, role, anchor point, anchor name
    # links, in drawing order; layer/dest/source as SetWeight numbers them
    link_layer: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_dest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_source: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    weight_index: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 2)))  # (links, S+1, 2)
    tangents: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 2)))
    arc: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # cumulative length
    arc_base: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per link, increasing
    arc_flat: np.ndarray = field(default_factory=lambda: np.zeros(0))  # arc + base, raveled
    dense_x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # dense, raveled
    dense_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    tan_x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # tangents, raveled
    tan_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    polylines: np.ndarray = field(default_factory=lambda: np.zeros(0, object))  # layer coords
    layer_rect: pygame.Rect = field(default_factory=pygame.Rect)
    bands: list[tuple[slice, pygame.Rect]] = field(default_factory=list)  # links into a layer
    bias_units: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_points: dict[int, tuple[int, int]] = field(default_factory=dict)  # lazy, for tests
    link_scale: float = 1.0  # link widths and dashes: the theme's scale, more for larger units
    # each hidden layer's activation caption (it opens a menu), by hidden layer (0-based)
    activation_rects: dict[int, pygame.Rect] = field(default_factory=dict)
    # each hidden layer's "N neurons" caption (it shows the layer's view), by layer (1..)
    header_rects: dict[int, pygame.Rect] = field(default_factory=dict)


def link_width(weight: np.ndarray | float) -> np.ndarray:
    """The original's link width in pixels at 720p: 1 + 9|w|/5, clamped to 1..10.

    A diverged network's NaN weights get the thinnest line (fmax/fmin drop NaN).
    """
    raw = LINK_MIN_WIDTH + LINK_WIDTH_PER_WEIGHT * np.abs(weight)
    return np.fmin(np.fmax(raw, LINK_MIN_WIDTH), LINK_MAX_WIDTH)


def neurons_label(count: int, theme: Theme, pitch: float) -> str:
    """"8 neurons" over a column, or just "8" where the columns stand too close for it."""
    text = _plural(count, "neuron")
    return text if theme.text_size(text, "caption")[0] + theme.px(6) <= pitch else str(count)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def output_points(anchor: tuple[int, int], n_outputs: int, unit: int) -> list[tuple[int, int]]:
    """Where the links into each output unit end: around the anchor, one above another."""
    ax, ay = anchor
    step = max(4, unit // 3)
    return [(ax, round(ay + (k - (n_outputs - 1) / 2) * step)) for k in range(n_outputs)]


def build_geometry(key: tuple, settings: Settings, network: Network, theme: Theme,
                   rect: pygame.Rect, output_anchor: tuple[int, int]) -> Geometry:
    """Every rect of the view for this window, theme and network (its shape and outputs)."""
    px = theme.px
    scale = theme.scale
    shape = settings.network_shape
    hidden_features = settings.hidden

    # Vertical: a header row, the per-layer buttons and "N neurons", then the units, spaced
    # so that the largest layer (8 units) fits the height we were given.
    header = pygame.Rect(rect.left, rect.top, rect.width,
                         max(px(HEADER_HEIGHT), theme.line_height("title") + px(2)))
    buttons_top = header.bottom + px(BUTTON_ROW_GAP)
    neurons_label_y = buttons_top + px(BUTTON) + px(3)
    # each layer's activation under its count, unless a lesson or Customize hides activation
    show_activations = bool(shape) and "activation" not in hidden_features
    activation_y = neurons_label_y + theme.line_height("caption")
    units_top = (activation_y if show_activations else neurons_label_y) \
        + theme.line_height("caption") + px(12)
    available = rect.bottom - units_top - px(BIAS)
    # Horizontal: labels, the input column, hidden columns evenly up to the output anchor.
    visible = [f for f in FEATURES if f.key not in hidden_features]
    label_w = max((theme.text_size(f.label, "body")[0] for f in visible), default=0)
    inputs_left = rect.left + label_w + px(10)
    anchor_x, anchor_y = output_anchor
    n_hidden = len(shape)

    # Units grow into a window taller than 16:9 (the theme's scale follows the width there),
    # as long as the columns keep room for their links.
    design = (UNIT + UNIT_GAP) * scale * theme.network_zoom
    pitch = (anchor_x - inputs_left) / (n_hidden + 1)
    taller = min(design * TALL_ZOOM,
                 (UNIT + UNIT_GAP) * theme.height / 720 * theme.network_zoom,
                 pitch * UNIT_SHARE_OF_PITCH * (UNIT + UNIT_GAP) / UNIT)
    spacing = min(max(design, taller), available / (MAX_NEURONS - 1 + UNIT / (UNIT + UNIT_GAP)))
    spacing = max(spacing, 4.0)
    unit = max(4, round(spacing * UNIT / (UNIT + UNIT_GAP)))

    def unit_top(i: int) -> int:
        return round(units_top + i * spacing)

    end_x = anchor_x
    if n_hidden:  # the last column's - button stays inside the view (a narrow network)
        # ...and its label, as it will be drawn: columns this close show a bare count.
        label_w = max(theme.text_size(neurons_label(n, theme, pitch), "caption")[0]
                      for n in shape)
        last = rect.right - max(px(2) + px(BUTTON), (label_w + 1) // 2) - unit // 2 - 1
        if inputs_left + (anchor_x - inputs_left) * n_hidden / (n_hidden + 1) > last:
            end_x = inputs_left + (last - inputs_left) * (n_hidden + 1) / n_hidden
    column_pitch = (end_x - inputs_left) / (n_hidden + 1)
    if unit > column_pitch * UNIT_SHARE_OF_PITCH:  # columns too close for units this large
        unit = max(4, int(column_pitch * UNIT_SHARE_OF_PITCH))
        spacing = min(spacing, unit * (UNIT + UNIT_GAP) / UNIT)
    column_lefts = [round(inputs_left + (end_x - inputs_left) * (k + 1) / (n_hidden + 1))
                    for k in range(n_hidden)]

    feature_rects: list[pygame.Rect | None] = []
    feature_hits: list[pygame.Rect | None] = []
    texts: list[tuple[str, str, tuple[int, int], str]] = []
    row = 0
    for feature in FEATURES:
        if feature.key in hidden_features:
            feature_rects.append(None)
            feature_hits.append(None)
            continue
        box = pygame.Rect(inputs_left, unit_top(row), unit, unit)
        feature_rects.append(box)
        feature_hits.append(box.union(pygame.Rect(rect.left, box.top, box.left - rect.left,
                                                  box.height)))
        row += 1

    hidden_rects = [[pygame.Rect(column_lefts[k], unit_top(i), unit, unit)
                     for i in range(size)] for k, size in enumerate(shape)]

    bias = px(BIAS)
    bias_rects: dict[tuple[int, int], pygame.Rect] = {}
    for k, column in enumerate(hidden_rects):
        for i, box in enumerate(column):
            bias_rects[(k + 1, i)] = pygame.Rect(box.left - bias - px(2),
                                                 box.bottom - bias + px(3), bias, bias)
    output_layer = n_hidden + 1
    for k, (ox, oy) in enumerate(output_points(output_anchor, network.n_outputs, unit)):
        bias_rects[(output_layer, k)] = pygame.Rect(ox - bias - px(2),
                                                    oy + unit // 2 - bias + px(3), bias, bias)

    # Buttons and labels.
    diameter = px(BUTTON)
    if n_hidden:  # columns close together (a deep network, big text): smaller +/- buttons
        diameter = max(6, min(diameter, int((column_pitch - px(6)) / 2)))
    buttons: dict[str, pygame.Rect] = {}
    activation_rects: dict[int, pygame.Rect] = {}
    header_rects: dict[int, pygame.Rect] = {}
    span_left = inputs_left + unit
    title = _plural(n_hidden, "hidden layer").upper()
    title_w = theme.text_size(title, "title")[0]
    show_layer_buttons = "numHiddenLayers" not in hidden_features
    group_w = title_w + ((2 * diameter + px(4) + px(10)) if show_layer_buttons else 0)
    x = round((span_left + anchor_x) / 2 - group_w / 2)
    # A narrow view or big text: keep the group inside, right of the FEATURES title.
    features_w = theme.text_size("FEATURES", "title")[0] + px(10)
    x = max(rect.left + features_w, min(x, rect.right - group_w))
    if show_layer_buttons:
        for name in ("add_layer", "remove_layer"):
            buttons[name] = pygame.Rect(x, header.centery - diameter // 2, diameter, diameter)
            x += diameter + px(4)
        x += px(6)
    texts.append((title, "title", (x, header.centery), "midleft"))
    for k, column in enumerate(hidden_rects):
        centre = column[0].centerx if column else column_lefts[k] + unit // 2
        for name, offset in ((f"add_neuron:{k}", -diameter - px(2)),
                             (f"remove_neuron:{k}", px(2))):
            buttons[name] = pygame.Rect(centre + offset, buttons_top, diameter, diameter)
        label = neurons_label(shape[k], theme, column_pitch)
        texts.append((label, "caption", (centre, neurons_label_y), "midtop"))
        caption_w = theme.text_size(label, "caption")[0] + px(8)
        clickable = pygame.Rect(0, neurons_label_y - px(1), caption_w,
                                theme.line_height("caption") + px(2))
        clickable.centerx = centre
        header_rects[k + 1] = clickable
        if show_activations:
            width = max(diameter * 2 + px(2), min(round(column_pitch) - px(4), px(ACTIVATION_W)))
            caption = pygame.Rect(0, activation_y, width, theme.line_height("caption"))
            caption.centerx = centre
            activation_rects[k] = caption
    texts.append(("FEATURES", "title", (rect.left, header.centery), "midleft"))
    # The question under FEATURES may run under the first layer's buttons, not into them.
    first_buttons = (column_lefts[0] + unit // 2 - diameter - px(8)) if n_hidden else anchor_x
    subtitle_w = max(inputs_left + unit - rect.left, min(first_buttons - rect.left, px(170)))
    explain = not (settings.hide_text or theme.presenting)
    subtitle = theme.wrap(FEATURE_SUBTITLE, "caption", subtitle_w) if explain else ()
    for n, line in enumerate(subtitle):
        texts.append((line, "caption",
                      (rect.left, buttons_top + n * theme.line_height("caption")), "topleft"))

    geo = Geometry(key=key, unit=unit, feature_rects=feature_rects,
                    feature_hits=feature_hits, hidden_rects=hidden_rects,
                    bias_rects=bias_rects, buttons=buttons, texts=texts,
                    link_scale=max(scale, unit / UNIT), activation_rects=activation_rects,
                    header_rects=header_rects)
    geo.bias_units = np.array([network.unit_index(layer, i) for layer, i in bias_rects],
                              dtype=np.int64)
    build_links(geo, settings, network, theme, rect, output_anchor)
    return geo


def build_links(geo: Geometry, settings: Settings, network: Network, theme: Theme,
                rect: pygame.Rect, output_anchor: tuple[int, int]) -> None:
    """Bezier curves of every link: dense samples, tangents, arc length, drawn polylines."""
    px = theme.px
    active = settings.input_features
    sources_by_layer: list[list[tuple[float, float]]] = [[
        (rect.right + px(LINK_START_GAP), rect.centery)
        for feature, rect in zip(FEATURES, geo.feature_rects, strict=True)
        if feature.key in active and rect is not None
    ]]
    dests_by_layer: list[list[tuple[float, float]]] = []
    for column in geo.hidden_rects:
        sources_by_layer.append([(r.right + px(LINK_START_GAP), r.centery) for r in column])
        dests_by_layer.append([(r.left, r.centery) for r in column])
    dests_by_layer.append(output_points(output_anchor, network.n_outputs, geo.unit))

    spread = LINK_SPREAD * geo.link_scale
    starts, ends, layers, dest_ids, source_ids, weight_ids = [], [], [], [], [], []
    for layer, (sources, dests) in enumerate(
            zip(sources_by_layer, dests_by_layer, strict=True), start=1):
        n_in = len(sources)
        for i, (dx, dy) in enumerate(dests):
            for j, start in enumerate(sources):
                fan = ((j - (n_in - 1) / 2) / n_in) * spread if n_in else 0.0
                starts.append(start)
                ends.append((dx, dy + fan))
                layers.append(layer)
                dest_ids.append(i)
                source_ids.append(j)
                weight_ids.append(network.weight_index(layer, i, j))
    geo.link_layer = np.array(layers, dtype=np.int64)
    geo.link_dest = np.array(dest_ids, dtype=np.int64)
    geo.link_source = np.array(source_ids, dtype=np.int64)
    geo.weight_index = np.array(weight_ids, dtype=np.int64)
    if not starts:
        geo.layer_rect = pygame.Rect(rect.topleft, (1, 1))
        return

    p0 = np.array(starts, dtype=np.float64)[:, None, :]
    p3 = np.array(ends, dtype=np.float64)[:, None, :]
    mid_x = (p0[..., 0] + p3[..., 0]) / 2
    p1 = np.stack([mid_x, p0[..., 1]], axis=-1)
    p2 = np.stack([mid_x, p3[..., 1]], axis=-1)
    t = np.linspace(0.0, 1.0, CURVE_SAMPLES + 1)[None, :, None]
    u = 1.0 - t
    dense = u**3 * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t**3 * p3
    deriv = 3 * u * u * (p1 - p0) + 6 * u * t * (p2 - p1) + 3 * t * t * (p3 - p2)
    norm = np.hypot(deriv[..., 0], deriv[..., 1])[..., None]
    tangents = np.divide(deriv, norm, out=np.tile([1.0, 0.0], deriv.shape[:-1] + (1,)),
                         where=norm > 1e-9)
    steps = np.hypot(*np.diff(dense, axis=1).transpose(2, 0, 1))
    arc = np.concatenate([np.zeros((dense.shape[0], 1)), np.cumsum(steps, axis=1)], axis=1)

    # The layer runs from the middle of the input column to the output anchor; each band
    # (the links into one layer) owns the strip between two column middles, so a band is
    # redrawn alone without touching its neighbours' pixels.
    margin = math.ceil(LINK_MAX_WIDTH * geo.link_scale / 2) + 3
    ys = dense[..., 1]
    top, bottom = math.floor(ys.min()) - margin, math.ceil(ys.max()) + margin
    inputs = [r for r in geo.feature_rects if r is not None]
    splits = [inputs[0].centerx if inputs else math.floor(p0[..., 0].min())]
    splits += [column[0].centerx for column in geo.hidden_rects]
    splits.append(output_anchor[0])
    low = np.array([splits[0], top], dtype=np.float64)
    geo.layer_rect = pygame.Rect(splits[0], top, max(1, splits[-1] - splits[0]),
                                 bottom - top)
    geo.bands = []
    for layer in range(1, len(splits)):
        members = np.flatnonzero(geo.link_layer == layer)
        if members.size == 0:
            continue
        strip = pygame.Rect(splits[layer - 1] - splits[0], 0,
                            splits[layer] - splits[layer - 1], bottom - top)
        geo.bands.append((slice(int(members[0]), int(members[-1]) + 1), strip))
    geo.dense, geo.tangents, geo.arc = dense, tangents, arc
    # One increasing array over all links, so one searchsorted finds any point by length.
    geo.arc_base = np.concatenate([[0.0], np.cumsum(arc[:, -1] + 1.0)[:-1]])
    geo.arc_flat = (arc + geo.arc_base[:, None]).ravel()
    geo.dense_x, geo.dense_y = dense[..., 0].ravel(), dense[..., 1].ravel()
    geo.tan_x, geo.tan_y = tangents[..., 0].ravel(), tangents[..., 1].ravel()
    stride = CURVE_SAMPLES // CURVE_SEGMENTS
    local = dense[:, ::stride, :] - low
    geo.polylines = np.empty(local.shape[0], dtype=object)  # sliced by band
    geo.polylines[:] = [list(map(tuple, line)) for line in local.tolist()]

# -- hit testing -----------------------------------------------------------------------


def hit(geo: Geometry, pos: tuple[int, int] | None, weights: np.ndarray,
        theme: Theme) -> Target | None:
    """What is under `pos`: a button, a bias square, a unit or a link (in that order)."""
    if pos is None:
        return None
    slop = theme.px(HIT_SLOP)
    for name, rect in geo.buttons.items():
        if rect.collidepoint(pos):
            return ButtonTarget(name)
    for layer, rect in geo.activation_rects.items():
        if rect.collidepoint(pos):
            return ButtonTarget(f"layer_activation:{layer}")
    for layer, rect in geo.header_rects.items():
        if rect.collidepoint(pos):
            return HeaderTarget(layer)
    for (layer, unit), rect in geo.bias_rects.items():
        if rect.inflate(slop, slop).collidepoint(pos):
            return BiasTarget(layer, unit)
    for k, rect in enumerate(geo.feature_hits):
        if rect is not None and rect.collidepoint(pos):
            return UnitTarget(0, k)
    for layer, column in enumerate(geo.hidden_rects, start=1):
        for i, rect in enumerate(column):
            if rect.collidepoint(pos):
                return UnitTarget(layer, i)
    link = link_at(geo, pos, weights, theme)
    return LinkTarget(link) if link is not None else None


def link_at(geo: Geometry, pos: tuple[int, int], weights: np.ndarray, theme: Theme) -> int | None:
    """The link whose centre line is nearest to `pos`, when `pos` is within its reach (its half
    width, at least LINK_REACH scaled); else the nearest link whose thick stroke holds `pos`."""
    if geo.dense.shape[0] == 0 or not geo.layer_rect.collidepoint(pos):
        return None
    stride = CURVE_SAMPLES // CURVE_SEGMENTS
    pts = geo.dense[:, ::stride, :]
    a, b = pts[:, :-1, :], pts[:, 1:, :]
    d = b - a
    q = np.array(pos, dtype=np.float64)
    length2 = np.maximum((d * d).sum(axis=-1), 1e-12)
    t = np.clip(((q - a) * d).sum(axis=-1) / length2, 0.0, 1.0)
    closest = a + t[..., None] * d
    dist = np.hypot(*(closest - q).transpose(2, 0, 1)).min(axis=1)
    weights = weights[geo.weight_index]
    reach = np.maximum(link_width(weights) * geo.link_scale / 2 + 1, theme.px(LINK_REACH))
    nearest = int(np.argmin(dist))
    if dist[nearest] <= reach[nearest]:
        return nearest
    dist = np.where(dist <= reach, dist, np.inf)
    best = int(np.argmin(dist))
    return best if math.isfinite(dist[best]) else None


def link_point(geo: Geometry, link: int, theme: Theme) -> tuple[int, int] | None:
    """A point on `link` where no other link is nearer (cached), for tests and the pilot."""
    point = geo.link_points.get(link)
    if point is not None:
        return point
    fractions = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75)
    stride = CURVE_SAMPLES // CURVE_SEGMENTS
    pts = geo.dense[:, ::stride, :]
    a, d = pts[:, :-1, :], pts[:, 1:, :] - pts[:, :-1, :]
    length2 = np.maximum((d * d).sum(axis=-1), 1e-12)
    best, best_margin = None, -1.0
    for f in fractions:
        x, y = geo.dense[link, round(f * CURVE_SAMPLES)]
        q = np.array((round(x), round(y)), dtype=np.float64)
        t = np.clip(((q - a) * d).sum(axis=-1) / length2, 0.0, 1.0)
        dist = np.hypot(*(a + t[..., None] * d - q).transpose(2, 0, 1)).min(axis=1)
        own = dist[link]
        dist[link] = np.inf
        margin = float(dist.min() - own)
        inside_units = any(r.collidepoint(q) for column in geo.hidden_rects for r in column)
        if not inside_units and margin > best_margin:
            best, best_margin = (int(q[0]), int(q[1])), margin
        if best_margin > theme.px(HIT_SLOP):
            break
    if best is None:  # every candidate point lies inside a unit square
        return None
    geo.link_points[link] = best
    return best
