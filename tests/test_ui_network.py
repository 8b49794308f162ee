"""The network view driven by real pygame events on a real Playground (headless)."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from playground_game.model.core.features import FEATURE_KEYS, FEATURES
from playground_game.model.playground import Change, Playground, SetWeight, Train, feature_grids
from playground_game.model.settings import MAX_HIDDEN_LAYERS, MAX_NEURONS, Settings
from playground_game.ui import heatmap
from playground_game.ui import theme as palette
from playground_game.ui.scene.network.view import UNIT_PALETTE, NetworkView
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.text_field import TextField, parse_number

SIZE = (1280, 720)
RECT = pygame.Rect(240, 84, 680, 560)
ANCHOR = (940, 330)


@pytest.fixture(scope="module")
def screen():
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(SIZE)
    yield surface
    pygame.display.quit()


def make_view(settings: Settings | None = None, size=SIZE, rect=RECT, anchor=ANCHOR):
    pg = Playground(settings or Settings())
    view = NetworkView(Theme(*size), pg.apply)
    view.set_rect(rect, anchor)
    view.update(1 / 60, pg, False)
    return view, pg


def send(view: NetworkView, pg: Playground, *events: pygame.event.Event) -> list[bool]:
    """Post events through pygame's queue and hand what comes out to the view."""
    pygame.event.clear()
    for event in events:
        pygame.event.post(event)
    return [view.handle_event(event, pg) for event in pygame.event.get()]


def motion(pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEMOTION, pos=tuple(pos), rel=(0, 0), buttons=(0, 0, 0))


