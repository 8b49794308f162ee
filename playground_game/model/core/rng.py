"""The original's seeded random stream (seedrandom 2.4's ARC4), bit for bit.

The web playground seeds one global stream from the bookmark's seed string and draws everything from
it in order: the data points, the shuffle, then the initial weights (and, on Regenerate, the next
seed). Reproducing it exactly is what lets a web bookmark open the same points and weights here.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

_WIDTH = 256
_MASK = 255
_START_DENOM = float(2**48)  # 6 bytes of output start each double
_SIGNIFICANCE = float(2**52)
_OVERFLOW = float(2**53)


def seed_key(seed: str) -> list[int]:
    """Mix a seed string into the ARC4 key the way seedrandom's `mixkey` does.

    JavaScript strings are UTF-16, so non-ASCII seeds mix their UTF-16 code units.
    """
    data = seed.encode("utf-16-le", "surrogatepass")
    codes = [data[k] | (data[k + 1] << 8) for k in range(0, len(data), 2)]
    key: list[int] = []
    smear = 0
    for j, code in enumerate(codes):
        slot = j & _MASK
        previous = key[slot] if slot < len(key) else 0
        smear ^= previous * 19
        value = (smear + code) & _MASK
        if slot < len(key):
            key[slot] = value
        else:
            key.append(value)
    return key


class SeededRandom:
    """A seeded stream of doubles in [0, 1), identical to `Math.seedrandom(seed); Math.random()`."""

    def __init__(self, seed: str) -> None:
        self.seed = seed
        key = seed_key(seed) or [0]  # seedrandom keys an empty seed with [0]
        state = list(range(_WIDTH))
        j = 0
        for i in range(_WIDTH):
            t = state[i]
            j = (j + key[i % len(key)] + t) & _MASK
            state[i] = state[j]
            state[j] = t
        self._s = state
        self._i = 0
        self._j = 0
        self._bytes(_WIDTH)  # seedrandom discards the first 256 bytes of the keystream

    def _bytes(self, count: int) -> int:
        """The next `count` keystream bytes as one big-endian integer."""
        s = self._s
        i = self._i
        j = self._j
        r = 0
        for _ in range(count):
            i = (i + 1) & _MASK
            t = s[i]
            j = (j + t) & _MASK
            s[i] = s[j]
            s[j] = t
            r = r * _WIDTH + s[(s[i] + s[j]) & _MASK]
        self._i = i
        self._j = j
        return r

    def random(self) -> float:
        """The next double in [0, 1) with 53 bits of randomness, as seedrandom builds it."""
        n = float(self._bytes(6))
        d = _START_DENOM
        x = 0
        while n < _SIGNIFICANCE:
            n = (n + x) * _WIDTH
            d *= _WIDTH
            x = self._bytes(1)
        while n >= _OVERFLOW:
            n /= 2
            d /= 2
            x >>= 1
        return (n + x) / d

    def uniform(self, a: float, b: float) -> float:
        """A draw from U[a, b), computed as the original does: r * (b - a) + a."""
        return self.random() * (b - a) + a

    def normal(self, mean: float, variance: float, log=math.log) -> float:
        """Marsaglia's polar method in the original's order of draws and operations.

        `log` is injectable so the data generators pass the browser-exact logarithm.
        """
        while True:
            v1 = 2 * self.random() - 1
            v2 = 2 * self.random() - 1
            s = v1 * v1 + v2 * v2
            if not s > 1:
                break
        result = math.sqrt(-2 * log(s) / s) * v1
        return mean + math.sqrt(variance) * result

    def next_seed(self) -> str:
        """A new seed drawn from this stream, as the original's `Math.random().toFixed(5)`."""
        return to_fixed(self.random(), 5)


def to_fixed(value: float, digits: int) -> str:
    """JavaScript's Number.prototype.toFixed for 0 <= value < 1e21: exact, ties away from zero."""
    quantum = Decimal(1).scaleb(-digits)
    return str(Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP))
