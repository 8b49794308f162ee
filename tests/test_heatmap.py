"""The heatmap colour table: d3 quantize bins, clamping, NaN grey, discretize, painting."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from playground_game.ui import heatmap
from playground_game.ui import theme as palette


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


def d3_quantize(value: float) -> int:
    """d3.scale.quantize over [-1, 1] with 31 colours, written out independently."""
    k = int(np.floor((value - -1.0) / 2.0 * 31))
    return min(30, max(0, k))


def test_31_bins_like_d3_quantize():
    centres = -1.0 + (np.arange(31) + 0.5) * 2.0 / 31
    assert heatmap.colour_indices(centres).tolist() == list(range(31))
    rng = np.random.default_rng(7)
    values = rng.uniform(-1.0, 1.0, 5000)
    edges = -1.0 + np.arange(32) * 2.0 / 31
    # away from the bin edges (float32 rounding may move a value sitting on an edge)
    values = values[np.min(np.abs(values[:, None] - edges[None, :]), axis=1) > 1e-5]
    expected = [d3_quantize(v) for v in values]
    assert heatmap.colour_indices(values).tolist() == expected


def test_values_outside_clamp_and_nan_is_grey():
    values = np.array([-50.0, -1.0, 1.0, 7.0, np.inf, -np.inf, np.nan])
    assert heatmap.colour_indices(values).tolist() == [0, 0, 30, 30, 30, 0, heatmap.NAN_INDEX]
    rgb = heatmap.to_rgb(np.array([np.nan]))
    assert tuple(rgb[0]) == tuple(heatmap.PALETTE[heatmap.NAN_INDEX])
    assert heatmap.ramp_colour(float("nan")) == palette.NAN_GREY


def test_discretize_maps_to_the_end_colours():
    values = np.array([-0.9, -1e-9, 0.0, 1e-9, 0.3, np.nan])
    assert heatmap.colour_indices(values, discretize=True).tolist() == [0, 0, 30, 30, 30, 31]


def test_palette_ends_and_middle_follow_the_ramp():
    opaque = heatmap.build_palette(alpha=255)
    assert tuple(opaque[0]) == palette.ORANGE
    assert tuple(opaque[15]) == palette.NEUTRAL
    assert tuple(opaque[30]) == palette.BLUE
    assert tuple(opaque[31]) == palette.NAN_GREY
    blended = heatmap.build_palette()  # alpha 160 over the page
    assert all(min(a, b) <= c <= max(a, b)
               for a, b, c in zip(palette.BLUE, palette.BACKGROUND, blended[30], strict=True))


def test_vectorised_ramp_matches_ramp_colour():
    values = np.concatenate([np.linspace(-1.5, 1.5, 301), [np.nan, 0.234, -0.1]])
    expected = [heatmap.ramp_colour(float(v)) for v in values]
    assert [tuple(c) for c in heatmap.ramp_colours(values).tolist()] == expected


@pytest.mark.parametrize("indexed", [False, True])
def test_paint_keeps_row_zero_at_the_top(indexed: bool):
    surface = pygame.Surface((3, 2), 0, 32)
    values = np.array([[1.0, 1.0, 1.0], [-1.0, -1.0, np.nan]])
    heatmap.paint(surface, values, indexed=heatmap.indexed_surface((3, 2)) if indexed else None)
    assert surface.get_at((0, 0))[:3] == tuple(heatmap.PALETTE[30])
    assert surface.get_at((0, 1))[:3] == tuple(heatmap.PALETTE[0])
    assert surface.get_at((2, 1))[:3] == tuple(heatmap.PALETTE[heatmap.NAN_INDEX])


def test_thumbnail_stack_is_sharp_and_oriented():
    grid = 100
    xs = np.linspace(-1.0, 1.0, grid, dtype=np.float32)
    maps = np.stack([np.tile(xs, (grid, 1)), np.tile(xs[::-1, None], (1, grid))])  # x, y up
    stack = heatmap.ThumbnailStack(4, grid, 30, heatmap.PALETTE[None])
    stack.paint(maps)
    x_thumb, y_thumb = stack.surfaces[0], stack.surfaces[1]
    assert x_thumb.get_size() == (30, 30)
    assert x_thumb.get_at((0, 15))[:3] == tuple(heatmap.PALETTE[0])  # orange on the left
    assert x_thumb.get_at((29, 15))[:3] == tuple(heatmap.PALETTE[30])  # blue on the right
    assert y_thumb.get_at((15, 0))[:3] == tuple(heatmap.PALETTE[30])  # blue on top
    assert y_thumb.get_at((15, 29))[:3] == tuple(heatmap.PALETTE[0])
    # nearest-neighbour scaling: every pixel is a palette colour, no blends
    colours = {tuple(c) for c in heatmap.PALETTE.tolist()}
    pixels = pygame.surfarray.array3d(x_thumb).reshape(-1, 3)
    assert {tuple(p) for p in pixels.tolist()} <= colours


def test_thumbnail_stack_palettes_per_map_and_discretize():
    maps = np.full((2, 100, 100), 0.2, dtype=np.float32)
    faded = heatmap.build_palette(alpha=64)
    stack = heatmap.ThumbnailStack(2, 100, 10, np.stack([heatmap.PALETTE, faded]))
    stack.paint(maps, discretize=True, palette_of=np.array([0, 1]))
    assert stack.surfaces[0].get_at((5, 5))[:3] == tuple(heatmap.PALETTE[30])
    assert stack.surfaces[1].get_at((5, 5))[:3] == tuple(faded[30])
    with pytest.raises(ValueError):
        stack.paint(np.zeros((3, 100, 100), dtype=np.float32))


def test_point_colour_by_class_index() -> None:
    """Classification labels are class indices: class 0 is the original's -1 (orange), class 1
    its +1 (blue); a regression label is coloured on the ramp."""
    assert heatmap.point_colour(0.0, regression=False) == palette.ORANGE
    assert heatmap.point_colour(1.0, regression=False) == palette.BLUE
    assert heatmap.point_colour(-1.0, regression=True) == palette.ORANGE
    assert heatmap.point_colour(1.0, regression=True) == palette.BLUE


def test_class_map_takes_the_most_probable_class_and_shows_how_sure() -> None:
    from playground_game.ui.heatmap import CLASS_LEVELS, CLASS_NAN_INDEX, class_indices

    p = np.array([[0.9, 1 / 3, 0.1, 0.5],  # three classes' probabilities at four points
                  [0.05, 1 / 3, 0.1, 0.5],
                  [0.05, 1 / 3, 0.8, np.nan]], dtype=np.float32)
    idx = class_indices(2 * p - 1)  # as the grid shows them
    assert idx[0] // CLASS_LEVELS == 0 and idx[2] // CLASS_LEVELS == 2
    assert idx[0] % CLASS_LEVELS == int((0.9 - 1 / 3) * 1.5 * CLASS_LEVELS)  # sure: deep
    assert idx[1] % CLASS_LEVELS == 0  # a guess: the palest step
    assert idx[3] == CLASS_NAN_INDEX
    sharp = class_indices(2 * p - 1, discretize=True)
    assert (sharp[:3] % CLASS_LEVELS == CLASS_LEVELS - 1).all()