def click(view: NetworkView, pg: Playground, pos) -> list[bool]:
    pos = tuple(pos)
    return send(view, pg, motion(pos),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def key(k: int, text: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, unicode=text, mod=0, scancode=0)


def type_text(view: NetworkView, pg: Playground, text: str) -> None:
    send(view, pg, *[key(ord(c) if c.isalnum() else 0, c) for c in text])


def draw(view: NetworkView, pg: Playground, screen: pygame.Surface) -> pygame.Surface:
    screen.fill(palette.BACKGROUND)
    view.draw(screen, pg)
    return screen


# -- features ---------------------------------------------------------------------------------


def test_clicking_a_feature_toggles_it_and_resets(screen):
    view, pg = make_view()
    pg.apply(Train(5))
    assert click(view, pg, view.control_rect("feature:xSquared").center)[-1] is True
    assert pg.settings.input_features == ("x", "y", "xSquared")
    assert pg.network.sizes[0] == 3 and pg.epoch == 0
    view.update(1 / 60, pg, False)
    click(view, pg, view.control_rect("feature:x").center)
    assert pg.settings.input_features == ("y", "xSquared")
    draw(view, pg, screen)  # the new layout draws


def test_hidden_feature_is_not_drawn(screen):
    view, pg = make_view(Settings(hidden=frozenset({"sinX"})))
    assert view.control_rect("feature:sinX") is None
    assert view.unit_rect(0, 5).size == (0, 0)
    assert view.unit_rect(0, 6).top == view.unit_rect(0, 4).top + (
        view.unit_rect(0, 4).top - view.unit_rect(0, 3).top)  # no hole where sinX was
    draw(view, pg, screen)


def test_feature_thumbnails_are_oriented_like_the_large_map(screen):
    view, pg = make_view()
    draw(view, pg, screen)
    x1, x2 = view.unit_rect(0, 0), view.unit_rect(0, 1)
    left = screen.get_at((x1.left + 1, x1.centery))
    right = screen.get_at((x1.right - 2, x1.centery))
    assert left.r > left.b and right.b > right.r  # x1: orange left, blue right
    top = screen.get_at((x2.centerx, x2.top + 1))
    bottom = screen.get_at((x2.centerx, x2.bottom - 2))
    assert top.b > top.r and bottom.r > bottom.b  # x2: blue on top


def test_hidden_unit_thumbnail_is_oriented_and_follows_the_model(screen):
    view, pg = make_view(Settings(network_shape=(1,)))
    for source, weight in ((0, 0.0), (1, 3.0)):  # unit = tanh(3 * x2 + bias): y up is blue
        pg.apply(SetWeight(1, 0, source, weight))
    view.update(1 / 60, pg, False)
    draw(view, pg, screen)
    unit = view.unit_rect(1, 0)
    top = screen.get_at((unit.centerx, unit.top + 1))
    bottom = screen.get_at((unit.centerx, unit.bottom - 2))
    assert top[:3] == tuple(UNIT_PALETTE[30]) and bottom[:3] == tuple(UNIT_PALETTE[0])


# -- shape ------------------------------------------------------------------------------------


def test_layer_buttons_change_the_shape_within_limits(screen):
    view, pg = make_view()
    for _ in range(MAX_HIDDEN_LAYERS + 2):
        click(view, pg, view.control_rect("add_layer").center)
        view.update(1 / 60, pg, False)
    assert pg.settings.network_shape == (4, 2, 2, 2, 2, 2)
    draw(view, pg, screen)
    for _ in range(MAX_HIDDEN_LAYERS + 2):
        click(view, pg, view.control_rect("remove_layer").center)
        view.update(1 / 60, pg, False)
    assert pg.settings.network_shape == ()
    assert view.control_rect("add_neuron:0") is None
    draw(view, pg, screen)  # inputs straight to the output


def test_neuron_buttons_change_a_layer_within_limits(screen):
    view, pg = make_view()
    for _ in range(MAX_NEURONS + 2):
        click(view, pg, view.control_rect("add_neuron:1").center)
        view.update(1 / 60, pg, False)
    assert pg.settings.network_shape == (4, MAX_NEURONS)
    assert view.unit_rect(2, MAX_NEURONS - 1).bottom <= RECT.bottom
    for _ in range(MAX_NEURONS + 2):
        click(view, pg, view.control_rect("remove_neuron:0").center)
        view.update(1 / 60, pg, False)
    assert pg.settings.network_shape == (1, MAX_NEURONS)
    draw(view, pg, screen)


def test_layer_buttons_hidden_by_the_teacher():
    view, _ = make_view(Settings(hidden=frozenset({"numHiddenLayers"})))
    assert view.control_rect("add_layer") is None
    assert view.control_rect("add_neuron:0") is not None


# -- hover ------------------------------------------------------------------------------------


def test_hovering_a_unit_gives_its_map_and_changes_pixels(screen):
    view, pg = make_view()
    before = pygame.surfarray.array3d(draw(view, pg, screen)).copy()
    unit = view.unit_rect(1, 2)
    send(view, pg, motion(unit.center))
    expected = pg.unit_grids()[pg.network.unit_index(1, 2)]
    np.testing.assert_array_equal(view.hovered_map(pg), expected)
    after = pygame.surfarray.array3d(draw(view, pg, screen))
    around = unit.inflate(8, 8)
    assert (before[around.left:around.right, around.top:around.bottom]
            != after[around.left:around.right, around.top:around.bottom]).any()
    # live while training: the map follows the model
    pg.apply(Train(3))
    np.testing.assert_array_equal(view.hovered_map(pg),
                                  pg.unit_grids()[pg.network.unit_index(1, 2)])


def test_hovering_inputs_active_or_not_gives_their_maps():
    view, pg = make_view()
    for position in (0, 2, 6):  # x (on), xSquared and sinY (off)
        send(view, pg, motion(view.unit_rect(0, position).center))
        np.testing.assert_array_equal(view.hovered_map(pg), feature_grids()[position])
    send(view, pg, motion((RECT.left + 2, RECT.bottom - 2)))
    assert view.hovered_map(pg) is None
    send(view, pg, pygame.event.Event(pygame.WINDOWLEAVE))
    assert view.hovered_map(pg) is None


def test_hovering_a_link_shows_its_weight_live(screen):
    view, pg = make_view()
    send(view, pg, motion(view.control_rect("link:2:1:3").center))
    weight = pg.network.layer_matrix(2)[1, 3]
    assert view.hover_text(pg) == f"Weight is {weight:.3f}"
    before = pygame.surfarray.array3d(draw(view, pg, screen)).copy()
    pg.apply(Change({"learning_rate": 1}))
    pg.apply(Train(20))
    weight = pg.network.layer_matrix(2)[1, 3]
    assert view.hover_text(pg) == f"Weight is {weight:.3f}"
    assert (pygame.surfarray.array3d(draw(view, pg, screen)) != before).any()


def test_every_link_and_bias_has_a_control_point_that_hits_it():
    view, pg = make_view(Settings(features=FEATURE_KEYS, network_shape=(8, 8, 3)))
    net = pg.network
    for layer in range(1, net.num_layers):
        for unit in range(int(net.sizes[layer])):
            send(view, pg, motion(view.control_rect(f"bias:{layer}:{unit}").center))
            assert view.hover_text(pg) == f"Bias is {net.layer_biases(layer)[unit]:.3f}"
            for source in range(int(net.sizes[layer - 1])):
                rect = view.control_rect(f"link:{layer}:{unit}:{source}")
                send(view, pg, motion(rect.center))
                weight = net.layer_matrix(layer)[unit, source]
                assert view.hover_text(pg) == f"Weight is {weight:.3f}", (layer, unit, source)


# -- editing ----------------------------------------------------------------------------------


def test_editing_a_weight_changes_the_network(screen):
    view, pg = make_view()
    click(view, pg, view.control_rect("link:1:0:0").center)
    assert view.editing
    draw(view, pg, screen)
    type_text(view, pg, "0.75")
    assert send(view, pg, key(pygame.K_RETURN)) == [True]
    assert not view.editing
    assert pg.network.layer_matrix(1)[0, 0] == 0.75


def test_editing_the_output_bias(screen):
    view, pg = make_view()
    click(view, pg, view.control_rect("bias:3:0").center)
    assert view.editing
    type_text(view, pg, "-0.5")
    send(view, pg, key(pygame.K_KP_ENTER))
    assert pg.network.layer_biases(3)[0] == -0.5 and not view.editing


@pytest.mark.parametrize(("text", "message"), [
    ("abc", "not a number"),
    ("1e999", "too large"),
    ("", "Type a number"),
    ("2e6", "too large"),
    ("nan", "not a number"),
])
def test_bad_text_is_refused_and_nothing_changes(screen, text, message):
    view, pg = make_view()
    bias = pg.network.layer_biases(1)[0]
    revision = pg.revision
    click(view, pg, view.control_rect("bias:1:0").center)
    send(view, pg, key(pygame.K_BACKSPACE))  # clear the shown value
    type_text(view, pg, text)
    send(view, pg, key(pygame.K_RETURN))
    assert view.editing
    assert message in view._field.error
    draw(view, pg, screen)  # the message shows near the field
    assert pg.network.layer_biases(1)[0] == bias and pg.revision == revision
    send(view, pg, key(pygame.K_ESCAPE))
    assert not view.editing and pg.revision == revision


def test_keys_belong_to_the_field_only_while_editing():
    view, pg = make_view()
    assert send(view, pg, key(pygame.K_SPACE, " ")) == [False]
    click(view, pg, view.control_rect("link:1:0:0").center)
    assert send(view, pg, key(pygame.K_SPACE, " ")) == [True]
    assert send(view, pg, pygame.event.Event(pygame.TEXTINPUT, text=" ")) == [True]


def test_clicking_elsewhere_cancels_the_edit():
    view, pg = make_view()
    weight = pg.network.layer_matrix(1)[0, 0]
    click(view, pg, view.control_rect("link:1:0:0").center)
    type_text(view, pg, "3")
    click(view, pg, (RECT.left + 2, RECT.bottom - 2))
    assert not view.editing and pg.network.layer_matrix(1)[0, 0] == weight


def test_text_field_editing_keys():
    field = TextField("Weight", "0.100", (0, 0))
    field.handle_event(key(0, "2"))  # replaces the shown value
    assert field.text == "2"
    field.handle_event(pygame.event.Event(pygame.TEXTINPUT, text="2"))  # the KEYDOWN's twin
    assert field.text == "2"
    for k, ch in ((pygame.K_HOME, ""), (0, "-"), (pygame.K_END, ""), (0, "."), (0, "5")):
        field.handle_event(key(k, ch))
    assert field.text == "-2.5"
    field.handle_event(key(pygame.K_LEFT))
    field.handle_event(key(pygame.K_BACKSPACE))
    field.handle_event(key(pygame.K_DELETE))
    assert field.text == "-2"
    assert parse_number(" \u22121.5e-1 ") == -0.15


# -- caches and motion ------------------------------------------------------------------------


def test_thumbnails_repaint_only_when_the_model_changes(monkeypatch):
    view, pg = make_view()
    calls = []
    original = heatmap.ThumbnailStack.paint

    def counting(self, maps, *args, **kwargs):
        calls.append(maps.shape[0])
        return original(self, maps, *args, **kwargs)

    monkeypatch.setattr(heatmap.ThumbnailStack, "paint", counting)
    for _ in range(3):
        view.update(1 / 60, pg, False)
    assert calls == []
    pg.apply(Train(1))
    view.update(1 / 60, pg, True)
    view.update(1 / 60, pg, True)
    assert calls == [6]  # one paint of the 4 + 2 hidden units
    pg.apply(Change({"discretize": True}))
    view.update(1 / 60, pg, False)
    assert len(calls) == 3  # hidden units and the features column, discretized


def test_dashes_flow_as_epochs_pass(screen):
    # A learning rate so small that no link changes width or colour: only the dashes move.
    view, pg = make_view(Settings(learning_rate=0.00001))
    links = view._geometry.layer_rect
    first = pygame.surfarray.array3d(draw(view, pg, screen))[links.left:links.right,
                                                             links.top:links.bottom].copy()
    pg.apply(Train(3))  # 1 pixel at 1/3 pixel per epoch
    view.update(1 / 60, pg, True)
    second = pygame.surfarray.array3d(draw(view, pg, screen))[links.left:links.right,
                                                              links.top:links.bottom]
    assert (first != second).any()


def test_link_width_follows_the_weight(screen):
    view, pg = make_view(Settings(features=("x",), network_shape=(1,)))
    x1, unit = view.unit_rect(0, 0), view.unit_rect(1, 0)
    mid_x = (x1.right + unit.left) // 2

    def thickness() -> int:
        column = pygame.surfarray.array3d(draw(view, pg, screen))[mid_x, RECT.top:RECT.bottom]
        return int((np.abs(column.astype(int) - palette.BACKGROUND).sum(axis=1) > 30).sum())

    pg.apply(SetWeight(1, 0, 0, 5.0))
    view.update(1 / 60, pg, False)
    thick = thickness()
    pg.apply(SetWeight(1, 0, 0, 0.0))
    view.update(1 / 60, pg, False)
    thin = thickness()
    assert thick >= 9 and thin <= 2


def test_resize_scales_everything(screen):
    view, pg = make_view()
    small = view.unit_rect(1, 0).width
    view.set_theme(Theme(1920, 1080))
    view.set_rect(pygame.Rect(360, 126, 1020, 840), (1410, 495))
    view.update(1 / 60, pg, False)
    assert view.unit_rect(1, 0).width > small * 1.3
    assert view.control_rect("add_layer").width > 24


@pytest.mark.parametrize("shape", [(), (1,), (8, 8, 8, 8, 8, 8)])
def test_every_shape_draws_inside_its_rect(screen, shape):
    view, pg = make_view(Settings(features=FEATURE_KEYS, network_shape=shape))
    draw(view, pg, screen)
    for layer, size in enumerate(shape, start=1):
        for unit in range(size):
            assert RECT.contains(view.unit_rect(layer, unit))
    for k in range(len(FEATURES)):
        assert RECT.contains(view.unit_rect(0, k))


def test_a_diverged_network_draws_and_reads_nan(screen):
    view, pg = make_view()
    pg.network.weights[:] = np.nan  # what a blown-up learning rate leaves behind
    pg.network.biases[:] = np.nan
    pg.apply(Train(1))  # bumps the revision
    view.update(1 / 60, pg, True)
    draw(view, pg, screen)
    send(view, pg, motion(view.control_rect("link:1:0:0").center))
    assert view.hover_text(pg) == "Weight is NaN"
    draw(view, pg, screen)


def test_hide_text_hides_the_features_question(screen) -> None:
    def question(view: NetworkView) -> list[str]:
        return [t[0] for t in view._geometry.texts if "feed in" in t[0] or "properties" in t[0]]

    view, pg = make_view(Settings(seed="0.5"))
    view.draw(screen, pg)
    assert question(view)
    pg.apply(Change({"hide_text": True}))
    view.update(1 / 60, pg, False)
    view.draw(screen, pg)
    assert not question(view)
