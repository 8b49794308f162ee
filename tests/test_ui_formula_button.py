"""The Formula button right of OUTPUT opens the formula panel, as F does, at every size."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.ui.overlays.formula import FormulaDialog


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_the_formula_button_opens_the_formula_panel(size):
    with Pilot(size=size) as pilot:
        title = pilot.app.layout.slots["output_title"]
        button = pilot.rect("formula")
        assert button.top == title.top and button.left > title.right
        pilot.click("formula")
        assert isinstance(pilot.app.dialog, FormulaDialog)
        pilot.key("escape")
        assert pilot.app.dialog is None


def test_presenting_keeps_it():
    with Pilot(size=(1280, 720)) as pilot:
        pilot.key("p")
        pilot.click("formula")
        assert isinstance(pilot.app.dialog, FormulaDialog)
