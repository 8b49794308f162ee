"""Presenting inside a lesson: the lesson panel goes beside the network as a column, and the
network keeps units a class can see. Driven through the real app (tests/pilot)."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.ui import theme as th
from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_a_presented_lesson_keeps_units_a_class_can_see(size: tuple[int, int]) -> None:
    with Pilot(lesson="dropout", size=size) as pilot:
        pilot.key("p")
        pilot.frame()
        app = pilot.app
        view, panel = app.network_view.rect, app.lesson_panel.panel_rect
        units = [pilot.rect(f"unit:{layer}:{k}") for layer in (1, 2) for k in (0, 7)]
        # At least 1/24 of the screen's height, as outside a lesson (README: presenting).
        assert min(u.width for u in units) >= size[1] / 24, [u.width for u in units]
        assert all(view.contains(u) for u in units)
        # The panel lies beside the network, never over it or the links to the output map.
        assert not panel.colliderect(view), (panel, view)
        assert not panel.colliderect(app.layout.slots["heatmap"])
        assert pilot.surface.get_rect().contains(panel)


# -- notices when presenting: never over the network, the map or a control ----------------------


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("lesson", [None, "dropout"], ids=["playground", "lesson"])
@pytest.mark.parametrize("text", [None, "Undo: learning rate 0.03 back to 0.1", "Copied."],
                         ids=["presenting", "undo", "short"])
def test_a_presented_notice_covers_neither_the_network_nor_the_map(
        size: tuple[int, int], lesson: str | None, text: str | None) -> None:
    with Pilot(lesson=lesson, size=size) if lesson else Pilot(size=size) as pilot:
        pilot.key("p")  # "Presentation mode: P to leave"
        if text:
            pilot.app.toast(text)
        pilot.frame()
        app = pilot.app
        box = app.notices.drawn[0]
        hits = [name for name, widget in app.scene.widgets.items()
                if widget.visible and widget.rect.width and box.colliderect(widget.rect)]
        for name, rect in (("network", app.network_view.rect),
                           ("map", app.layout.slots["heatmap"]),
                           ("lesson panel", app.lesson_panel.panel_rect)):
            if rect.width and box.colliderect(rect):
                hits.append(name)
        assert hits == [], (box, hits)
        assert pilot.surface.get_rect().contains(box)
        assert app.notices.text_height(app.theme) >= size[1] / 30


# -- goals when presenting: all of them readable, "+N more" red only when one failed ------------


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_presented_goals_are_readable_and_a_summary_is_not_red(size: tuple[int, int]) -> None:
    with Pilot(lesson="dropout", size=size) as pilot:
        pilot.key("p")
        pilot.frame()
        panel, mode = pilot.app.lesson_panel, pilot.app.lesson_mode
        statuses = mode.statuses
        shown = len(panel.drawn_goals)
        for full, lines, rects in panel.drawn_goals:  # whole goals, inside the panel
            assert " ".join(" ".join(lines).split()).startswith(" ".join(full.split()[:4]))
            assert all(panel.panel_rect.contains(r) for r in rects)
        if size[1] >= 1080:
            assert shown == len(statuses), panel.more_goals
        else:  # a 4:3 projector: most goals whole, the rest in one summary, red only if failed
            assert shown >= 2
        if shown < len(statuses):
            note, colour = panel.more_goals
            assert f"+{len(statuses) - shown} more" in note
            assert colour != th.ERROR or mode.over_budget


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_a_presented_question_shows_every_answer(size: tuple[int, int]) -> None:
    # A deep network on a 4:3 projector leaves the narrowest column: the goals give way.
    with Pilot(lesson="vanishing-gradients", size=size) as pilot:
        pilot.key("p")
        pilot.frame()
        panel = pilot.app.lesson_panel
        question = pilot.app.lesson_mode.lesson.question
        for k in range(len(question.choices)):
            rect = pilot.rect(f"lesson:answer:{k}")
            assert panel.panel_rect.contains(rect), (k, rect)
        # ...under the whole title ("Lesson 8: Vanishing gradients. First, predict:")
        title = f"Lesson 8: {pilot.app.lesson_mode.lesson.title}. First, predict:"
        assert " ".join(panel.drawn_title) == title
        pilot.click("lesson:answer:1")
        assert pilot.app.lesson_mode.answer == 1


def test_a_presented_result_card_keeps_its_text_above_its_buttons(tmp_path, monkeypatch) -> None:
    from test_ui_lessons import _lab

    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(size=(1024, 768)) as pilot:
        _lab(pilot, tmp_path)
        pilot.click("lesson:answer:0")
        pilot.click("lesson:continue")
        pilot.choose("learning_rate", 0.1)
        pilot.choose("speed", 10)
        pilot.key("p")  # presenting at 4:3: the speed steps aside, so it is chosen first
        pilot.click("play")
        pilot.frame(10)
        pilot.frame()
        panel = pilot.app.lesson_panel
        assert pilot.app.lesson_mode.card_open
        buttons = [pilot.rect(f"lesson:{name}")
                   for name in ("next_lesson", "keep_exploring", "levels")]
        assert panel.result_body.bottom <= min(b.top for b in buttons), (panel.result_body,
                                                                         buttons)
