"""The layout at classroom sizes, and presenter mode: headless, through the real app.

At 1024x640, 1280x720, 1920x1080, 2560x1440 and 3840x2160, in the normal and the presentation
layout, with the default network and the 6 x 8 spiral: no two widgets overlap, nothing leaves the
window, every text a widget draws fits its rect (measured with the same fonts the app renders
with), and from 1080p up no rendered text is shorter than 1/45 of the screen height. Then the
presenter's keys: P, F11 (also where fullscreen is refused), and the keyboard while presenting.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pygame
import pytest
from pilot import Pilot

from playground_game.cli import main as cli_main
from playground_game.model.actions import Change
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.settings import Settings
from playground_game.ui import app as app_module
from playground_game.ui.layout import CALLOUTS
from playground_game.ui.layout_data import DATASET_LABELS, DATASET_PROMPT, PAGER
from playground_game.ui.layout_output import HEATMAP_LABELS, OUTPUT_NOTE
from playground_game.ui.overlays.help import help_rows
from playground_game.ui.scene.network.view import UNIT_PALETTE
from playground_game.ui.theme import Theme, readable_text_height
from playground_game.ui.widgets import Button, Checkbox, Dropdown, Slider

# Projectors and laptops as they are: 4:3, 5:4, 16:10 and 16:9, from the least window up to 4K.
SIZES = [(1024, 600), (1024, 768), (1280, 800), (1280, 1024), (1366, 768), (1440, 900),
         (1920, 1080), (1920, 1200), (2560, 1600), (3840, 2160)]
PRESENTING_FRACTION = 1 / 30  # presenting: every text at least this part of the height
SPIRAL = Settings(dataset="spiral", features=FEATURE_KEYS, network_shape=(8,) * 6,
                  activation="tanh", seed="0.5")
NETWORKS = {"default": Settings(seed="0.5"), "spiral": SPIRAL}


@pytest.fixture(params=sorted(NETWORKS))
def pilot(request: pytest.FixtureRequest) -> Iterator[Pilot]:
    with Pilot(NETWORKS[request.param]) as p:
        yield p


# -- what is on screen -------------------------------------------------------------------------


def _on_screen(pilot: Pilot) -> dict[str, pygame.Rect]:
    """Every leaf drawn: layout slots (widgets where a widget fills one), network parts."""
    app = pilot.app
    layout = app.layout
    rects: dict[str, pygame.Rect] = {}
    for name, rect in layout.slots.items():
        widget = app.scene.widgets.get(name)
        if widget is not None and not widget.visible:
            continue
        rects[name] = rect
    for name, widget in app.scene.widgets.items():
        if widget.visible and widget.rect.width and name not in rects:
            rects[name] = widget.rect  # thumbnails, and any widget placed outside the slots
    for name in [n for n in rects if n.startswith("thumb") and n[5:].isdigit()]:
        del rects[name]  # slots the thumbnails fill (as "dataset:KEY")
    view = app.network_view
    assert view is not None
    geo = view._require_layout()
    for k, rect in enumerate(geo.feature_rects):
        if rect is not None:
            rects[f"feature{k}"] = rect
    for layer, column in enumerate(geo.hidden_rects, start=1):
        for i, rect in enumerate(column):
            rects[f"unit{layer}:{i}"] = rect
    for (layer, i), rect in geo.bias_rects.items():
        rects[f"bias{layer}:{i}"] = rect
    for name, rect in geo.buttons.items():
        rects[f"button:{name}"] = rect
    for k, (text, role, point, anchor) in enumerate(geo.texts):
        size = app.theme.text_size(text, role)
        rects[f"text{k}:{text}"] = pygame.Rect((0, 0), size)
        setattr(rects[f"text{k}:{text}"], anchor, point)
    return rects


def _network_parts(name: str) -> bool:
    return name.startswith(("feature", "unit", "bias", "button:", "text"))


def assert_no_overlaps_and_inside(pilot: Pilot) -> None:
    size = pilot.surface.get_size()
    window = pygame.Rect((0, 0), size)
    view = pilot.app.layout.network_view
    rects = _on_screen(pilot)
    for name, rect in rects.items():
        assert rect.width > 0 and rect.height > 0, f"{name} is empty at {size}"
        assert window.contains(rect), f"{name} {rect} leaves the {size} window"
        if _network_parts(name) and not name.startswith("bias"):
            # The output bias sits by the heatmap, at the anchor the links end on.
            assert view.contains(rect), f"{name} {rect} leaves the network view {view}"
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        if {a, b} <= {"heatmap_label", "y_axis"}:
            continue  # side by side by construction; checked below
        assert not ra.colliderect(rb), f"{a} {ra} overlaps {b} {rb} at {size}"
    slots = pilot.app.layout.slots
    assert not slots["heatmap_label"].colliderect(slots["y_axis"])


# -- text that fits ----------------------------------------------------------------------------


def _fits(theme: Theme, rect: pygame.Rect, text: str, role: str, weight: str | None = None,
          what: str = "") -> None:
    w, h = theme.text_size(text, role, weight)
    assert w <= rect.width and h <= rect.height, (
        f"{what or text!r}: {w}x{h} text does not fit {rect.size}")


def _wrapped_fits(theme: Theme, rect: pygame.Rect, texts: tuple[str, ...], role: str) -> None:
    lines = [line for t in texts for line in theme.wrap(t, role, rect.width)]
    assert len(lines) * theme.line_height(role) <= rect.height + 1, (
        f"{len(lines)} lines of {texts[0]!r}... do not fit {rect.size}")
    for line in lines:
        assert theme.text_size(line, role)[0] <= rect.width, f"{line!r} is wider than {rect}"


def assert_no_clipped_text(pilot: Pilot) -> None:
    app, theme, slots = pilot.app, pilot.app.theme, pilot.app.layout.slots
    px = theme.px
    for widget in app.scene.widgets.values():
        if not widget.visible or widget.rect.width == 0:
            continue
        rect = widget.rect
        if isinstance(widget, Dropdown):
            _fits(theme, rect, widget.caption, "caption")
            box = widget.box_rect(theme)
            caret_left = box.right - px(9) - px(4)
            for value in widget.values:
                text = widget.format_value(value)
                w, h = theme.text_size(text, "value", "Medium")
                assert box.left + px(4) + w < caret_left, f"{widget.name}={text} runs into caret"
                assert h <= box.height, f"{widget.name}={text} is taller than {box}"
        elif isinstance(widget, Slider):
            caption = theme.text_size(f"{widget.caption}:", "body")[0]
            widest = max(theme.text_size(widget.format_value(v), "body", "Bold")[0]
                         for v in range(widget.low, widget.high + 1, widget.step))
            assert caption + px(5) + widest <= rect.width, f"{widget.name} caption is clipped"
            assert widget.track_rect(theme).bottom <= rect.bottom
        elif isinstance(widget, Checkbox):
            _fits(theme, pygame.Rect(0, 0, rect.width - px(16) - px(6), rect.height),
                  widget.label, "body")
        elif isinstance(widget, Button) and widget.style == "flat":
            _fits(theme, rect, widget.label, "body", "Medium")
        elif isinstance(widget, Button) and widget.caption is not None:
            for caption in ("Reset", "Play", "Pause", "Step"):
                if widget.name == caption.lower() or (widget.name == "play"
                                                      and caption in ("Play", "Pause")):
                    _fits(theme, rect, caption, "caption")
    epoch = slots["epoch"]
    _fits(theme, epoch, "0,000,000", "counter", "Medium")
    assert theme.line_height("caption") + theme.text_size("0", "counter")[1] <= epoch.height + 4
    loss = slots["train_loss"]
    assert (theme.text_size("Training loss", "value")[0]
            + theme.text_size("0.000", "value", "Medium")[0] < loss.width)
    _fits(theme, loss, "Training loss", "value")
    title = slots["data_title"]
    if "dataset_label" in slots:  # presenting: the dataset's name has a slot under the title
        for label in DATASET_LABELS:
            _wrapped_fits(theme, slots["dataset_label"], (label,), "caption")
    elif app.layout.shows("regenerate"):  # the name beside the title (not if hidden)
        assert (theme.text_size("DATA", "title", "Bold")[0] + px(4)
                + max(theme.text_size(label, "caption")[0] for label in DATASET_LABELS)
                <= title.width)
    labels = [pair[0] if app.layout.explain else pair[1] for pair in HEATMAP_LABELS.values()]
    for label in labels:
        _wrapped_fits(theme, slots["heatmap_label"], (label,), "caption")
    for name, texts in (("callouts", CALLOUTS), ("dataset_prompt", (DATASET_PROMPT,)),
                        ("output_note", (OUTPUT_NOTE,))):
        if app.layout.explain and (name != "dataset_prompt" or app.layout.shows("regenerate")):
            _wrapped_fits(theme, slots[name], texts, "caption")
        else:
            assert name not in slots
    _fits(theme, slots["y_axis"], "-6", "caption")
    tick = theme.text_size("-6", "caption")
    assert slots["x_axis"].height >= tick[1]


def assert_readable(pilot: Pilot) -> int:
    """Every text rendered for the last frame is at least 1/45 of the screen height (>= 1080p,
    judged by the 16:9 height that fits), and while presenting at least 1/30 of it at any size.

    Returns the smallest rendered text height.
    """
    theme = pilot.app.theme
    theme._texts.clear()
    pilot.app.draw()
    heights = [surface.get_height() for surface in theme._texts.values()]
    assert heights, "nothing was rendered"
    smallest = min(heights)
    w, h = pilot.surface.get_size()
    if pilot.app.presenting:
        assert smallest >= h * PRESENTING_FRACTION, (
            f"presenting: text {smallest}px high at {w}x{h} (at least {h / 30:.1f})")
    else:  # 1/45 of the 16:9 height that fits the window, from 1080p up
        least = readable_text_height(w, h)
        assert smallest >= least, f"text {smallest}px high at {w}x{h} (at least {least})"
    return smallest


def assert_fills_the_screen(pilot: Pilot) -> None:
    """The content grows into the height at every aspect ratio: the output map's side is at
    least 40 % of the height under the top bar (it was 36 % at 1024x768), and a column of 8 units
    spans 40 % of it (a deep network at 4:3 is held by the width)."""
    layout = pilot.app.layout
    w, h = layout.size
    below = h - layout.panels["top_bar"].height
    side = layout.slots["heatmap"].width
    assert side >= 0.4 * below, f"the map is {side}px at {w}x{h} ({side / below:.0%} of {below})"
    geo = pilot.app.network_view._require_layout()
    column = max(geo.hidden_rects, key=len, default=[])
    if len(column) == 8:
        span = column[-1].bottom - column[0].top
        assert span >= 0.4 * below, f"the units span {span}px of {below} at {w}x{h}"


# -- the layouts -------------------------------------------------------------------------------


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
def test_layout_at_classroom_sizes(pilot: Pilot, presenting: bool) -> None:
    if presenting:
        pilot.key("p")
        assert pilot.app.presenting and pilot.app.theme.presenting
    for size in SIZES:
        pilot.resize(*size)
        assert pilot.surface.get_size() == size
        assert_no_overlaps_and_inside(pilot)
        assert_no_clipped_text(pilot)
        assert_readable(pilot)
        assert_fills_the_screen(pilot)


def test_a_window_below_the_least_size_shows_the_layout_scaled() -> None:
    with Pilot() as pilot:
        for size in ((800, 600), (640, 480)):
            pilot.resize(*size)
            w, h = pilot.app.layout.size
            assert w >= 1024 and h >= 600 and abs(w / h - size[0] / size[1]) < 0.01
            assert_no_overlaps_and_inside(pilot)
            play = pilot.rect("play")  # in the layout's pixels; the window shows them scaled
            factor = pilot.app.view.factor
            assert factor > 1
            playing = pilot.app.playing
            window_pos = (int(play.centerx / factor), int(play.centery / factor))
            for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):  # as the window sends
                pygame.event.post(pygame.event.Event(kind, pos=window_pos, button=1))
            pilot.frame()
            assert pilot.app.playing != playing
            pilot.key("space")


def test_hidden_text_and_hidden_components_keep_the_layout_clean() -> None:
    settings = Settings(hide_text=True, hidden=frozenset({"noise", "batchSize"}))
    with Pilot(settings) as pilot:
        for size in (SIZES[0], SIZES[2], SIZES[4]):
            pilot.resize(*size)
            assert_no_overlaps_and_inside(pilot)
            assert_no_clipped_text(pilot)
            assert "callouts" not in pilot.app.layout.slots


def test_readable_height_rule() -> None:
    assert readable_text_height(1280, 720) == 0
    assert readable_text_height(1920, 1080) == 24
    assert readable_text_height(3840, 2160) == 48
    assert readable_text_height(1080, 1920) == 0  # portrait: judged by the 16:9 height
    pygame.font.init()
    for w, h in ((1920, 1080), (2560, 1440), (3840, 2160)):
        theme = Theme(w, h)
        for role in ("caption", "body", "value", "title", "counter"):
            assert theme.text_size("Xg", role)[1] >= h / 45, (role, w, h)


def test_everything_grows_with_the_window_height() -> None:
    with Pilot(SPIRAL) as pilot:
        measures = []
        for size in ((1280, 720), (3840, 2160)):
            pilot.resize(*size)
            geo = pilot.app.network_view._require_layout()
            measures.append((geo.unit, geo.link_scale, pilot.rect("add_layer").width,
                             pilot.rect("play").height, pilot.app.theme.line_height("body"),
                             pilot.app.layout.slots["heatmap"].width))
        small, large = measures
        for a, b in zip(small, large, strict=True):
            assert b >= 2.5 * a, (small, large)


# -- presentation mode -------------------------------------------------------------------------


def test_presentation_mode_hides_chrome_and_enlarges_the_network_and_output() -> None:
    with Pilot(SPIRAL, size=(1920, 1080)) as pilot:
        unit = pilot.rect("unit:1:0").width
        heatmap = pilot.app.layout.slots["heatmap"].width
        assert pilot.app.scene.widgets["noise"].visible
        pilot.key("p")
        assert pilot.app.presenting
        for name in ("perc_train_data", "noise", "batch_size", "regenerate"):
            assert not pilot.app.scene.widgets[name].visible, name
            with pytest.raises(LookupError):
                pilot.rect(name)
        assert pilot.app.scene.widgets["dataset:circle"].visible
        assert "callouts" not in pilot.app.layout.slots
        assert pilot.rect("unit:1:0").width >= 1.2 * unit
        # (1.3 before every presenting text had to be 1/30 of the height: its output panel's
        # captions, legend and checkboxes now take more of the height, and a third row under
        # the losses holds the accuracy or R²)
        assert pilot.app.layout.slots["heatmap"].width >= 1.1 * heatmap
        # the presenter still drives everything from the keyboard
        pilot.key("space")
        pilot.frame(3)
        assert pilot.playground.epoch >= 3
        pilot.key("space")
        epoch = pilot.playground.epoch
        pilot.key("s")
        assert pilot.playground.epoch == epoch + 1
        pilot.key("r")
        assert pilot.playground.epoch == 0
        seed = pilot.playground.settings.seed
        pilot.key("g")
        assert pilot.playground.settings.seed != seed
        pilot.key("=")
        assert pilot.app.speed == 2
        pilot.click("dataset:xor")
        assert pilot.playground.settings.dataset == "xor"
        pilot.key("p")
        assert not pilot.app.presenting
        assert pilot.app.scene.widgets["noise"].visible
        assert pilot.rect("unit:1:0").width == unit


def test_presentation_mode_is_in_the_help() -> None:
    assert any(key == "P" for key, _ in help_rows())


def test_upscaled_thumbnails_are_smooth_not_blocky() -> None:
    with Pilot(SPIRAL, size=(3840, 2160)) as pilot:
        pilot.key("p")
        pilot.frame()
        rect = pilot.rect("unit:0:0")  # X1: a ramp from left to right
        assert rect.width > 100, "the unit should be larger than the 100 x 100 grid here"
        pixels = pygame.surfarray.array3d(pilot.surface.subsurface(rect.inflate(-4, -4)))
        shown = {tuple(c) for c in pixels.reshape(-1, 3).tolist()}
        # Nearest-neighbour scaling shows only the palette's colours, in blocks; smooth scaling
        # blends neighbouring grid points into shades between them.
        palette = {tuple(c) for c in UNIT_PALETTE.tolist()}
        assert len(shown - palette) > 10


# -- fullscreen --------------------------------------------------------------------------------


def test_f11_goes_fullscreen_at_the_desktop_size_and_back() -> None:
    with Pilot(size=(1100, 700)) as pilot:
        desktop = pygame.display.get_desktop_sizes()[0]
        pilot.key("f11")
        assert pilot.app.fullscreen
        assert pilot.surface.get_size() == desktop
        assert pilot.app.layout.size == desktop
        assert_no_overlaps_and_inside(pilot)
        pilot.key("f11")
        assert not pilot.app.fullscreen
        assert pilot.surface.get_size() == (1100, 700)
        pilot.key("f11")
        pilot.key("escape")  # Esc also leaves fullscreen
        assert not pilot.app.fullscreen


def test_f11_works_while_editing_a_weight() -> None:
    with Pilot() as pilot:
        pilot.click("link:1:0:0")
        assert pilot.app.network_view.editing
        pilot.key("f11")
        assert pilot.app.fullscreen
        pilot.key("f11")
        assert not pilot.app.fullscreen


def test_refused_fullscreen_says_so_and_stays_windowed(monkeypatch: pytest.MonkeyPatch) -> None:
    with Pilot(size=(1100, 700)) as pilot:
        real_set_mode = pygame.display.set_mode

        def refuse(size=(0, 0), flags=0, *args, **kwargs):
            if flags & pygame.FULLSCREEN:
                raise pygame.error("no fullscreen mode for this display")
            return real_set_mode(size, flags, *args, **kwargs)

        monkeypatch.setattr(pygame.display, "set_mode", refuse)
        epoch = pilot.playground.epoch
        pilot.key("f11")
        assert not pilot.app.fullscreen
        assert pilot.surface.get_size() == (1100, 700)
        assert any("Fullscreen is not available" in t.text for t in pilot.app.toasts)
        pilot.key("s")  # and the app goes on
        assert pilot.playground.epoch == epoch + 1


def test_a_missing_display_is_named_and_the_app_keeps_running(
        capsys: pytest.CaptureFixture[str]) -> None:
    app = app_module.App(Settings(), size=(1024, 640), display=3)
    try:
        assert app.display == 0
        assert "There is no display 3" in capsys.readouterr().err
        app.load()  # the notice shows once the window is up, not behind the loading screen
        assert any("no display 3" in t.text for t in app.toasts)
        app.run_frames(2)
    finally:
        pygame.display.quit()


def test_out_of_range_options_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--display", "99"], ["--size", "12x12"], ["--speed", "0"],
                 ["--size", "wide"]):
        assert cli_main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("playground-game: error:") and "\n" not in err, err


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
def test_pages_of_thumbnails_and_the_classes_slider_fit_at_every_size(presenting: bool) -> None:
    """A dataset on a later page, in five classes: the pager, the thumbnails of its page and the
    Classes slider overlap nothing and clip no text, at every size; the same for regression
    (no Classes slot) and with the datasets or the classes hidden by Customize."""
    blobs = Settings(dataset="blobs", num_classes=5, noise=20, seed="0.5")
    with Pilot(blobs) as pilot:
        if presenting:
            pilot.key("p")
        for size in SIZES:
            pilot.resize(*size)
            slots = pilot.app.layout.slots
            assert pilot.app.scene.widgets["dataset:blobs"].visible, size
            pages = -(-10 // pilot.app.layout.thumbnail_slots)  # ten classification datasets
            assert pilot.app.scene.widgets[PAGER].visible == (pages > 1), size
            assert ("num_classes" in slots) != presenting
            if not presenting:
                below = max(slots[f"thumb{k}"].bottom
                            for k in range(pilot.app.layout.thumbnail_slots))
                assert below < slots["regenerate"].top < slots["num_classes"].top
                assert slots[PAGER].left > slots["regenerate"].right
            assert_no_overlaps_and_inside(pilot)
            assert_no_clipped_text(pilot)
        pilot.app.dispatch(Change({"problem": "regression"}))
        for size in (SIZES[0], SIZES[6]):
            pilot.resize(*size)
            assert "num_classes" not in pilot.app.layout.slots
            assert_no_overlaps_and_inside(pilot)
    for hidden in ({"dataset"}, {"numClasses", "noise"}):
        with Pilot(Settings(seed="0.5", hidden=frozenset(hidden))) as pilot:
            if presenting:
                pilot.key("p")
            for size in (SIZES[0], SIZES[6]):
                pilot.resize(*size)
                assert_no_overlaps_and_inside(pilot)
                assert_no_clipped_text(pilot)


def test_every_dataset_at_once_where_three_or_four_columns_fit_and_never_fewer_controls(
) -> None:
    """A page has at least two rows of three; more where the panel has the room, or four
    smaller columns where those show every dataset and three do not (1280x720, 1920x1080),
    keeping every control the two rows had; presenting, the column turns pages."""
    from playground_game.model.core.datasets import DATASETS

    classification = sum(d.problem == "classification" for d in DATASETS)
    with Pilot(Settings(seed="0.5")) as pilot:
        for size in ((1280, 720), (1920, 1080), (1024, 768), (1920, 1200), (1024, 600)):
            pilot.resize(*size)
            layout = pilot.app.layout
            assert layout.thumbnail_slots >= classification, size
            assert {"share", "open_code", "customize", "lab", "regenerate", "num_classes",
                    "noise"} <= set(layout.slots), size
            assert layout.slots["thumb0"].width >= pilot.app.theme.px(40), size
            assert not pilot.app.scene.widgets["thumb_pager"].visible, size
        pilot.resize(1920, 1080)
        assert pilot.app.layout.slots["thumb3"].top == pilot.app.layout.slots["thumb0"].top
        pilot.resize(1280, 720)
        pilot.key("p")  # presenting: a column of four a page
        assert pilot.app.scene.widgets["thumb_pager"].visible
