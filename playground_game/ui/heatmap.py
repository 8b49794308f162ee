"""Values in [-1, 1] to heatmap colours: the original's 31-colour ramp, by numpy indexing.

The ramp runs orange (-1) through light grey (0) to blue (+1); values are quantised into 31 bins
like d3's quantize scale, values outside clamp, NaN is grey. Colours are pre-blended at the
original's alpha (160/255) over what lies under the map, so painting is one table look-up per
pixel into a preallocated surface (pygame.surfarray), with no per-pixel blending.

`point_colour` and `point_pixel` place data points on a map the same way everywhere.

`ThumbnailStack` writes a whole stack of maps (every unit of the network) as colour indices
into one 8-bit atlas whose palette is the colour table, lets SDL turn it into colours with one
blit, and scale each map into its own preallocated thumbnail surface.
"""

from __future__ import annotations

import numpy as np
import pygame

from playground_game.ui import theme

NUM_COLOURS = 31
NAN_INDEX = NUM_COLOURS  # the extra last entry of the table
PALETTE_SIZE = NUM_COLOURS + 1
_HALF_BINS = NUM_COLOURS / 2.0  # d3 quantize over [-1, 1]: bin = floor((v + 1) * 31 / 2)


def _lerp_rgb(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, ...]:
    """d3 v3's interpolateRgb: each channel rounded."""
    return tuple(int(np.floor(ca + (cb - ca) * t + 0.5)) for ca, cb in zip(a, b, strict=True))


# By class index: the original's orange and blue first, then Okabe and Ito's colours for colour-
# blind viewers (bluish green, reddish purple, yellow, and their black as a dark grey; their
# vermillion was told from the orange by no one), which stay apart under the common
# colour-vision deficiencies and from the first two.
CLASS_COLOURS: tuple[tuple[int, int, int], ...] = (
    theme.ORANGE, theme.BLUE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.DARK_GREY)


def ramp_colour(value: float) -> tuple[int, int, int]:
    """The continuous ramp at `value` (clamped to [-1, 1]), for links and bias squares."""
    if value != value:  # NaN
        return theme.NAN_GREY
    v = min(1.0, max(-1.0, float(value)))
    if v < 0:
        return _lerp_rgb(theme.ORANGE, theme.NEUTRAL, v + 1.0)  # type: ignore[return-value]
    return _lerp_rgb(theme.NEUTRAL, theme.BLUE, v)  # type: ignore[return-value]


def point_colour(label: float, regression: bool) -> tuple[int, int, int]:
    """A data point's fill: the ramp at its label (regression), else its class's colour
    (class 0 orange, the original's -1; class 1 blue, its +1)."""
    if regression:
        return ramp_colour(label)
    return CLASS_COLOURS[int(label)]


def point_pixel(x: float, y: float, width: int, height: int) -> tuple[int, int]:
    """Where a point of the [-6, 6] square falls on a map of `width` x `height` (y up)."""
    return (round((x + 6) / 12 * (width - 1)), round((6 - y) / 12 * (height - 1)))


def ramp_colours(values: np.ndarray) -> np.ndarray:
    """`ramp_colour` for an array of values at once: (..., 3) uint8, the same numbers exactly.

    Links are coloured every frame while training; one vectorised call beats 400 Python calls.
    """
    v = np.asarray(values, dtype=np.float64)
    clamped = np.clip(v, -1.0, 1.0)
    negative = (clamped < 0)[..., None]
    orange, neutral, blue = (np.array(c, dtype=np.float64) for c in
                             (theme.ORANGE, theme.NEUTRAL, theme.BLUE))
    start = np.where(negative, orange, neutral)
    end = np.where(negative, neutral, blue)
    t = np.where(negative[..., 0], clamped + 1.0, clamped)[..., None]
    rgb = np.floor(start + (end - start) * t + 0.5)
    rgb = np.where(np.isnan(v)[..., None], np.array(theme.NAN_GREY, dtype=np.float64), rgb)
    return rgb.astype(np.uint8)


def _blend(colour: tuple[int, ...], alpha: int, under: tuple[int, int, int]) -> tuple[int, ...]:
    return tuple(round((c * alpha + u * (255 - alpha)) / 255)
                 for c, u in zip(colour, under, strict=True))


