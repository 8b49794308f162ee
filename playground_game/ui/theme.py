"""Colours, fonts and sizes in one place; one scale factor derived from the window size.

Widgets never hold literal colours or pixel sizes: they ask the theme, so presenter mode and
resizing change one number (`Theme.scale`) and everything follows. Text sizes are named by role
(`TEXT_SIZES`). On screens of 1080p and more, no text is rendered shorter than 1/45 of the screen
height (`READABLE_FRACTION`), so it reads from the back row of a lecture hall; a presenting theme
(`presenting=True`) also lets the network's units grow (`network_zoom`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from playground_game.resources import asset_path

# The original's palette (REFERENCE §5).
BACKGROUND = (0xF7, 0xF7, 0xF7)
HEADER = (0x18, 0x3D, 0x4E)
HEADER_TEXT = (0xFF, 0xFF, 0xFF)
HEADER_MUTED = (0xA9, 0xC1, 0xCC)
HEADER_HOVER = (0x24, 0x55, 0x6B)
ORANGE = (0xF5, 0x93, 0x22)  # -1
NEUTRAL = (0xE8, 0xEA, 0xEB)  # 0
BLUE = (0x08, 0x77, 0xBD)  # +1
# Classes 2 to 5 (heatmap.CLASS_COLOURS): from Okabe and Ito's colour-blind-safe palette.
GREEN = (0x00, 0x9E, 0x73)
PURPLE = (0xCC, 0x79, 0xA7)
YELLOW = (0xF0, 0xE4, 0x42)
DARK_GREY = (0x4D, 0x4D, 0x4D)  # Okabe and Ito's black, lightened: vermillion read as orange
NAN_GREY = (0x9E, 0x9E, 0x9E)
TEXT = (0x33, 0x33, 0x33)
TEXT_MUTED = (0x77, 0x77, 0x77)
PANEL = (0xFF, 0xFF, 0xFF)
BORDER = (0xCC, 0xCC, 0xCC)
HOVER = (0xEE, 0xF4, 0xF8)
ACCENT = (0x18, 0x3D, 0x4E)
TRAIN_LINE = (0x77, 0x77, 0x77)
TEST_LINE = (0x00, 0x00, 0x00)
ERROR = (0xC6, 0x28, 0x28)
TOAST = (0x32, 0x32, 0x32)
SELECTION = (0xD6, 0xE6, 0xF2)  # behind selected text in a field
HEATMAP_ALPHA = 160

BASE_HEIGHT = 720  # sizes below are in pixels at a 1280 x 720 window
BASE_WIDTH = 1280
MIN_SCALE = 0.75
MIN_FONT_PX = 11  # below this Roboto gets hard to read, whatever the window
# From 1080p up (judged by the 16:9 height that fits the window), every rendered line of text is
# at least this fraction of that height: 24 px at 1080p, 48 px at 2160p.
READABLE_FROM = 1080
READABLE_FRACTION = 1 / 45
PRESENTING_NETWORK_ZOOM = 1.5  # how much larger units may grow in presentation mode
# Presenting, for the back row: every rendered line at least this fraction of the height, at
# any size (36 px at 1080p, 20 px at 600).
PRESENTING_FRACTION = 1 / 30

# Text sizes by role, in pixels at 720p.
TEXT_SIZES: dict[str, float] = {
    "caption": 12,  # small labels above values, axis ticks, callouts
    "body": 13,  # checkbox labels, slider captions, dropdown options
    "value": 15,  # dropdown values, losses
    "title": 14,  # panel titles (DATA, OUTPUT)
    "counter": 24,  # the epoch counter
    "heading": 28,  # loading screen and help overlay titles
}

_TEXT_CACHE_LIMIT = 512


@dataclass
class Theme:
    """Sizes and fonts for one window size. Make a new one when the window is resized."""

    width: int
    height: int
    presenting: bool = False
    scale: float = field(init=False)
    min_text_height: int = field(init=False)
    _min_font_px: int = field(init=False, repr=False)
    _fonts: dict[tuple[int, str], pygame.font.Font] = field(default_factory=dict, repr=False)
    _texts: dict[tuple, pygame.Surface] = field(default_factory=dict, repr=False)
    _wraps: dict[tuple, list[str]] = field(default_factory=dict, repr=False)
    _veils: dict[tuple, pygame.Surface] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # The smaller of the two ratios: a design made for 1280 x 720 always fits, and grows with
        # the window's height on wide screens.
        self.scale = max(MIN_SCALE, min(self.height / BASE_HEIGHT, self.width / BASE_WIDTH))
        self.min_text_height = readable_text_height(self.width, self.height)
        if self.presenting:
            self.min_text_height = max(self.min_text_height,
                                       math.ceil(self.height * PRESENTING_FRACTION - 1e-9))
        self._min_font_px = MIN_FONT_PX
        if self.min_text_height:
            # The smallest font size whose rendered line is tall enough (about 0.84 of it).
            pixels = max(MIN_FONT_PX, int(self.min_text_height * 0.8))
            while self._load(pixels, "Regular").get_height() < self.min_text_height:
                pixels += 1
            self._min_font_px = pixels

    @property
    def network_zoom(self) -> float:
        """How much larger than the design the network's units may grow (presentation mode)."""
        return PRESENTING_NETWORK_ZOOM if self.presenting else 1.0

    def px(self, value: float) -> int:
        """A size given at 720p, scaled to this window (at least 1 pixel)."""
        return max(1, round(value * self.scale))

    def font(self, size: float, bold: bool = False, weight: str | None = None) -> pygame.font.Font:
        """A font of `size` pixels at 720p, scaled; cached. weight: Regular, Medium or Bold."""
        pixels = max(self._min_font_px, self.px(size))
        return self._load(pixels, weight or ("Bold" if bold else "Regular"))

    def pixel_font(self, pixels: int, weight: str = "Regular") -> pygame.font.Font:
        """A font of exactly `pixels` (not scaled: for sizes derived from the window itself)."""
        return self._load(pixels, weight)

    def _load(self, pixels: int, name: str) -> pygame.font.Font:
        key = (pixels, name)
        font = self._fonts.get(key)
        if font is None:
            path = asset_path("fonts", f"Roboto-{name}.ttf")
            font = pygame.font.Font(str(path) if path.is_file() else None, pixels)
            self._fonts[key] = font
        return font

    def role_font(self, role: str, weight: str | None = None) -> pygame.font.Font:
        """The font for a text role of TEXT_SIZES."""
        return self.font(TEXT_SIZES[role], weight=weight)

    def text(self, text: str, role: str, colour: tuple[int, int, int] = TEXT,
             weight: str | None = None) -> pygame.Surface:
        """Rendered text, cached: most labels are the same every frame, rendering is not free."""
        key = (text, role, colour, weight)
        surface = self._texts.get(key)
        if surface is None:
            if len(self._texts) > _TEXT_CACHE_LIMIT:
                self._texts.clear()
            surface = self.role_font(role, weight).render(text, True, colour)
            self._texts[key] = surface
        return surface

    def text_size(self, text: str, role: str, weight: str | None = None) -> tuple[int, int]:
        return self.role_font(role, weight).size(text)

    def line_height(self, role: str) -> int:
        return self.role_font(role).get_linesize()

    def veil(self, size: tuple[int, int], rgba: tuple[int, int, int, int]) -> pygame.Surface:
        """A translucent surface of `size` filled with `rgba` (dims what lies under it); cached."""
        key = (tuple(size), rgba)
        surface = self._veils.get(key)
        if surface is None:
            if len(self._veils) > _TEXT_CACHE_LIMIT:
                self._veils.clear()
            surface = pygame.Surface(size, pygame.SRCALPHA)
            surface.fill(rgba)
            self._veils[key] = surface
        return surface

    def wrap(self, text: str, role: str, width: int, weight: str | None = None) -> list[str]:
        """Split text into lines no wider than `width` pixels (a word wider than a line is cut:
        wrap_words); cached."""
        key = ("wrap", text, role, width, weight)
        cached = self._wraps.get(key)
        if cached is not None:
            return cached
        font = self.role_font(role, weight)
        lines = [line for paragraph in text.split("\n")
                 for line in wrap_words(font, paragraph, width)]
        if len(self._wraps) > _TEXT_CACHE_LIMIT:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines

    def elide(self, text: str, role: str, width: int, weight: str | None = None,
              keep: int = 1) -> str:
        """The text, or its start (at least `keep` characters) and an ellipsis, in `width`
        pixels; cached (labels are fitted again every frame)."""
        key = ("elide", text, role, width, weight, keep)
        cached = self._wraps.get(key)
        if cached is not None:
            return cached[0]
        fitted = text
        if self.text_size(text, role, weight)[0] > width:
            while len(fitted) > keep and self.text_size(fitted + "\u2026", role,
                                                         weight)[0] > width:
                fitted = fitted[:-1]
            fitted += "\u2026"
        if len(self._wraps) > _TEXT_CACHE_LIMIT:
            self._wraps.clear()
        self._wraps[key] = [fitted]
        return fitted


def readable_text_height(width: int, height: int) -> int:
    """The smallest rendered text height allowed in a `width` x `height` window, 0 for no floor.

    Judged by the 16:9 height that fits the window, so a tall narrow window is not asked for text
    its width cannot hold.
    """
    reference = min(height, width * 9 / 16)
    if reference < READABLE_FROM - 0.5:
        return 0
    return math.ceil(reference * READABLE_FRACTION - 1e-9)


def wrap_words(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """One paragraph's words into lines no wider than `width` in `font`; a word wider than
    a line (a file's path) is cut into pieces that fit, after a slash where one falls."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if font.size(candidate)[0] <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _pieces(font, word, width) if font.size(word)[0] > width else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    lines.append(line)
    return lines


def _pieces(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """`word` cut into pieces no wider than `width` (at least a character each), each cut
    after the piece's last slash when it has one."""
    pieces: list[str] = []
    piece = ""
    for char in word:
        if piece and font.size(piece + char)[0] > width:
            cut = piece.rfind("/") + 1
            if 0 < cut < len(piece):
                pieces.append(piece[:cut])
                piece = piece[cut:]
            else:
                pieces.append(piece)
                piece = ""
        piece += char
    pieces.append(piece)
    return pieces
