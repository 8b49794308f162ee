"""A window that holds up in a real classroom: one test per defect seen in a real X window.

Dropdowns, the weight box while training, divergence, notices, locked controls and padlocks,
link hovering and faint links, the first start, and the desktop conventions (data folders,
window icon and class, a launcher without a console).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pygame
import pytest
import tomllib
from pilot import Pilot

from playground_game import userdata
from playground_game.model import _numba_cache
from playground_game.model.actions import Open
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.settings import Settings
from playground_game.ui.scene.network import geometry as geometry_module
from playground_game.ui.scene.network import view as view_module
from playground_game.ui.widgets import Dropdown, Slider

ROOT = Path(__file__).resolve().parents[1]
SPIRAL = Settings(dataset="spiral", features=FEATURE_KEYS, network_shape=(8,) * 6,
                  activation="tanh", seed="0.5")
# Regression with every feature and 6 x 8 ReLU units at learning rate 10: NaN within a frame.
DIVERGING = Settings(activation="relu", learning_rate=10, network_shape=(8,) * 6,
                     features=FEATURE_KEYS, problem="regression", reg_dataset="reg-gauss")


# -- 8. dropdowns ----------------------------------------------------------------------------


def test_a_click_on_another_dropdown_opens_it() -> None:
    with Pilot() as pilot:
        pilot.click("activation")
        assert pilot.widget("activation").open
        pilot.click("learning_rate")
        assert not pilot.widget("activation").open
        assert pilot.widget("learning_rate").open


def test_arrows_and_enter_choose_in_an_open_list() -> None:
    with Pilot() as pilot:
        pilot.click("activation")
        before = pilot.playground.settings.activation
        pilot.key("down")
        pilot.key("return")
        assert not pilot.widget("activation").open
        widget: Dropdown = pilot.widget("activation")
        assert pilot.playground.settings.activation == widget.values[
            widget.values.index(before) + 1]


# -- 7. the weight box while training ----------------------------------------------------------


def test_a_weight_box_pauses_training_and_keeps_the_link_highlighted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    highlighted: list[int] = []
    real = view_module.NetworkView._draw_link_highlight

    def spy(self, surface, geo, link):  # type: ignore[no-untyped-def]
        highlighted.append(link)
        real(self, surface, geo, link)

    monkeypatch.setattr(view_module.NetworkView, "_draw_link_highlight", spy)
    with Pilot() as pilot:
        pilot.key("space")
        pilot.frame(3)
        assert pilot.app.playing
        pilot.click("link:1:0:0")
        assert pilot.app.network_view.editing
        epoch = pilot.playground.epoch
        highlighted.clear()
        pilot.frame(10)
        assert pilot.playground.epoch == epoch, "training went on under the open weight box"
        assert not pilot.app.playing
        pilot.app.draw()
        assert highlighted, "the edited link lost its highlight"
        pilot.key("escape")
        assert not pilot.app.network_view.editing
        pilot.frame(3)
        assert pilot.app.playing and pilot.playground.epoch > epoch  # training goes on


# -- 6. divergence -------------------------------------------------------------------------------


def test_divergence_pauses_and_offers_a_lower_rate_and_a_reset() -> None:
    with Pilot(DIVERGING, speed=100) as pilot:
        pilot.click("play")
        for _ in range(40):
            pilot.frame()
            if pilot.playground.diverged:
                break
        assert pilot.playground.diverged
        pilot.frame(2)
        assert not pilot.app.playing, "Play kept running on a diverged network"
        assert pilot.app.divergence.shown
        pilot.click("divergence:fix")
        settings = pilot.playground.settings
        assert settings.learning_rate == 1  # a tenth: one step down (3) blows up too
        assert pilot.playground.epoch == 0 and not pilot.playground.diverged
        assert not pilot.app.divergence.shown
        pilot.app.set_speed(1)
        pilot.click("play")  # trains again from new weights (lower still if it blows up again)
        assert pilot.playground.epoch > 0


# -- 5. notices and locked controls ------------------------------------------------------------


def test_notices_show_one_at_a_time() -> None:
    with Pilot(size=(1920, 1080)) as pilot:
        for text in ("First notice", "Second notice", "Third notice"):
            pilot.app.toast(text)
        pilot.frame()
        assert [t.text for t in pilot.app.notices.shown] == ["Third notice"]


def test_presenting_notices_are_large_and_away_from_the_network() -> None:
    for size in ((1280, 720), (1024, 768), (1920, 1080)):
        with Pilot(SPIRAL, size=size) as pilot:
            pilot.key("p")
            pilot.frame()
            rects = pilot.app.notices.drawn
            assert rects, "the presentation mode notice was not drawn"
            assert not rects[0].colliderect(pilot.app.layout.network_view), size
            assert pilot.app.notices.text_height(pilot.app.theme) >= size[1] / 30


def _locked_pilot(locks: set[str], size: tuple[int, int] = (1280, 720)) -> Pilot:
    pilot = Pilot(SPIRAL, size=size)
    pilot.app.apply(Open(SPIRAL, locks=frozenset(locks)))
    pilot.frame()
    return pilot


def test_locked_layer_and_neuron_buttons_look_disabled() -> None:
    with Pilot(Settings(seed="0.5", network_shape=(4, 2))) as pilot:
        free = {name: tuple(pilot.surface.get_at(pilot.rect(name).center))
                for name in ("add_layer", "add_neuron:0")}
    with Pilot(Settings(seed="0.5", network_shape=(4, 2))) as pilot:
        pilot.app.apply(Open(pilot.playground.settings,
                             locks=frozenset({"numHiddenLayers", "numNeurons"})))
        pilot.frame()
        for name, colour in free.items():
            locked = tuple(pilot.surface.get_at(pilot.rect(name).center))
            assert locked == view_module.BUTTON_GLYPH_DISABLED[:3] + (255,), (name, locked,
                                                                              colour)


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_padlocks_never_cover_text(size: tuple[int, int]) -> None:
    from playground_game.ui.widgets.drawing import padlock_rect

    with _locked_pilot({"regularizationRate", "percTrainData", "noise", "learningRate"},
                       size) as pilot:
        theme = pilot.app.theme
        for name in ("regularization_rate", "learning_rate", "perc_train_data", "noise"):
            widget = pilot.widget(name)
            lock = padlock_rect(widget, theme)
            texts = []
            if isinstance(widget, Dropdown):
                texts.append(pygame.Rect(widget.rect.topleft,
                                         theme.text_size(widget.caption, "caption")))
                box = widget.box_rect(theme)
                value = widget.format_value(widget.binding.get())
                w, h = theme.text_size(value, "value", "Medium")
                texts.append(pygame.Rect(box.left + theme.px(4), box.centery - h // 2, w, h))
            else:
                assert isinstance(widget, Slider)
                caption = theme.text_size(f"{widget.caption}:", "body")
                value = theme.text_size(widget.format_value(widget.binding.get()), "body",
                                        "Bold")
                texts.append(pygame.Rect(widget.rect.left, widget.rect.top,
                                         caption[0] + theme.px(5) + value[0], caption[1]))
            for text in texts:
                assert not lock.colliderect(text), f"{name}: padlock {lock} covers {text}"
            assert widget.rect.contains(lock)


# -- 2. links ------------------------------------------------------------------------------------


def _distances(geo, pos):  # type: ignore[no-untyped-def]
    stride = geometry_module.CURVE_SAMPLES // geometry_module.CURVE_SEGMENTS
    pts = geo.dense[:, ::stride, :]
    a, d = pts[:, :-1, :], pts[:, 1:, :] - pts[:, :-1, :]
    q = np.array(pos, dtype=np.float64)
    t = np.clip(((q - a) * d).sum(axis=-1) / np.maximum((d * d).sum(axis=-1), 1e-12), 0, 1)
    return np.hypot(*(a + t[..., None] * d - q).transpose(2, 0, 1)).min(axis=1)


def test_the_nearest_link_wins_and_the_reach_is_8px_at_1080p() -> None:
    with Pilot(SPIRAL, size=(1920, 1080)) as pilot:
        pilot.key("space")
        pilot.frame(30)  # weights of every size
        pilot.key("space")
        view = pilot.app.network_view
        geo = view._require_layout()
        weights = pilot.playground.network.weights
        rng = np.random.default_rng(1)
        rect = geo.layer_rect
        reached = 0
        for _ in range(400):
            pos = (int(rng.integers(rect.left, rect.right)), int(rng.integers(rect.top,
                                                                              rect.bottom)))
            if any(r.collidepoint(pos) for column in geo.hidden_rects for r in column):
                continue
            found = geometry_module.link_at(geo, pos, weights, pilot.app.theme)
            dist = _distances(geo, pos)
            if found is not None:
                assert dist[found] <= dist.min() + 0.5, (pos, found, int(np.argmin(dist)))
            if dist.min() <= 8:
                reached += 1
                assert found is not None, f"{pos} is {dist.min():.1f} px from a link"
        assert reached > 20


def test_zero_weight_links_stay_visible() -> None:
    from playground_game.ui import theme as th
    from playground_game.ui.scene.network.links import link_colours

    colours = link_colours(np.array([0.0, 1e-4, -1e-4]), np.ones(3, bool))
    for colour in colours:
        contrast = sum(abs(int(c) - b) for c, b in zip(colour, th.BACKGROUND, strict=True))
        assert contrast >= 90, colour


def test_dash_gaps_never_cut_through_another_link() -> None:
    """At 4K, where two links cross, no pixel of the crossing is page colour (a gap of one link
    shows the other, as the web's SVG dashes do)."""
    from playground_game.ui import theme as th

    with Pilot(SPIRAL, size=(3840, 2160)) as pilot:
        pilot.key("space")
        pilot.frame(12)  # the dashes flow
        layer = pilot.app.network_view._links
        geo = pilot.app.network_view._require_layout()
        assert layer is not None and layer.surface is not None
        count = np.zeros(layer.surface.get_size()[::-1], np.int32)
        stencil = pygame.Surface(layer.surface.get_size(), 0, 8)
        for points, width in zip(geo.polylines, layer.widths.tolist(), strict=True):
            stencil.fill(0)
            pygame.draw.lines(stencil, 1, False, points, max(1, width - 2))
            count += pygame.surfarray.pixels2d(stencil).T.astype(np.int32)
        pixels = pygame.surfarray.array3d(layer.surface).transpose(1, 0, 2)
        page = np.all(pixels == np.array(th.BACKGROUND, np.uint8), axis=-1)
        crossings = count >= 2
        assert crossings.sum() > 1000
        assert not np.any(page & crossings), f"{int((page & crossings).sum())} pixels cut"


# -- 8. first start --------------------------------------------------------------------------------


def test_the_window_opens_before_numba_is_imported(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import os, sys, time
        start = time.perf_counter()
        import pygame
        real_flip = pygame.display.flip
        def flip():
            real_flip()
            print("FIRST-FRAME", "numba" in sys.modules, pygame.display.get_surface() is not None,
                  round(time.perf_counter() - start, 3), flush=True)
            os._exit(0)
        pygame.display.flip = flip
        from playground_game.cli import main
        main([])
    """)
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "NUMBA_CACHE_DIR": str(tmp_path / "numba"),
           "PLAYGROUND_GAME_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("FIRST-FRAME")), None)
    assert line is not None, out.stdout + out.stderr
    _, numba_loaded, window, seconds = line.split()
    assert numba_loaded == "False", "numba was imported before the first frame"
    assert window == "True"
    assert float(seconds) < 1.0 + 2.0  # 1 s on a quiet machine; the suite shares two cores


def test_f11_shows_the_new_frame_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    with Pilot(SPIRAL, size=(1100, 700)) as pilot:
        flips: list[tuple[int, int, int, int]] = []
        real = pygame.display.flip

        def flip() -> None:
            flips.append(tuple(pilot.app.screen.get_at(pilot.rect("play").center)))
            real()

        monkeypatch.setattr(pygame.display, "flip", flip)
        pilot.app.toggle_fullscreen()  # no frame runs: the switch itself must show the scene
        assert pilot.app.fullscreen
        assert flips and flips[0][:3] != (0, 0, 0), "a black frame until the next event"
        flips.clear()
        pilot.app.toggle_fullscreen()
        assert flips and flips[0][:3] != (0, 0, 0)


# -- desktop conventions ---------------------------------------------------------------------------


def test_data_and_cache_folders_come_from_platformdirs(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    import platformdirs

    monkeypatch.delenv(userdata.OVERRIDE_VARIABLE, raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir",
                        lambda *a, **k: str(tmp_path / "data" / "playground-game"))
    monkeypatch.setattr(platformdirs, "user_cache_dir",
                        lambda *a, **k: str(tmp_path / "cache" / "playground-game"))
    assert userdata.user_data_dir() == tmp_path / "data" / "playground-game"
    assert _numba_cache.user_cache_dir() == tmp_path / "cache" / "playground-game"
    monkeypatch.setenv(userdata.OVERRIDE_VARIABLE, str(tmp_path / "mine"))
    assert userdata.user_data_dir() == tmp_path / "mine"


def test_the_window_has_a_title_an_icon_and_a_class(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under X11, importing pygame names the class after the script ("__main__.py"): replaced.
    monkeypatch.setenv("SDL_VIDEO_X11_WMCLASS", os.path.basename(sys.argv[0]))
    icons: list[pygame.Surface] = []
    real = pygame.display.set_icon
    monkeypatch.setattr(pygame.display, "set_icon", lambda s: (icons.append(s), real(s)))
    with Pilot() as pilot:
        assert pygame.display.get_caption()[0] == "Neural Playground"
        assert icons and icons[0].get_size()[0] >= 32
        assert os.environ.get("SDL_VIDEO_X11_WMCLASS") == "playground-game"
        assert pilot.app.running


def test_a_gui_launcher_opens_no_console() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["gui-scripts"]["playground-game-window"] == "playground_game.cli:main"
    assert project["scripts"]["playground-game"] == "playground_game.cli:main"
    assert any(d.startswith("platformdirs") for d in project["dependencies"])
    readme = (ROOT / "README.md").read_text()
    assert "pipx install" in readme and "platformdirs" in readme


@pytest.mark.parametrize(("desktop", "largest"), [((1280, 800), (1216, 680)),
                                                   ((1024, 768), (972, 652)),
                                                   ((1920, 1080), (1600, 900)),
                                                   ((3840, 2160), (1600, 900))])
def test_the_default_window_fits_the_screen_with_its_title_bar(
        desktop: tuple[int, int], largest: tuple[int, int], monkeypatch) -> None:
    """A first start on a 1280x800 laptop opened 720 px tall: with the title bar the lesson
    card's buttons fell below the screen."""
    from playground_game.ui import window

    monkeypatch.setattr(window.pygame.display, "get_desktop_sizes", lambda: [desktop])
    w, h = window.default_size(0)
    assert (w, h) == largest and h + 60 <= desktop[1]