def build_palette(alpha: int = theme.HEATMAP_ALPHA,
                  under: tuple[int, int, int] = theme.BACKGROUND) -> np.ndarray:
    """(32, 3) uint8: the 31 ramp colours blended over `under`, then the NaN grey."""
    colours = [ramp_colour(-1.0 + 2.0 * k / (NUM_COLOURS - 1)) for k in range(NUM_COLOURS)]
    colours.append(theme.NAN_GREY)
    return np.array([_blend(c, alpha, under) for c in colours], dtype=np.uint8)


PALETTE = build_palette()

# The class map (more than two classes): each point takes its most probable class's colour, in
# CLASS_LEVELS steps from grey (no more sure than a guess, 1/K) to the full colour (certain).
CLASS_LEVELS = 8


def build_class_palette(alpha: int = theme.HEATMAP_ALPHA,
                        under: tuple[int, int, int] = theme.BACKGROUND) -> np.ndarray:
    """(len(CLASS_COLOURS) * CLASS_LEVELS + 1, 3) uint8: each class's steps from the neutral
    grey to its colour, blended over `under` like the ramp, then the NaN grey."""
    colours = [_lerp_rgb(theme.NEUTRAL, colour, (level + 1) / CLASS_LEVELS)
               for colour in CLASS_COLOURS for level in range(CLASS_LEVELS)]
    colours.append(theme.NAN_GREY)
    return np.array([_blend(c, alpha, under) for c in colours], dtype=np.uint8)


CLASS_PALETTE = build_class_palette()
CLASS_NAN_INDEX = len(CLASS_COLOURS) * CLASS_LEVELS


def class_indices(shown: np.ndarray, discretize: bool = False) -> np.ndarray:
    """Class palette indices (uint8) for the output units' maps `shown` (K, ...), each unit's
    probability p shown as 2 p - 1: the most probable class, and how sure (its probability
    from 1/K up to 1, in CLASS_LEVELS steps; the top step when discretized). NaN anywhere: grey."""
    shown = np.asarray(shown, dtype=np.float32)
    classes = shown.shape[0]
    winner = np.argmax(shown, axis=0)
    top = np.take_along_axis(shown, winner[None], axis=0)[0]
    if discretize:
        level = np.full(top.shape, CLASS_LEVELS - 1, dtype=np.int64)
    else:
        p = (top + np.float32(1.0)) * np.float32(0.5)
        sure = (p - np.float32(1.0 / classes)) * np.float32(classes / (classes - 1))
        steps = np.nan_to_num(sure * np.float32(CLASS_LEVELS))  # NaN: painted grey below
        level = np.clip(steps, 0, CLASS_LEVELS - 1).astype(np.int64)
    idx = (winner * CLASS_LEVELS + level).astype(np.uint8)
    idx[np.isnan(shown).any(axis=0)] = CLASS_NAN_INDEX
    return idx


def colour_indices(values: np.ndarray, discretize: bool = False) -> np.ndarray:
    """Bin indices (uint8) for values of any shape: 0..30 by d3's quantize, 31 for NaN.

    Discretize maps v >= 0 to the top bin and v < 0 to the bottom one (NaN stays NaN), which is
    what colouring +1 / -1 gives. A handful of whole-array passes, no Python loop: this runs over
    every unit's map on every epoch.
    """
    v = np.asarray(values, dtype=np.float32)
    if discretize:
        idx = np.where(v >= 0, np.uint8(NUM_COLOURS - 1), np.uint8(0))
        idx[np.isnan(v)] = NAN_INDEX
        return idx
    t = v * np.float32(_HALF_BINS)
    t += np.float32(_HALF_BINS)
    # Clamp to [0, 30.5] (minimum and maximum keep NaN), then fmin turns only NaN into 31.5:
    # three cheap passes where clip + nan_to_num cost several times more.
    np.minimum(t, np.float32(NUM_COLOURS - 0.5), out=t)
    np.maximum(t, np.float32(0.0), out=t)
    np.fmin(t, np.float32(NAN_INDEX + 0.5), out=t)
    return t.astype(np.uint8)  # truncation is floor here: t >= 0


def to_rgb(values: np.ndarray, discretize: bool = False,
           palette: np.ndarray = PALETTE) -> np.ndarray:
    """RGB (..., H, W, 3) uint8 for a stack of maps (..., H, W), row 0 at the top."""
    return palette[colour_indices(values, discretize)]


