"""The dataset thumbnails a page at a time: which page shows, and where each thumbnail goes.

The layout gives a page's slots (`thumb0`...) and the pager's; this keeps the page number (a view
state, not the experiment's) and follows the experiment: when the dataset changes by any route
(a thumbnail, a code opened, an undo, a lesson, the problem type), the page that holds it shows.
Turning pages by hand keeps the page until the dataset changes again.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.core.datasets import DATASETS, PROBLEMS
from playground_game.model.settings import Settings
from playground_game.ui.layout import Layout
from playground_game.ui.widgets import Thumbnail

_KEYS: dict[str, list[str]] = {p: [d.key for d in DATASETS if d.problem == p] for p in PROBLEMS}


class ThumbnailPages:
    """The page of the current problem's thumbnails on show."""

    def __init__(self, get_settings: Callable[[], Settings]) -> None:
        self._settings = get_settings
        self.page = 0
        # (problem, dataset, thumbnails a page) the page was set for
        self._followed: tuple[str, str, int] | None = None

    def keys(self) -> list[str]:
        """The datasets of the current problem, in the table's order."""
        return _KEYS[self._settings().problem]

    @staticmethod
    def per_page(layout: Layout | None) -> int:
        return layout.thumbnail_slots if layout is not None else 0

    def pages(self, layout: Layout | None) -> int:
        per_page = self.per_page(layout)
        return max(1, -(-len(self.keys()) // per_page)) if per_page else 1

    def turn_to(self, page: int) -> None:
        self.page = page

    def follow(self, layout: Layout | None) -> None:
        """Show the current dataset's page when the dataset, the problem or the page's size
        (presenting) has changed, and keep the page inside the pages there are."""
        settings = self._settings()
        per_page = self.per_page(layout)
        current = (settings.problem, settings.current_dataset, per_page)
        if current != self._followed and per_page:
            keys = self.keys()
            if current[1] in keys:
                self.page = keys.index(current[1]) // per_page
            self._followed = current
        self.page = max(0, min(self.page, self.pages(layout) - 1))

    def place(self, layout: Layout | None, thumbnails: list[Thumbnail]) -> None:
        """Put the page's thumbnails in the page's slots; every other gets no rect (and is not
        shown: see `on_page`)."""
        per_page = self.per_page(layout)
        keys = self.keys()
        for widget in thumbnails:
            key = widget.name.split(":", 1)[1]
            rect = pygame.Rect(0, 0, 0, 0)
            if layout is not None and key in keys:
                index = keys.index(key) - self.page * per_page
                if 0 <= index < per_page:
                    rect = layout.slots[f"thumb{index}"].copy()
            widget.rect = rect

    def on_page(self, layout: Layout | None, key: str) -> bool:
        """Whether the dataset `key` is on the page shown."""
        keys = self.keys()
        per_page = self.per_page(layout)
        return key in keys and per_page > 0 and keys.index(key) // per_page == self.page
