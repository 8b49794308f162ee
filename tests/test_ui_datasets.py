"""The data panel with every dataset: thumbnails a page at a time, the pager, the page that
follows the dataset, and the Classes slider; through the real app with real events."""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game.cli import main as cli_main
from playground_game.model.actions import Change
from playground_game.model.core.datasets import CLASSIFICATION, DATASETS, REGRESSION
from playground_game.model.settings import Settings
from playground_game.ui.layout_data import PAGER
from playground_game.ui.scene.classes_control import single_count_reason

CLASSES = "num_classes"


@pytest.fixture
def pilot() -> Iterator[Pilot]:
    with Pilot(Settings(seed="0.5")) as p:
        yield p


def _keys(problem: str) -> list[str]:
    return [d.key for d in DATASETS if d.problem == problem]


def _shown(pilot: Pilot) -> list[str]:
    """The dataset thumbnails on screen, in the order they are laid out."""
    shown = [(w.rect.top, w.rect.left, name.split(":", 1)[1])
             for name, w in pilot.app.scene.widgets.items()
             if name.startswith("dataset:") and w.visible and w.rect.width]
    return [key for _, _, key in sorted(shown)]


def _walk_pages(pilot: Pilot) -> list[list[str]]:
    """Every page's thumbnails, turning pages with the pager's next arrow (a real click)."""
    pager = pilot.widget(PAGER)
    pages = [_shown(pilot)]
    if not pager.visible:
        return pages
    while pager.page() > 0:  # back to the first page with the previous arrow
        pilot.click(pos=pager.arrow_rects()[0].center)
    pages = [_shown(pilot)]
    for _ in range(pager.pages() - 1):
        pilot.click(pos=pager.arrow_rects()[1].center)
        pages.append(_shown(pilot))
    return pages


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
def test_every_dataset_is_on_a_page_at_every_size(pilot: Pilot, presenting: bool) -> None:
    if presenting:
        pilot.key("p")
    for size in ((1024, 600), (1280, 720), (1024, 768), (1920, 1080), (3840, 2160)):
        pilot.resize(*size)
        data = pilot.app.layout.panels["data"]
        for problem in (CLASSIFICATION, REGRESSION):
            pilot.app.dispatch(Change({"problem": problem}))
            pilot.frame()
            pages = _walk_pages(pilot)
            seen = [key for page in pages for key in page]
            assert seen == _keys(problem), (size, presenting, pages)
            per_page = pilot.app.layout.thumbnail_slots
            assert all(len(page) == per_page for page in pages[:-1])
            for key in _keys(problem)[-1:]:
                assert data.contains(pilot.rect(f"dataset:{key}")), (size, key)
            if len(pages) > 1:
                assert data.contains(pilot.rect(PAGER))
        pilot.app.dispatch(Change({"problem": CLASSIFICATION}))


def test_a_dataset_on_another_page_is_chosen_by_a_click(pilot: Pilot) -> None:
    pilot.resize(1280, 720)
    pilot.key("p")  # presenting: four thumbnails a page
    assert not pilot.widget("dataset:blobs").visible
    pager = pilot.widget(PAGER)
    assert pager.visible and pager.pages() >= 2 and pager.page() == 0
    pilot.click(pos=pager.dot_centres()[-1])
    assert pager.page() == pager.pages() - 1
    pilot.click("dataset:blobs")
    settings = pilot.playground.settings
    assert settings.dataset == "blobs" and settings.num_classes == 3  # its nearest count
    pilot.click(pos=pager.arrow_rects()[0].center)
    assert pager.page() == pager.pages() - 2 and not pilot.widget("dataset:blobs").visible
    pilot.hover(PAGER)
    pilot.post(pygame.MOUSEWHEEL, x=0, y=-1)  # the wheel over the pager turns the page
    pilot.frame()
    assert pager.page() == pager.pages() - 1


def _page_of(pilot: Pilot, key: str) -> int:
    return _keys(CLASSIFICATION).index(key) // pilot.app.layout.thumbnail_slots


def test_the_page_follows_the_dataset_through_codes_and_undo(pilot: Pilot) -> None:
    pilot.resize(1280, 720)
    pilot.key("p")  # presenting: four thumbnails a page
    pager = pilot.widget(PAGER)
    assert pilot.app.open_code("dataset=blobs&numClasses=5&seed=0.3") is None
    pilot.frame()
    assert _page_of(pilot, "blobs") > 0
    assert pilot.widget("dataset:blobs").visible and pager.page() == _page_of(pilot, "blobs")
    pilot.click(pos=pager.arrow_rects()[0].center)
    pilot.click("dataset:moons")
    assert pilot.playground.settings.dataset == "moons"
    assert not pilot.widget("dataset:blobs").visible
    pilot.key("z", mod=pygame.KMOD_CTRL)  # undo: back to the blobs, and to their page
    assert pilot.playground.settings.dataset == "blobs"
    assert pilot.widget("dataset:blobs").visible
    pilot.app.open_code("dataset=xor&seed=0.3")
    pilot.frame()
    assert pilot.widget("dataset:xor").visible and pager.page() == 0


def test_thumbnails_show_the_current_number_of_classes(pilot: Pilot) -> None:
    pilot.app.open_code("dataset=rings&numClasses=5&seed=0.3")
    pilot.frame()
    for key in ("rings", "spirals", "blobs", "circle"):
        shown = pilot.widget(f"dataset:{key}").points()
        assert shown is DATASETS[key].thumbnail_for(5)
    assert len(np.unique(pilot.widget("dataset:rings").points()[:, 2])) == 5
    assert len(np.unique(pilot.widget("dataset:circle").points()[:, 2])) == 2


