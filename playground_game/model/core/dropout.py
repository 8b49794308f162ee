"""Dropout for the hidden layers: the masks and how they scale a unit's outputs and gradients.

While training with a dropout rate p > 0, each hidden unit's output for each sample is kept with
probability 1 - p and scaled by 1 / (1 - p), or dropped (0) ("inverted" dropout); the backward
pass lets gradients through the kept units only, with the same scale. Losses, predictions and
heatmaps always use the whole network (the kernels pass a rate of 0 there).

The masks come from a stream of their own: splitmix64 over a 64-bit state (`State.drop_rng`,
seeded from the experiment's seed when the network is built), in the order the forward pass
meets them (for each chunk of samples, each hidden layer, each unit). A unit's row of samples
takes one 64-bit draw per four samples: sample s reads the 16 bits from bit 16 (s % 4) of draw
s // 4 as a uniform number in [0, 1) in steps of 2**-16 (keeping a unit with probability
1 - p to within 2**-16, and a quarter of the drawing work). The data and weights stream is
never touched, so a code without dropout trains bit for bit as the web playground does.
"""

from __future__ import annotations

import math
import zlib

import numpy as np
from numba import njit

# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINE = {"inline": "always", "error_model": "numpy"}
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_PER_DRAW = 4  # masks per 64-bit draw


def stream_seed(seed: str) -> int:
    """The mask stream's first state for an experiment seed (a code's `seed`)."""
    return zlib.crc32(seed.encode("utf-8")) * 0x100000001 + 0x5DEECE66D


@njit(**_INLINE)  # inlined: only kernels compiled with dropout's path (kernels.DROP) hold it
def drop_row(rng, rate, keep, out, raw, unit, count, width):
    """Draw the unit's masks for `count` samples into keep (0 or 1 / (1 - rate)), keep its
    outputs as computed in raw (for its derivative) and scale out by the mask.

    The stream's k-th draw after state x is splitmix64's mix of x + k * golden, so the row's
    draws are computed from its first state, which then moves on by the draws taken."""
    scale = 1.0 / (1.0 - rate)
    cut = np.uint64(math.ceil(rate * 65536.0))  # bits / 2**16 >= rate exactly when bits >= cut
    base = rng[0]
    words = (count + _PER_DRAW - 1) // _PER_DRAW
    for word in range(words):
        z = base + np.uint64(word + 1) * _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        z = z ^ (z >> np.uint64(31))
        first = word * _PER_DRAW
        for lane in range(min(_PER_DRAW, count - first)):
            bits = (z >> np.uint64(16 * lane)) & np.uint64(0xFFFF)
            keep[unit, first + lane] = scale if bits >= cut else 0.0
    rng[0] = base + np.uint64(words) * _GOLDEN
    for s in range(width):
        raw[unit, s] = out[unit, s]
        out[unit, s] = out[unit, s] * keep[unit, s]


@njit(**_INLINE)
def gate_row(keep, der, unit, width):
    """A hidden unit's output derivative through its mask: der *= keep."""
    for s in range(width):
        der[unit, s] = der[unit, s] * keep[unit, s]
