"""The network in the middle of the screen: inputs, hidden layers, links, and their controls.

What it draws (REFERENCE §1, §5): the features column (every visible input with its heatmap,
inactive ones faded; a click toggles one), a column per hidden layer with a heatmap thumbnail in
every unit and its bias square at the lower left, +/- buttons for the number of layers and for
each layer's neurons, and links drawn as cubic Bezier curves whose colour and width follow the
weight, dashed, the dashes flowing as epochs pass. Links into the output end at the output anchor,
the left edge of the large heatmap another panel draws.

Hover a unit and `hovered_map` gives its full map for the large heatmap; hover a link or a bias
square for a live "Weight is ..." card; click one to type a new value.

Where things are is geometry.py (built once per layout, with `hit` and the target classes); the
links' cached layer is links.py. Why it is fast enough for 60 frames a second with ~400 links
while training:
- Geometry (curves, dense arc-length samples, hit-test segments) is computed only when the layout
  changes (window size, network shape, inputs).
- Thumbnails are painted once per model revision: one colour look-up over the whole stack, one
  surfarray write, SDL scaling (heatmap.ThumbnailStack).
- Links are drawn anti-aliased into a cached opaque layer, one band (the links into
  one layer) at a time, only when a link's drawn width or colour changed; while playing, about
  one band a frame. The flowing dash gaps are cut into that layer by numpy (cached pixel indices
  per band and phase) and restored from saved pixels the next time, so a new dash phase costs
  two scatters of a few thousand pixels instead of thousands of draw calls.
- The layer covers the network area up to the output anchor and is painted first; everything
  else of the view is drawn over it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame

from playground_game.model.core.features import FEATURES
from playground_game.model.playground import (
    GRID_SIZE,
    MAX_WEIGHT_MAGNITUDE,
    Action,
    AddLayer,
    AddNeuron,
    Playground,
    RemoveLayer,
    RemoveNeuron,
    SetBias,
    SetWeight,
    ToggleFeature,
    feature_grids,
)
from playground_game.model.settings import MAX_HIDDEN_LAYERS, MAX_NEURONS
from playground_game.ui import heatmap
from playground_game.ui import theme as palette
from playground_game.ui.scene.network import layer_marks
from playground_game.ui.scene.network.activation_picker import ActivationPicker
from playground_game.ui.scene.network.geometry import (
    BUTTON,
    HIT_SLOP,
    BiasTarget,
    ButtonTarget,
    Geometry,
    LinkTarget,
    Target,
    UnitTarget,
    WeightTarget,
    build_geometry,
    hit,
    link_point,
)
from playground_game.ui.scene.network.links import LINKS_PER_FRAME, LinkLayer
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.text_edit import CANCEL, COMMIT
from playground_game.ui.widgets.text_field import TextField, parse_number
from playground_game.ui.widgets.tooltip import draw_tooltip, format_value

# Geometry in pixels at 720p; the original's numbers where it has them.
# Links: width 1 + 9|w|/5 clamped to 1..10 px; dashes 9 on, 1 off, moving 1/3 px per epoch.
# Colours of this view (the shared palette is in theme.py).
UNIT_BORDER = (0x00, 0x00, 0x00)
HOVER_BORDER = palette.ACCENT
BUTTON_FILL = (0xEA, 0xEA, 0xEA)  # rgba(0,0,0,.05) over the page
BUTTON_HOVER = (0xD9, 0xD9, 0xD9)
BUTTON_GLYPH = (0x66, 0x66, 0x66)
BUTTON_GLYPH_DISABLED = (0xC4, 0xC4, 0xC4)
# The lesson lock that fixes what each +/- button changes (drawn disabled while it holds).
BUTTON_LOCKS = {"add_layer": "numHiddenLayers", "remove_layer": "numHiddenLayers",
                "add_neuron": "numNeurons", "remove_neuron": "numNeurons"}
INACTIVE_FADE = 0.4  # inactive inputs' maps at 40 % like the original
UNIT_PALETTE = heatmap.build_palette(under=palette.PANEL)  # maps sit on a white square
INACTIVE_PALETTE = heatmap.build_palette(round(palette.HEATMAP_ALPHA * INACTIVE_FADE),
                                         palette.BACKGROUND)


class NetworkView:
    """Draws the network and turns clicks on it into actions (ToggleFeature, AddLayer, ...).

    Loop contract: `handle_event` -> `update` -> `draw`. It never changes the model itself: every
    change goes through `dispatch`, which applies the action and may raise SettingsError.
    """

    def __init__(self, theme: Theme, dispatch: Callable[[Action], object]) -> None:
        self.theme = theme
        self.dispatch = dispatch
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.output_anchor = (0, 0)
        self._geometry: Geometry | None = None
        self._pointer: tuple[int, int] | None = None
        self._hover: Target | None = None
        self._pressed: Target | None = None
        self._field: TextField | None = None
        self._edit_target: WeightTarget | BiasTarget | None = None
        self._edit_link: int | None = None  # the link whose weight is being typed (highlighted)
        self._picker = ActivationPicker(theme, dispatch)  # a hidden layer's activation menu
        self.layer_view: layer_marks.LayerView | None = None  # headers choose its layer
        self.fixed_values: Callable[[], None] | None = None  # says why no value box opens
        self._units: heatmap.ThumbnailStack | None = None  # thumbnails
        self._features: heatmap.ThumbnailStack | None = None
        self._units_key: tuple | None = None
        self._features_key: tuple | None = None
        self._links: LinkLayer | None = None  # links
        self._link_revision: int | None = None
        self._bias_colours: list[tuple[int, int, int]] = []
        self._playing = False

    # -- public API ------------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        """True while a value field or an activation menu is open: keys are its; training waits."""
        return self._field is not None or self._picker.open

    def set_rect(self, rect: pygame.Rect, output_anchor: tuple[int, int]) -> None:
        """Place the view; links into the output unit end at `output_anchor`."""
        self.rect = pygame.Rect(rect)
        self.output_anchor = (int(output_anchor[0]), int(output_anchor[1]))

    def set_theme(self, theme: Theme) -> None:
        """A new theme after a resize: sizes, fonts and cached surfaces follow its scale."""
        self.theme = theme
        self._picker.theme = theme
        self._geometry = None

    def handle_event(self, event: pygame.event.Event, playground: Playground) -> bool:
        """React to one event; True when it was this view's (a click on a control, typing)."""
        geo = self._layout(playground)
        if self._picker.handle_event(event, playground):
            return True
        if self._field is not None and event.type in (pygame.KEYDOWN, pygame.KEYUP,
                                                      pygame.TEXTINPUT, pygame.TEXTEDITING):
            if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
                outcome = self._field.handle_event(event)
                if outcome == COMMIT:
                    self._commit(playground)
                elif outcome == CANCEL:
                    self._close_field()
            return True
        if event.type == pygame.MOUSEMOTION:
            self._pointer = event.pos
            self._hover = hit(geo, event.pos, playground.network.weights, self.theme)
            return False
        if event.type == pygame.WINDOWLEAVE:
            self._pointer = None
            self._hover = None
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pointer = event.pos
            if self._field is not None:
                if self._field.rect.collidepoint(event.pos):
                    return True
                self._close_field()
            self._pressed = hit(geo, event.pos, playground.network.weights, self.theme)
            return self._pressed is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pressed, self._pressed = self._pressed, None
            if pressed is None:
                return False
            if hit(geo, event.pos, playground.network.weights, self.theme) == pressed:
                self._activate(pressed, event.pos, playground)
            return True
        return False

    def update(self, dt: float, playground: Playground, playing: bool) -> None:
        """Advance timers and bring cached thumbnails and links up to the model's revision."""
        self._playing = playing
        self._sync(playground)

    def draw(self, surface: pygame.Surface, playground: Playground) -> None:
        """Draw the features column, the hidden layers, links and any card or field."""
        geo = self._sync(playground, from_draw=True)
        self._draw_links(surface, geo, playground)  # opaque: first, under everything else
        self._draw_texts(surface, geo, playground)
        self._draw_buttons(surface, geo, playground)
        self._draw_units(surface, geo, playground)
        self._draw_overlay(surface, geo, playground)

    def opaque_rect(self, playground: Playground) -> pygame.Rect | None:
        """The rect the link layer will cover with opaque pixels this frame (no fill needed
        under it); None when the layout is about to change (the next draw rebuilds it)."""
        geo = self._geometry
        if (geo is None or self._links is None or self._links.surface is None
                or geo.key != self._layout_key(playground)):
            return None
        return pygame.Rect(geo.layer_rect)

    def draw_field(self, surface: pygame.Surface) -> None:
        """The value field being typed in, or a layer's activation menu (their own layer,
        above menus: see ui/input.py)."""
        if self._field is not None:
            self._field.draw(surface, self.theme, surface.get_rect())
        self._picker.draw_menu(surface)

    def hovered_map(self, playground: Playground) -> np.ndarray | None:
        """The (100, 100) map of the unit under the pointer (inputs too, active or not)."""
        hover = self._valid_hover(playground)
        if not isinstance(hover, UnitTarget):
            return None
        layer, unit = hover.layer, hover.unit
        if layer == 0:
            return feature_grids()[unit]
        return playground.unit_grids()[playground.network.unit_index(layer, unit)]

    def hover_text(self, playground: Playground) -> str | None:
        """The card text for the hovered link or bias ("Weight is 0.234"), read live."""
        hover = self._valid_hover(playground)
        if hover is None or self._geometry is None:
            return None
        if isinstance(hover, LinkTarget):
            value = playground.network.weights[self._geometry.weight_index[hover.index]]
            return f"Weight is {format_value(float(value))}"
        if isinstance(hover, BiasTarget):
            value = playground.network.layer_biases(hover.layer)[hover.unit]
            return f"Bias is {format_value(float(value))}"
        return layer_marks.hint(self.layer_view, hover, playground.settings.network_shape)

    def unit_rect(self, layer: int, unit: int) -> pygame.Rect:
        """Where a unit is drawn. Layer 0: the seven features by FEATURES position (an empty rect
        when hidden); 1..: hidden layers; the output unit: an empty rect at the output anchor."""
        geo = self._require_layout()
        if layer == 0:
            rect = geo.feature_rects[unit]
            return pygame.Rect(rect) if rect is not None else pygame.Rect(0, 0, 0, 0)
        if layer <= len(geo.hidden_rects):
            return pygame.Rect(geo.hidden_rects[layer - 1][unit])
        if layer == len(geo.hidden_rects) + 1 and unit == 0:
            return pygame.Rect(self.output_anchor, (0, 0))
        raise IndexError(f"no unit {unit} in layer {layer}")

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A control's clickable rect by name, None when it is not on screen.

        Names: "add_layer", "remove_layer", "add_neuron:K", "remove_neuron:K",
        "layer_activation:K" (K = hidden layer, 0-based), "layer_header:K" (its caption: the
        layer view), "activation_choice:KEY" (a choice of
        the open activation menu), "feature:KEY", "bias:L:I" (layer 1..L, L = output),
        "link:L:I:J" (the weight from unit J of layer L-1 to unit I of layer L, numbered like
        SetWeight). A link's rect is a small square around a point where that link and no
        other is under the pointer.
        """
        geo = self._require_layout()
        kind, _, rest = name.partition(":")
        if kind in ("add_layer", "remove_layer", "add_neuron", "remove_neuron"):
            rect = geo.buttons.get(name)
            return pygame.Rect(rect) if rect is not None else None
        if kind == "layer_header" and rest.isdigit() and int(rest) + 1 in geo.header_rects:
            return pygame.Rect(geo.header_rects[int(rest) + 1])
        if kind in ("layer_activation", "activation_choice"):
            return self._picker.control_rect(kind, rest, geo.activation_rects)
        if kind == "feature":
            for feature, rect in zip(FEATURES, geo.feature_rects, strict=True):
                if feature.key == rest and rect is not None:
                    return pygame.Rect(rect)
            return None
        try:
            numbers = tuple(int(part) for part in rest.split(":"))
        except ValueError:
            return None
        if kind == "bias" and len(numbers) == 2:
            rect = geo.bias_rects.get(numbers)
            return pygame.Rect(rect) if rect is not None else None
        if kind == "link" and len(numbers) == 3:
            matches = np.flatnonzero((geo.link_layer == numbers[0]) & (geo.link_dest == numbers[1])
                                     & (geo.link_source == numbers[2]))
            if matches.size == 0:
                return None
            point = link_point(geo, int(matches[0]), self.theme)
            if point is None:  # hidden under unit squares (a narrow window): not on screen
                return None
            size = self.theme.px(HIT_SLOP)
            return pygame.Rect(point[0] - size // 2, point[1] - size // 2, size, size)
        return None

    # -- layout ----------------------------------------------------------------------------

    def _require_layout(self) -> Geometry:
        if self._geometry is None:
            raise RuntimeError("NetworkView has no layout yet: call update() or draw() first")
        return self._geometry

    def _layout_key(self, playground: Playground) -> tuple:
        settings = playground.settings
        visible = tuple(f.key for f in FEATURES if f.key not in settings.hidden)
        return (tuple(self.rect), self.output_anchor, id(self.theme), self.theme.scale,
                settings.network_shape, settings.input_features, playground.n_outputs, visible,
                "numHiddenLayers" in settings.hidden, "activation" in settings.hidden,
                settings.hide_text)

    def _layout(self, playground: Playground) -> Geometry:
        key = self._layout_key(playground)
        if self._geometry is None or self._geometry.key != key:
            self._geometry = build_geometry(key, playground.settings, playground.network,
                                            self.theme, self.rect, self.output_anchor)
            self._invalidate_layout_caches()
            pointer = self._pointer
            self._hover = (hit(self._geometry, pointer, playground.network.weights, self.theme)
                           if pointer else None)
        return self._geometry

    def _invalidate_layout_caches(self) -> None:
        self._links = None
        self._units_key = None
        self._features_key = None
        self._pressed = None
        if self._field is not None:
            self._close_field()  # the link or bias it edits may be gone
        self._picker.close()  # its layer may be gone

    def _valid_hover(self, playground: Playground) -> Target | None:
        """The hover target, if it still exists in the model (the network may have changed)."""
        hover = self._hover
        if hover is None or self._geometry is None:
            return None
        if self._geometry.key != self._layout_key(playground):
            return None
        return hover

    # -- actions ---------------------------------------------------------------------------

    def _activate(self, target: Target, pos: tuple[int, int], playground: Playground) -> None:
        if isinstance(target, ButtonTarget) and target.name.startswith("layer_activation:"):
            self._picker.open_for(int(target.name.partition(":")[2]),
                                  self._require_layout().activation_rects, playground)
        elif isinstance(target, ButtonTarget):
            action = self._button_action(target.name, playground)
            if action is not None:
                self._send(action, pos)
        elif isinstance(target, UnitTarget) and target.layer == 0:
            self._send(ToggleFeature(FEATURES[target.unit].key), pos)
        elif isinstance(target, LinkTarget):
            geo = self._require_layout()
            k = target.index
            weight = WeightTarget(int(geo.link_layer[k]), int(geo.link_dest[k]),
                                  int(geo.link_source[k]))
            self._open_field(weight, "Weight", self._edited_value(playground, weight), pos)
            self._edit_link = k
        elif isinstance(target, BiasTarget):
            self._open_field(target, "Bias", self._edited_value(playground, target), pos)
        else:  # a layer's caption, a hidden unit: the layer view's
            layer_marks.click(self.layer_view, target)

    def _button_action(self, name: str, playground: Playground) -> Action | None:
        """The action of a +/- button, or None at its limit (the button is drawn disabled)."""
        shape = playground.settings.network_shape
        kind, _, layer_text = name.partition(":")
        if kind == "add_layer":
            return AddLayer() if len(shape) < MAX_HIDDEN_LAYERS else None
        if kind == "remove_layer":
            return RemoveLayer() if shape else None
        layer = int(layer_text)
        if layer >= len(shape):
            return None
        if kind == "add_neuron":
            return AddNeuron(layer) if shape[layer] < MAX_NEURONS else None
        return RemoveNeuron(layer) if shape[layer] > 1 else None

    def _send(self, action: Action, pos: tuple[int, int]) -> bool:
        """Dispatch an action; the app shows a refusal the way it shows every refusal."""
        return self.dispatch(action) is not None

    def _open_field(self, target: WeightTarget | BiasTarget, label: str, value: float,
                    pos: tuple[int, int]) -> None:
        if self.fixed_values is not None:  # values cannot be typed here (a race): say why
            return self.fixed_values()
        self._field = TextField(label, format_value(float(value)), pos)
        self._edit_target = target

    def _close_field(self) -> None:
        self._field = None
        self._edit_target = None
        self._edit_link = None

    def _commit(self, playground: Playground) -> None:
        """Enter: parse, then SetWeight/SetBias; bad text keeps the field open with a message."""
        field_, target = self._field, self._edit_target
        assert field_ is not None and target is not None
        try:
            value = parse_number(field_.text, MAX_WEIGHT_MAGNITUDE)
        except ValueError as exc:
            field_.error = str(exc)
            return
        if isinstance(target, WeightTarget):
            action: Action = SetWeight(target.layer, target.dest, target.source, value)
        else:
            action = SetBias(target.layer, target.unit, value)
        if self.dispatch(action) is None:  # refused: the app shows why; the field stays open
            return
        self._close_field()

    @staticmethod
    def _edited_value(playground: Playground, target: WeightTarget | BiasTarget) -> float:
        if isinstance(target, WeightTarget):
            return float(playground.network.layer_matrix(target.layer)[target.dest, target.source])
        return float(playground.network.layer_biases(target.layer)[target.unit])

    # -- caches ----------------------------------------------------------------------------

    def _sync(self, playground: Playground, from_draw: bool = False) -> Geometry:
        """Bring layout, thumbnails and the link layer up to date; each only when stale.

        While playing, links are refreshed by `update` only, so its per-frame budget holds.
        """
        geo = self._layout(playground)
        self._paint_thumbnails(geo, playground)
        if not (from_draw and self._playing and self._links is not None):
            self._update_links(geo, playground)
        return geo

    def _paint_thumbnails(self, geo: Geometry, playground: Playground) -> None:
        settings = playground.settings
        if self._units is None or self._units.size != geo.unit:
            self._units = heatmap.ThumbnailStack(MAX_HIDDEN_LAYERS * MAX_NEURONS, GRID_SIZE,
                                                 geo.unit, UNIT_PALETTE)
            self._features = heatmap.ThumbnailStack(len(FEATURES), GRID_SIZE, geo.unit,
                                                    np.stack([UNIT_PALETTE, INACTIVE_PALETTE]))
            self._units_key = self._features_key = None
        assert self._features is not None
        features_key = (settings.discretize, settings.features, geo.unit)
        if features_key != self._features_key:
            inactive = [0 if f.key in settings.features else 1 for f in FEATURES]
            self._features.paint(feature_grids(), settings.discretize, np.array(inactive))
            self._features_key = features_key
        units_key = (playground.revision, settings.discretize, geo.unit, settings.network_shape)
        if units_key != self._units_key:
            net = playground.network
            first, last = int(net.u_off[1]), int(net.u_off[net.num_layers - 1])
            if last > first:
                self._units.paint(playground.unit_grids()[first:last], settings.discretize)
            self._units_key = units_key

    def _update_links(self, geo: Geometry, playground: Playground) -> None:
        """Give the link layer this revision's widths and colours and this epoch's dash phase.

        While playing it redraws at most LINKS_PER_FRAME links' worth of changed bands a
        frame (weights drift slowly; the dashes still move every frame); paused, all at once.
        """
        if self._links is None or self._links.geometry is not geo:
            self._links = LinkLayer(geo, geo.link_scale)
            self._link_revision = None
        revision = playground.revision
        if revision != self._link_revision:
            self._link_revision = revision
            net = playground.network
            weights = net.weights[geo.weight_index]
            live = net.dead[geo.weight_index] == 0
            self._links.set_weights(weights, live)
            biases = net.biases[geo.bias_units]
            self._bias_colours = [tuple(c) for c in heatmap.ramp_colours(biases).tolist()]
        budget = LINKS_PER_FRAME if self._playing else None
        self._links.refresh(playground.epoch, budget)

    # -- drawing ---------------------------------------------------------------------------

    def _draw_texts(self, surface: pygame.Surface, geo: Geometry, playground: Playground) -> None:
        layer_marks.draw_headers(surface, self.theme, geo, self.layer_view,
                                 self._valid_hover(playground))
        for text, role, point, anchor in geo.texts:
            colour = palette.TEXT if role == "title" else palette.TEXT_MUTED
            image = self.theme.text(text, role, colour)
            surface.blit(image, image.get_rect(**{anchor: point}))
        hovered = self._hover.name if isinstance(self._hover, ButtonTarget) else None
        self._picker.draw_captions(surface, geo.activation_rects, hovered, playground)

    def _draw_buttons(self, surface: pygame.Surface, geo: Geometry, playground: Playground) -> None:
        hovered = self._hover.name if isinstance(self._hover, ButtonTarget) else None
        arm = max(2, round(BUTTON * self.theme.scale * 0.25))  # half a glyph stroke
        thickness = max(1, self.theme.px(2))
        for name, rect in geo.buttons.items():
            enabled = (self._button_action(name, playground) is not None
                       and BUTTON_LOCKS[name.partition(":")[0]] not in playground.locks)
            fill = BUTTON_HOVER if (enabled and name == hovered) else BUTTON_FILL
            pygame.draw.circle(surface, fill, rect.center, rect.width // 2)
            glyph = BUTTON_GLYPH if enabled else BUTTON_GLYPH_DISABLED
            cx, cy = rect.center
            pygame.draw.rect(surface, glyph, (cx - arm, cy - thickness // 2, 2 * arm + 1,
                                              thickness))
            if name.startswith("add"):
                pygame.draw.rect(surface, glyph, (cx - thickness // 2, cy - arm, thickness,
                                                  2 * arm + 1))

    def _draw_links(self, surface: pygame.Surface, geo: Geometry, playground: Playground) -> None:
        if self._links is not None and self._links.surface is not None:
            surface.blit(self._links.surface, geo.layer_rect.topleft)

    def _draw_units(self, surface: pygame.Surface, geo: Geometry, playground: Playground) -> None:
        assert self._units is not None and self._features is not None
        border = max(1, round(self.theme.scale))
        hover = self._valid_hover(playground)
        active = playground.settings.features
        for k, (feature, rect) in enumerate(zip(FEATURES, geo.feature_rects, strict=True)):
            if rect is None:
                continue
            on = feature.key in active
            surface.blit(self._features.surfaces[k], rect)
            if on:
                pygame.draw.rect(surface, UNIT_BORDER, rect.inflate(2 * border, 2 * border),
                                 border)
            label = self.theme.text(feature.label, "body",
                                    palette.TEXT if on else palette.TEXT_MUTED)
            surface.blit(label, label.get_rect(midright=(rect.left - self.theme.px(8),
                                                         rect.centery)))
        thumbs = self._units.surfaces
        index = 0
        for column in geo.hidden_rects:
            for rect in column:
                surface.blit(thumbs[index], rect)
                index += 1
                pygame.draw.rect(surface, UNIT_BORDER, rect.inflate(2 * border, 2 * border),
                                 border)
        for rect, colour in zip(geo.bias_rects.values(), self._bias_colours, strict=True):
            pygame.draw.rect(surface, colour, rect)
            pygame.draw.rect(surface, palette.TEXT_MUTED, rect, 1)
        if isinstance(hover, UnitTarget):
            rect = self.unit_rect(hover.layer, hover.unit)
            width = 2 * border
            pygame.draw.rect(surface, HOVER_BORDER, rect.inflate(2 * width, 2 * width), width)
        layer_marks.draw_picks(surface, self.theme, geo, self.layer_view)

    def _draw_overlay(self, surface: pygame.Surface, geo: Geometry, playground: Playground) -> None:
        """The live value card of the hovered link or bias, the text field, a refusal."""
        bounds = surface.get_rect()
        hover = self._valid_hover(playground)
        editing = self._field is not None and self._edit_link is not None
        if editing and self._edit_link < len(geo.polylines):
            self._draw_link_highlight(surface, geo, self._edit_link)
        if self._field is None and hover is not None and self._pointer is not None:
            text = self.hover_text(playground)
            if isinstance(hover, LinkTarget):
                self._draw_link_highlight(surface, geo, hover.index)
            elif isinstance(hover, BiasTarget):
                rect = geo.bias_rects[(hover.layer, hover.unit)]
                pygame.draw.rect(surface, HOVER_BORDER, rect.inflate(4, 4), 2)
            if text is not None:
                draw_tooltip(surface, self.theme, text, self._pointer, bounds)

    def _draw_link_highlight(self, surface: pygame.Surface, geo: Geometry, link: int) -> None:
        """Outline the hovered link so the user sees which one the card is about."""
        origin = geo.layer_rect.topleft
        points = [(x + origin[0], y + origin[1]) for x, y in geo.polylines[link]]
        pygame.draw.lines(surface, HOVER_BORDER, False, points, 1)

