"""The scene's widgets: built from the table of controls, placed from a `Layout`, drawn by panel.

`Scene` owns the widgets of the top bar, data panel and output panel (the network view is the
app's), gives them plain callbacks to the app's commands, places them from a `Layout`, passes
events to them and draws the panels (top_bar.py, data_panel.py, output_panel.py).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame

from playground_game.model.core.datasets import (
    CLASSIFICATION,
    DATASETS,
    REGRESSION,
)
from playground_game.model.playground import Change, Playground
from playground_game.model.settings import (
    Settings,
)
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.controls import BUTTON_HIDE_KEYS, CONTROLS, ControlSpec
from playground_game.ui.layout import CALLOUTS, Layout
from playground_game.ui.layout_data import CLASSES, CODE_BUTTONS, PAGER
from playground_game.ui.layout_output import FORMULA_BUTTON
from playground_game.ui.overlays.lab import LAB_BUTTON
from playground_game.ui.scene.classes_control import classes_slider
from playground_game.ui.scene.data_panel import draw_data_panel
from playground_game.ui.scene.layer_view import LayerView
from playground_game.ui.scene.output_panel import OutputRenderer
from playground_game.ui.scene.paint_tool import LOCK as PAINT_LOCK
from playground_game.ui.scene.paint_tool import PaintTool
from playground_game.ui.scene.thumbnail_pages import ThumbnailPages
from playground_game.ui.scene.top_bar import LessonsButton, draw_top_bar
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import (
    Binding,
    Button,
    Checkbox,
    Dropdown,
    Slider,
    Thumbnail,
    Widget,
    draw_wrapped,
    event_pos,
    is_click,
)
from playground_game.ui.widgets.drawing import draw_locked
from playground_game.ui.widgets.pager import Pager


class Scene:
    """The widgets of the top bar, data panel and output panel, and how they are drawn."""

    def __init__(self, host: Commands, get_playground: Callable[[], Playground]) -> None:
        self.host = host
        self._get_playground = get_playground
        self.theme: Theme | None = None
        self.layout: Layout | None = None
        self.widgets: dict[str, Widget] = {}
        self.chart_hover: int | None = None  # x of the pointer over the loss chart
        self._build()
        self.output = OutputRenderer()
        self.paint = PaintTool(host, get_playground)  # over the output map
        self.layer_view = LayerView(host, get_playground, self.paint)  # a layer in the map

    # -- construction --------------------------------------------------------------------

    def _settings(self) -> Settings:
        return self._get_playground().settings

    def _binding(self, spec: ControlSpec) -> Binding:
        if spec.app_state:
            return Binding(lambda: getattr(self.host, spec.field),
                           lambda v: getattr(self.host, f"set_{spec.field}")(v))
        return Binding(lambda: getattr(self._settings(), spec.field),
                       lambda v: self.host.dispatch(Change({spec.field: v})))

    def _shown_value(self, spec: ControlSpec) -> Callable[[object], str]:
        """How a dropdown shows its value: the activation reads "Per layer" while the hidden
        layers have activations of their own (it would still set them all)."""
        if spec.field != "activation":
            return spec.format
        return lambda value: ("Per layer" if self._settings().layer_activations
                              else spec.format(value))

    def _build(self) -> None:
        host = self.host
        add = self._add
        add(Button("reset", host.reset, icon=lambda: "reset", caption=lambda: "Reset",
                   style="round", hide_key=BUTTON_HIDE_KEYS["reset"]))
        add(Button("play", host.toggle_play, icon=lambda: "pause" if host.playing else "play",
                   caption=lambda: "Pause" if host.playing else "Play", style="primary",
                   hide_key=BUTTON_HIDE_KEYS["play"]))
        add(Button("step", host.step, icon=lambda: "step", caption=lambda: "Step",
                   style="round", hide_key=BUTTON_HIDE_KEYS["step"]))
        add(Button("help", host.toggle_help, label="?", style="round"))
        add(LessonsButton(host.open_levels))
        add(Button("regenerate", host.regenerate, label="Regenerate",
                   hide_key=BUTTON_HIDE_KEYS["regenerate"]))
        add(Button("share", host.share, label="Share"))
        add(Button("open_code", host.open_code_dialog, label="Open"))
        add(Button("customize", host.open_customize, label="Customize",
                   hide_key=BUTTON_HIDE_KEYS["customize"]))
        add(Button("lab", host.open_lab, label="Training lab", hide_key=LAB_BUTTON))
        add(Button("formula", host.open_formula, label=FORMULA_BUTTON))
        for spec in CONTROLS:
            binding = self._binding(spec)
            if spec.kind == "dropdown":
                add(Dropdown(spec.name, spec.caption, spec.values, spec.format, binding,
                             spec.hide_key, format_shown=self._shown_value(spec)))
            elif spec.name == CLASSES:
                add(classes_slider(spec, binding, self._settings, host.refuse))
            elif spec.kind == "slider":
                add(Slider(spec.name, spec.caption, *spec.range, spec.step, spec.format, binding,
                           spec.hide_key))
            else:
                add(Checkbox(spec.name, spec.caption, binding, spec.hide_key))
        for d in DATASETS:
            field_name = "dataset" if d.problem == CLASSIFICATION else "reg_dataset"
            add(Thumbnail(
                f"dataset:{d.key}", d.label,
                lambda d=d: d.thumbnail_for(self._settings().num_classes),
                d.problem == REGRESSION,
                is_selected=lambda key=d.key: (self._settings().current_dataset == key
                                               and not self._settings().own_points),
                on_select=lambda key=d.key, f=field_name: self.host.dispatch(Change({f: key})),
                hide_key="dataset"))
        self.pages = ThumbnailPages(self._settings)
        add(Pager(PAGER, lambda: self.pages.pages(self.layout), lambda: self.pages.page,
                  self._turn_page, hide_key="dataset"))

    def _add(self, widget: Widget) -> None:
        self.widgets[widget.name] = widget

    # -- layout --------------------------------------------------------------------------

    def set_layout(self, layout: Layout, theme: Theme) -> None:
        """Place every widget from the layout's slots."""
        self.layout = layout
        self.theme = theme
        bounds = pygame.Rect((0, 0), layout.size)
        for name, widget in self.widgets.items():
            # No slot: hidden, or no room (thumbnails are placed below).
            widget.rect = layout.slots[name].copy() if name in layout.slots else pygame.Rect(0, 0,
                                                                                          0, 0)
            if isinstance(widget, Dropdown):
                widget.bounds = bounds
                widget.set_open(False)
            if isinstance(widget, Slider):
                widget.set_theme(theme)
        self.sync()
        self.paint.place(layout.slots["heatmap"], theme)

    def _thumbnails(self) -> list[Thumbnail]:
        return [w for w in self.widgets.values() if isinstance(w, Thumbnail)]

    def _place_thumbnails(self) -> None:
        self.pages.follow(self.layout)
        self.pages.place(self.layout, self._thumbnails())

    def _turn_page(self, page: int) -> None:
        self.pages.turn_to(page)
        self.sync()

    def sync(self) -> None:
        """Visibility from the settings: hidden components are not shown and take no input;
        the thumbnails of the page on show (the dataset's own when it has changed)."""
        self._place_thumbnails()
        settings = self._settings()
        hidden = settings.hidden
        presenting = self.host.presenting
        for widget in self.widgets.values():
            shown = widget.hide_key is None or widget.hide_key not in hidden
            if presenting and (isinstance(widget, Slider) or widget.name == "regenerate"):
                shown = False  # presentation mode: only the dataset thumbnails stay
            if ((widget.name in CODE_BUTTONS or isinstance(widget, Dropdown))
                    and (self.layout is None or widget.name not in self.layout.slots)):
                shown = False  # no room for it in this layout (presenting, a short window)
            if isinstance(widget, Thumbnail):
                key = widget.name.split(":", 1)[1]
                shown = shown and self.pages.on_page(self.layout, key)
            if widget.name in (PAGER, CLASSES):  # only where the layout gives it a place
                shown = shown and self.layout is not None and widget.name in self.layout.slots
            if widget.name == PAGER:
                shown = shown and self.pages.pages(self.layout) > 1
            widget.visible = shown
        self.paint.visible = PAINT_LOCK not in hidden and self.layer_view.shown() is None
        if self.theme is not None and self.layout is not None:
            self.paint.place(self.layout.slots["heatmap"], self.theme)  # classes may change

    def open_dropdown(self) -> Dropdown | None:
        for widget in self.widgets.values():
            if isinstance(widget, Dropdown) and widget.open:
                return widget
        return None

    def close_menus(self) -> bool:
        dropdown = self.open_dropdown()
        if dropdown is None:
            return False
        dropdown.set_open(False)
        return True

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A widget's rect by name, or an open dropdown's option as "name=value"."""
        if "=" in name:
            base, _, text = name.partition("=")
            widget = self.widgets.get(base)
            if isinstance(widget, Dropdown):
                for value in widget.values:
                    if str(value) == text or widget.format_value(value) == text:
                        return widget.option_rect(value)
            return None
        widget = self.widgets.get(name)
        if widget is None or not widget.visible:
            return None
        return widget.rect

    # -- events --------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Give the event to the open dropdown first, then to every widget; True if consumed."""
        self.sync()
        dropdown = self.open_dropdown()
        if dropdown is not None:
            for widget in self.widgets.values():
                if widget is not dropdown:
                    widget.track_hover(event)
            other = self._other_dropdown(dropdown, event)
            if other is not None:  # a click on another dropdown opens it at once
                dropdown.set_open(False)
                if not self._refuse_locked(event):
                    other.set_open(True)
                return True
            return dropdown.handle_event(event)
        if self._refuse_locked(event):
            return True
        if self.paint.handle_event(event):
            return True
        consumed = False
        motion = event.type == pygame.MOUSEMOTION
        if motion:
            self._track_chart(event)
        for widget in self.widgets.values():
            if consumed and not motion:
                widget.track_hover(event)  # every widget keeps its hover state right
                continue
            if widget.handle_event(event):
                consumed = True
        return consumed

    def _other_dropdown(self, dropdown: Dropdown, event: pygame.event.Event) -> Dropdown | None:
        """The closed dropdown a click lands on while `dropdown`'s list is open (not its list)."""
        if not is_click(event):
            return None
        pos = event_pos(event)
        if dropdown.option_at(pos) is not None:
            return None
        return next((w for w in self.widgets.values() if isinstance(w, Dropdown)
                     and w is not dropdown and w.hit(pos)), None)

    def _track_chart(self, event: pygame.event.Event) -> None:
        """Remember the x of the pointer over the loss chart (its hover card shows that
        epoch's losses and metrics), None elsewhere."""
        chart = self.layout.slots.get("chart") if self.layout is not None else None
        pos = event_pos(event)
        inside = chart is not None and pos is not None and chart.collidepoint(pos)
        self.chart_hover = pos[0] if inside and pos is not None else None

    def locked(self) -> frozenset[str]:
        """Controls a lesson fixes: shown, but a click only says they are fixed."""
        return self.host.locked_controls

    def _refuse_locked(self, event: pygame.event.Event) -> bool:
        locked = self.locked()
        if not locked or event.type not in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL):
            return False
        pos = event_pos(event)
        for widget in self.widgets.values():
            if widget.hide_key in locked and (widget.hit(pos) or (
                    event.type == pygame.MOUSEWHEEL and widget.visible and widget.hovered)):
                if event.type == pygame.MOUSEBUTTONDOWN:
                    self.host.check_unlocked(widget.hide_key)  # shows the session's refusal
                return True
        return False

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, playground: Playground,
             hovered_map: np.ndarray | None) -> None:
        """Top bar, data panel and output panel (not the open dropdown list: draw_overlays)."""
        assert self.theme is not None and self.layout is not None
        self.sync()
        theme, layout = self.theme, self.layout
        draw_top_bar(surface, playground, theme, layout, self.widgets)
        draw_data_panel(surface, playground, theme, layout, self.widgets)
        self.output.draw(surface, playground, theme, layout, hovered_map, self.widgets,
                         self.chart_hover, self.layer_view)
        self.paint.draw(surface, theme)
        draw_locked(surface, theme, self.widgets.values(), self.locked())
        if not playground.settings.hide_text and "callouts" in layout.slots:
            draw_wrapped(surface, theme, layout.slots["callouts"], CALLOUTS, "caption",
                        th.TEXT_MUTED)

    def draw_overlays(self, surface: pygame.Surface) -> None:
        assert self.theme is not None
        dropdown = self.open_dropdown()
        if dropdown is not None:
            dropdown.draw_list(surface, self.theme)
