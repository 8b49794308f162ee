"""Dropout for the hidden layers: the masks and how they scale a unit's outputs and gradients.

While training with a dropout rate p > 0, each hidden unit's output for each sample is kept with
probability 1 - p and scaled by 1 / (1 - p), or dropped (0) ("inverted" dropout); the backward
pass lets gradients through the kept units only, with the same scale. Losses, predictions and
heatmaps always use the whole network (the kernels pass a rate of 0 there).

The masks come from a stream of their own: splitmix64 over a 64-bit state (`State.drop_rng`,
seeded from the experiment's seed when the network is built), one draw per hidden unit per
sample, in the order the forward pass meets them (for each chunk of samples, each hidden layer,
each unit, each sample). The data and weights stream is never touched, so a code without dropout
trains bit for bit as the web playground does.
"""

from __future__ import annotations

import zlib

import numpy as np
from numba import njit

_INLINE = {"inline": "always", "cache": True, "error_model": "numpy"}
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2**-53


def stream_seed(seed: str) -> int:
    """The mask stream's first state for an experiment seed (a code's `seed`)."""
    return zlib.crc32(seed.encode("utf-8")) * 0x100000001 + 0x5DEECE66D


@njit(**_INLINE)
def next_uniform(rng):
    """The next number in [0, 1) of the mask stream (splitmix64), advancing rng[0]."""
    z = rng[0] + _GOLDEN
    rng[0] = z
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    z = z ^ (z >> np.uint64(31))
    return float(z >> np.uint64(11)) * _TO_UNIT


@njit(cache=True, error_model="numpy")  # called, not inlined: a cold start compiles it once
def drop_row(rng, rate, keep, out, raw, unit, count, width):
    """Draw the unit's masks for `count` samples into keep (0 or 1 / (1 - rate)), keep its
    outputs as computed in raw (for its derivative) and scale out by the mask."""
    scale = 1.0 / (1.0 - rate)
    for s in range(count):
        keep[unit, s] = scale if next_uniform(rng) >= rate else 0.0
    for s in range(width):
        raw[unit, s] = out[unit, s]
        out[unit, s] = out[unit, s] * keep[unit, s]


@njit(cache=True, error_model="numpy")
def gate_row(keep, der, unit, width):
    """A hidden unit's output derivative through its mask: der *= keep."""
    for s in range(width):
        der[unit, s] = der[unit, s] * keep[unit, s]
