"""The widgets, one a file: button, dropdown, slider, checkbox, thumbnail, text fields, tooltip.

Importing the package gives the common names: `from playground_game.ui.widgets import Button`.
"""

from playground_game.ui.widgets.base import LEFT, Binding, Widget, event_pos, is_click
from playground_game.ui.widgets.button import Button
from playground_game.ui.widgets.checkbox import Checkbox
from playground_game.ui.widgets.drawing import draw_icon, draw_text_button, draw_wrapped
from playground_game.ui.widgets.dropdown import Dropdown
from playground_game.ui.widgets.slider import Slider
from playground_game.ui.widgets.thumbnail import Thumbnail

__all__ = [
    "LEFT", "Binding", "Button", "Checkbox", "Dropdown", "Slider", "Thumbnail", "Widget",
    "draw_icon", "draw_text_button", "draw_wrapped", "event_pos", "is_click",
]
