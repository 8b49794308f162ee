"""Paint mode in the real app: strokes become your points, one undo step each."""

from __future__ import annotations

import numpy as np
import pygame
from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.model.own_points import decode


def _map(pilot: Pilot) -> pygame.Rect:
    return pilot.app.layout.slots["heatmap"]


def _count(pilot: Pilot) -> int:
    data = pilot.playground.data
    return data.train.shape[0] + data.test.shape[0]


def test_a_stroke_paints_points_and_undo_takes_the_stroke_back() -> None:
    with Pilot(parse_code("seed=2").settings) as pilot:
        pilot.key("d")
        paint = pilot.app.scene.paint
        assert paint.active
        pilot.click(pos=paint.items["clear"].center)  # a blank canvas
        assert pilot.playground.settings.own_points and _count(pilot) == 0
        m = _map(pilot)
        pilot.drag((m.left + m.width // 4, m.centery), (m.right - m.width // 4, m.centery), 8)
        first = _count(pilot)
        assert first > 10
        labels = set(decode(pilot.playground.settings.own_points).labels().tolist())
        assert labels == {0.0}  # the chosen class: orange
        pilot.key("2")  # blue
        pilot.drag((m.centerx, m.top + m.height // 3), (m.centerx, m.bottom - 10), 6)
        assert _count(pilot) > first
        assert 1.0 in decode(pilot.playground.settings.own_points).labels()
        pilot.key("z", mod=pygame.KMOD_CTRL)
        assert _count(pilot) == first  # one stroke, one undo step
        # Shift+drag erases what it passes over.
        pilot.move((m.left + m.width // 4, m.centery))
        pilot.post(pygame.MOUSEBUTTONDOWN, pos=(m.left + m.width // 4, m.centery), button=1,
                   touch=False, mod=pygame.KMOD_SHIFT)
        pilot.move((m.centerx, m.centery), buttons=(1, 0, 0))
        pilot.post(pygame.MOUSEBUTTONUP, pos=(m.centerx, m.centery), button=1, touch=False)
        pilot.frame()
        assert 0 < _count(pilot) < first
        pilot.key("escape")
        assert not paint.active
        pilot.key("d")
        pilot.click(pos=paint.items["clear"].center)
        pilot.key("space")  # nothing to train on: said, not played
        assert not pilot.app.playing and "no training points" in pilot.app.notices.toasts[-1].text


def test_painted_points_travel_in_the_shared_code_and_train() -> None:
    with Pilot(parse_code("seed=3").settings) as pilot:
        pilot.click(pos=pilot.app.scene.paint.rect.center)  # the Paint button on the map
        paint = pilot.app.scene.paint
        assert paint.active
        pilot.click(pos=paint.items["clear"].center)
        m = _map(pilot)
        pilot.drag((m.left + 20, m.top + 40), (m.left + 60, m.bottom - 40), 6)
        pilot.click(pos=paint.items["class2"].center)  # "+": a third class
        pilot.drag((m.right - 30, m.top + 60), (m.right - 60, m.bottom - 60), 6)
        settings = pilot.playground.settings
        assert settings.num_classes == 3
        code = pilot.app.current_code()
        opened = parse_code(code).settings
        assert opened.own_points == settings.own_points and opened.num_classes == 3
        pilot.key("d")
        pilot.key("space")
        pilot.frame(5)
        assert pilot.playground.epoch > 0 and np.isfinite(pilot.playground.train_loss)


def test_painting_a_dataset_starts_from_its_points_and_a_thumbnail_returns_to_it() -> None:
    with Pilot(parse_code("dataset=xor&seed=4").settings) as pilot:
        before = _count(pilot)
        pilot.key("d")
        m = _map(pilot)
        pilot.drag((m.centerx - 30, m.centery), (m.centerx + 30, m.centery), 3)
        assert _count(pilot) > before  # added to the dataset's points
        pilot.key("d")
        pilot.click("dataset:circle")
        assert not pilot.playground.settings.own_points and _count(pilot) == before


def test_a_dropped_csv_file_opens_and_a_bad_one_changes_nothing(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PLAYGROUND_GAME_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(tmp_path / "docs"))
    good = tmp_path / "mine.csv"
    good.write_text("x,y,label\n1,1,cat\n-1,-1,dog\n2,-2,cat\n-2,2,bird\n")
    bad = tmp_path / "broken.csv"
    bad.write_text("x,y,label\n1,1,0\n1,oops,1\n")
    with Pilot(parse_code("seed=5").settings) as pilot:
        pilot.post(pygame.DROPFILE, file=str(bad))
        pilot.frame()
        assert not pilot.playground.settings.own_points
        assert "broken.csv, line 3" in pilot.app.notices.toasts[-1].text
        pilot.post(pygame.DROPFILE, file=str(good))
        pilot.frame()
        assert _count(pilot) == 4 and pilot.playground.settings.num_classes == 3
        pilot.key("d")
        pilot.click(pos=pilot.app.scene.paint.items["save"].center)
        saved = list((tmp_path / "docs" / "Neural Playground").glob("points-*.csv"))
        assert len(saved) == 1 and saved[0].read_text().count("\n") == 5


def test_number_keys_choose_the_class_to_paint_and_say_what_they_cannot() -> None:
    with Pilot(parse_code("seed=2").settings) as pilot:
        pilot.key("d")
        paint = pilot.app.scene.paint
        pilot.key("2")
        assert paint.chosen == 1
        pilot.key("7")  # two classes: 1, 2, or 3 for a new one
        assert paint.chosen == 1
        assert pilot.app.toasts[-1].text == "There are 2 classes: keys 1 to 2, or 3 for a new one."
        pilot.key("3")  # the new class: its first stroke restarts the network, said so
        assert paint.chosen == 2 and "restarts the network" in pilot.app.toasts[-1].text
    with Pilot(parse_code("problem=regression&seed=2").settings) as pilot:
        pilot.key("d")
        pilot.key("1")
        assert "the toolbar's ramp picks one" in pilot.app.toasts[-1].text