def test_the_classes_slider_sets_the_count_the_dataset_makes(pilot: Pilot) -> None:
    assert pilot.app.open_code("dataset=blobs&numClasses=3&seed=0.5") is None
    pilot.frame()
    slider = pilot.widget(CLASSES)
    assert slider.visible and slider.enabled
    pilot.set_slider(CLASSES, 5)
    assert pilot.playground.settings.num_classes == 5
    labels = pilot.playground.data.train[:, 2]
    assert set(np.unique(labels)) == {0.0, 1.0, 2.0, 3.0, 4.0}
    pilot.set_slider(CLASSES, 2)  # blobs make 3 to 6: the nearest
    assert pilot.playground.settings.num_classes == 3
    pilot.hover(CLASSES)
    pilot.post(pygame.MOUSEWHEEL, x=0, y=1)
    pilot.frame()
    assert pilot.playground.settings.num_classes == 4
    pilot.key("z", mod=pygame.KMOD_CTRL)  # a change like any other: undone
    assert pilot.playground.settings.num_classes == 3


def test_the_classes_slider_is_muted_for_a_single_count_and_says_why(pilot: Pilot) -> None:
    slider = pilot.widget(CLASSES)
    assert pilot.playground.settings.dataset == "circle"
    assert slider.visible and not slider.enabled
    before = pilot.playground.settings
    pilot.set_slider(CLASSES, 4)
    assert pilot.playground.settings == before
    reason = single_count_reason("circle")
    assert pilot.app.toasts[-1].text == reason
    assert reason == "Circle has 2 classes only; Rings, Spiral arms and Blobs have more."


def test_regression_shows_no_classes_and_no_pager(pilot: Pilot) -> None:
    pilot.choose("problem", "regression")
    assert CLASSES not in pilot.app.layout.slots
    assert not pilot.widget(CLASSES).visible and not pilot.widget(PAGER).visible
    assert _shown(pilot) == _keys(REGRESSION)
    slots = pilot.app.layout.slots  # two rows hold its four: Regenerate right under them
    assert pilot.app.layout.thumbnail_slots == 6
    assert 0 < slots["regenerate"].top - slots["thumb3"].bottom < slots["thumb0"].height / 2
    pilot.click("dataset:reg-ripple")
    assert pilot.playground.settings.reg_dataset == "reg-ripple"


def test_customize_hides_the_datasets_and_the_classes() -> None:
    settings = Settings(seed="0.5", hidden=frozenset({"dataset", "numClasses"}))
    with Pilot(settings) as pilot:
        assert "thumb_pager" not in pilot.app.layout.slots
        assert not pilot.widget(PAGER).visible and not pilot.widget(CLASSES).visible
        assert _shown(pilot) == []
    with Pilot(Settings(seed="0.5", hidden=frozenset({"numClasses"}))) as pilot:
        assert not pilot.widget(CLASSES).visible
        assert all(pilot.widget(f"dataset:{key}").visible for key in _keys(CLASSIFICATION))
        pilot.key("p")  # presenting: pages of four, and the pager
        assert pilot.widget(PAGER).visible and not pilot.widget(CLASSES).visible


def test_keys_lists_the_new_datasets_and_a_code_with_one_opens_the_same_only_here(
        pilot: Pilot, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["keys", "--json"]) == 0
    keys = {row["key"]: row for row in json.loads(capsys.readouterr().out)}
    new = [d.key for d in DATASETS if not d.web]
    assert set(new) <= set(keys["dataset"]["values"]) | set(keys["regDataset"]["values"])
    assert not set(new) & (set(keys["dataset"]["web_values"])
                           | set(keys["regDataset"]["web_values"]))
    assert keys["numClasses"]["range"] == [2, 6] and keys["numClasses"]["web"] is False
    assert pilot.app.open_code("dataset=spirals&numClasses=4&seed=0.25") is None
    pilot.frame()
    assert pilot.app.current_code() == "dataset=spirals&seed=0.25&numClasses=4"
    pilot.click("share")
    assert "opens the same only in this app" in pilot.app.toasts[-1].text


def test_the_level_screen_draws_a_lessons_data_in_its_classes(pilot: Pilot) -> None:
    """A lesson's picture is its dataset in the lesson's number of classes (class colours)."""
    from playground_game.ui.heatmap import CLASS_COLOURS

    levels = pilot.app.levels
    for classes in (2, 5):
        picture = levels._thumbnail("rings", classes, 120)
        pixels = pygame.surfarray.array3d(picture).reshape(-1, 3)
        colours = {tuple(int(c) for c in p) for p in pixels}
        assert sum(colour in colours for colour in CLASS_COLOURS) == classes


def test_own_points_mute_the_classes_slider_and_say_why(pilot: Pilot) -> None:
    """Your own points decide their classes: the slider is muted and a click says so."""
    from playground_game.model.own_points import OwnPoints

    own = OwnPoints.make(np.array([-3.0, 3.0, 3.0]), np.array([-3.0, 3.0, -3.0]),
                         np.array([0, 1, 2]), None, False)
    pilot.app.dispatch(Change({"own_points": own.encode()}))
    pilot.frame()
    settings = pilot.playground.settings
    assert settings.num_classes == 3 and settings.own_points
    slider = pilot.widget(CLASSES)
    assert slider.visible and not slider.enabled
    pilot.set_slider(CLASSES, 5)
    assert pilot.playground.settings == settings
    assert pilot.app.toasts[-1].text.startswith("Your own points have 3 classes")
