"""The Training lab in the window: its dialog driven by clicks, stop conditions pausing play,
Share's wording for codes the web does not know, the metric row and the chart's hover card."""

from __future__ import annotations

import pygame
from pilot import Pilot

from playground_game.model.bookmark import parse_code


def _toasts(pilot: Pilot) -> str:
    return " ".join(t.text for t in pilot.app.notices.toasts)


def test_the_lab_dialog_sets_the_optimizer_by_clicks() -> None:
    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.click("lab")
        dialog = pilot.app.dialog
        assert dialog is not None and dialog.title == "Training lab"
        assert not dialog.dropdowns["beta1"].visible  # SGD has no hyper-parameters
        pilot.click("dialog:lab:optimizer")
        pilot.click("dialog:lab:optimizer=Adam")
        assert pilot.playground.settings.optimizer == "adam"
        pilot.frame()
        assert dialog.dropdowns["beta1"].visible and not dialog.dropdowns["momentum"].visible
        pilot.click("dialog:lab:lrSchedule")
        pilot.click("dialog:lab:lrSchedule=Cosine")
        assert pilot.playground.settings.lr_schedule == "cosine"
        pilot.click("dialog:done")
        assert pilot.app.dialog is None
        pilot.key("t")
        assert pilot.app.dialog is not None and pilot.app.dialog.title == "Training lab"


def test_a_lesson_lock_refuses_a_lab_control() -> None:
    from playground_game.model.playground import Open

    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.playground.apply(Open(pilot.playground.settings, locks=frozenset({"optimizer"})))
        pilot.key("t")
        pilot.click("dialog:lab:optimizer")
        assert not pilot.app.dialog.dropdowns["optimizer"].open
        assert "fixed" in _toasts(pilot)


def test_play_pauses_at_the_stop_epoch_and_says_why() -> None:
    with Pilot(parse_code("seed=0.3&stopEpoch=12").settings, speed=5) as pilot:
        pilot.key("space")
        for _ in range(30):
            pilot.frame()
            if not pilot.app.playing:
                break
        assert not pilot.app.playing and pilot.playground.epoch == 12
        assert "Stopped at epoch 12" in _toasts(pilot)
        pilot.key("space")  # Play again goes on past it
        pilot.frame(3)
        assert pilot.playground.epoch > 12


def test_share_says_when_a_code_opens_the_same_only_here() -> None:
    with Pilot(parse_code("seed=0.3&optimizer=adam").settings) as pilot:
        pilot.app.share()
        assert "only in this app" in _toasts(pilot) or (
            pilot.app.dialog is not None and "only in this app" in pilot.app.dialog.message)


def test_the_metric_row_and_the_chart_hover_card() -> None:
    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.app.train_epochs(20)
        pilot.frame()
        shown = pilot.app.scene.output.metrics(pilot.playground)
        assert set(shown) == {"Test accuracy", "Training accuracy"}
        chart = pilot.app.scene.layout.slots["chart"]
        pilot.move((chart.left + chart.width // 2, chart.centery))
        pilot.frame()
        assert pilot.app.scene.chart_hover == chart.left + chart.width // 2
        assert pilot.app.scene.output.hovered_epoch(
            pilot.playground, chart, chart.right) == pilot.playground.epoch
        middle = pilot.app.scene.output.hovered_epoch(pilot.playground, chart, chart.centerx)
        lines = pilot.app.scene.output.chart_hover_lines(pilot.playground, middle)
        accuracy = 100 * pilot.playground.test_accuracies[middle]
        assert 0 < middle < pilot.playground.epoch and f"Test accuracy: {accuracy:.1f}%" in lines
        pilot.move((5, 5))
        pilot.frame()
        assert pilot.app.scene.chart_hover is None
        assert pygame.display.get_surface() is not None


def test_each_hidden_lab_component_hides_its_dropdowns() -> None:
    from playground_game.model.knobs import KNOBS, hideables
    from playground_game.model.playground import Change

    settings = parse_code("seed=0.3&optimizer=adam&lrSchedule=step").settings
    with Pilot(settings) as pilot:
        pilot.key("t")
        dialog = pilot.app.dialog
        for component in hideables("lab"):
            pilot.app.dispatch(Change({"hidden": frozenset({component})}))
            pilot.frame()
            gone = {k.key for k in KNOBS if k.place == "lab" and component in (k.hide, k.lock)}
            assert gone
            for key, dropdown in dialog.dropdowns.items():
                assert dropdown.visible == (key not in gone and (
                    key not in ("momentum", "rho"))), (component, key)


def test_a_layer_header_sets_that_layers_activation() -> None:
    """Click the second layer's activation under its count, pick ReLU: that layer alone is
    ReLU (the code says so); the top bar's dropdown then sets every layer again."""
    with Pilot(parse_code("seed=0.3&networkShape=4,3").settings) as pilot:
        pilot.frame()
        pilot.click("layer_activation:1")
        assert pilot.app.network_view.editing  # the menu is open; training waits
        pilot.click("activation_choice:relu")
        assert not pilot.app.network_view.editing
        assert pilot.playground.settings.layer_activations == ("tanh", "relu")
        assert pilot.playground.network.activations[1:3].tolist() == [1, 0]
        top_bar = pilot.widget("activation")
        assert top_bar.format_shown(pilot.playground.settings.activation) == "Per layer"
        pilot.click("layer_activation:0")
        pilot.key("down")  # from tanh to the next row, sigmoid, with the keyboard
        pilot.key("return")
        pilot.frame()
        assert pilot.playground.settings.layer_activations == ("sigmoid", "relu")
        pilot.click("layer_activation:0")
        pilot.key("escape")
        pilot.frame()
        assert not pilot.app.network_view.editing
        assert pilot.playground.settings.layer_activations == ("sigmoid", "relu")
        pilot.choose("activation", "linear")
        assert pilot.playground.settings.layer_activations == ()
        assert top_bar.format_shown(pilot.playground.settings.activation) == "Linear"
        assert set(pilot.playground.network.activations.tolist()) == {3}


def test_a_lesson_that_fixes_the_activation_refuses_a_layers_menu() -> None:
    from playground_game.model.playground import Open

    with Pilot(parse_code("seed=0.3&networkShape=4").settings) as pilot:
        pilot.playground.apply(Open(pilot.playground.settings, frozenset({"activation"})))
        pilot.frame()
        pilot.click("layer_activation:0")  # refused at once: no menu to pick from
        assert not pilot.app.network_view.editing
        assert pilot.playground.settings.layer_activations == ()
        assert "Activation is fixed in this lesson" in _toasts(pilot)
