"""The data panel: the dataset thumbnails a page at a time with their pager, Regenerate, the
Classes slider, the data sliders and the code buttons.
"""

from __future__ import annotations

import pygame

from playground_game.model.core.datasets import (
    DATASETS,
)
from playground_game.model.playground import Playground
from playground_game.ui import theme as th
from playground_game.ui.layout import Layout
from playground_game.ui.layout_data import CODE_BUTTONS, CODE_CAPTION, DATASET_PROMPT
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import (
    Slider,
    Thumbnail,
    Widget,
    draw_wrapped,
)
from playground_game.ui.widgets.pager import Pager


def draw_data_panel(surface: pygame.Surface, playground: Playground, theme: Theme,
                     layout: Layout,
                    widgets: dict[str, Widget]) -> None:
    """The DATA title and dataset name, thumbnails, sliders, Regenerate and the code buttons."""
    slots = layout.slots
    title = slots["data_title"]
    surface.blit(theme.text("DATA", "title", th.TEXT, "Bold"), title.topleft)
    if "dataset" not in playground.settings.hidden:
        shown = next((w for w in widgets.values()
                      if isinstance(w, Thumbnail) and w.visible and w.hovered), None)
        settings = playground.settings
        if shown:
            label = shown.label
        elif settings.own_points:  # painted or loaded: no dataset's name
            data = playground.data
            label = f"Your data, {data.train.shape[0] + data.test.shape[0]:,} points"
        else:
            label = DATASETS[settings.current_dataset].label
        if "dataset_label" in slots:  # presenting: under the title, wrapped
            draw_wrapped(surface, theme, slots["dataset_label"], (label,), "caption",
                         th.TEXT_MUTED)
        else:
            text = theme.text(label, "caption", th.TEXT_MUTED)
            surface.blit(text, text.get_rect(bottomright=title.bottomright))
        if "dataset_prompt" in slots:  # not while presenting, nor with hideText
            draw_wrapped(surface, theme, slots["dataset_prompt"], (DATASET_PROMPT,),
                        "caption", th.TEXT_MUTED)
    for widget in widgets.values():
        if isinstance(widget, (Thumbnail, Slider, Pager)) or widget.name == "regenerate":
            widget.draw(surface, theme)
    if "code_caption" in slots:
        surface.blit(theme.text(CODE_CAPTION, "caption", th.TEXT_MUTED),
                     slots["code_caption"].topleft)
        for name in CODE_BUTTONS:
            widgets[name].draw(surface, theme)