def indexed_surface(size: tuple[int, int], palette: np.ndarray = PALETTE) -> pygame.Surface:
    """An 8-bit surface whose palette is `palette`: colour indices written into it become
    colours when it is blitted (SDL converts a byte a pixel; numpy's RGB look-up costs more)."""
    surface = pygame.Surface(size, 0, 8)
    surface.set_palette([tuple(int(c) for c in rgb) for rgb in palette])
    return surface


def paint(surface: pygame.Surface, values: np.ndarray, discretize: bool = False,
          palette: np.ndarray = PALETTE, indexed: pygame.Surface | None = None) -> None:
    """Write one (H, W) map (row 0 = top, x to the right) into a surface of size (W, H),
    through `indexed` (an `indexed_surface` of that size and palette) when given."""
    if indexed is None:
        rgb = to_rgb(values, discretize, palette)
        pygame.surfarray.blit_array(surface, rgb.transpose(1, 0, 2))
        return
    pygame.surfarray.blit_array(indexed, colour_indices(values, discretize).T)
    surface.blit(indexed, (0, 0))


class ThumbnailStack:
    """Preallocated surfaces that show a stack of (100, 100) maps as sharp square thumbnails.

    `paint` bins the whole stack into colour indices, writes them with one surfarray call into
    an 8-bit atlas whose palette is the colour table (a byte a pixel: a 32-bit table look-up in
    numpy cost four times as much at 4K), converts it to colours with one SDL blit, then SDL
    scales every map (nearest neighbour, so thumbnails stay sharp) into its own preallocated
    thumbnail surface. Maps are sampled every `step` grid points first when the thumbnail is
    smaller than half the grid: nearest-neighbour scaling would drop those points anyway.

    A stack may mix palettes: `palettes` is a (P, 32, 3) table and `paint` takes a palette number
    per map (the features column shows inactive inputs faded).
    """

    def __init__(self, capacity: int, grid: int, size: int, palettes: np.ndarray) -> None:
        self.capacity = capacity
        self.grid = grid
        self.size = max(1, size)
        self.step = max(1, grid // self.size)
        self.source = -(-grid // self.step)  # ceil: grid points kept per side
        palettes = np.asarray(palettes, dtype=np.uint8).reshape(-1, PALETTE_SIZE, 3)
        if palettes.shape[0] * PALETTE_SIZE > 256:
            raise ValueError(f"{palettes.shape[0]} palettes do not fit an 8-bit atlas")
        self._indices = pygame.Surface((self.source, self.source * capacity), 0, 8)
        self._indices.set_palette([tuple(int(c) for c in rgb)
                                   for rgb in palettes.reshape(-1, 3)])
        self.atlas = pygame.Surface((self.source, self.source * capacity))
        self._sources = [self.atlas.subsurface((0, k * self.source, self.source, self.source))
                         for k in range(capacity)]
        self.surfaces = [pygame.Surface((self.size, self.size)) for _ in range(capacity)]

    def paint(self, maps: np.ndarray, discretize: bool = False,
              palette_of: np.ndarray | None = None) -> None:
        """Fill thumbnails 0..len(maps)-1 from maps (n, grid, grid), row 0 at the top (y up)."""
        n = maps.shape[0]
        if n == 0:
            return
        if n > self.capacity:
            raise ValueError(f"{n} maps do not fit a stack of {self.capacity}")
        sampled = maps[:, :: self.step, :: self.step]
        idx = colour_indices(sampled, discretize)
        if palette_of is not None:
            idx += (np.asarray(palette_of, dtype=np.uint8) * PALETTE_SIZE)[:, None, None]
        height = n * self.source
        # surfarray indexes [x, y]: stack the maps vertically (rows are y, top first), then
        # transpose.
        area = pygame.Rect(0, 0, self.source, height)
        pygame.surfarray.blit_array(self._indices.subsurface(area),
                                    idx.reshape(height, self.source).T)
        self.atlas.blit(self._indices, (0, 0), area)  # the palette turns indices into colours
        size = (self.size, self.size)
        # Larger than the grid (presentation mode, 4K): smooth, never blocky upscaled pixels.
        scale = pygame.transform.smoothscale if self.size > self.source else pygame.transform.scale
        for k in range(n):
            scale(self._sources[k], size, self.surfaces[k])
