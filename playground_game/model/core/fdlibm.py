"""Bit-exact ports of the browser's Math.tanh, expm1, exp, sin, cos and log.

The web playground runs on V8, whose Math functions are the fdlibm routines
(s_tanh.c, s_expm1.c, e_exp.c, e_log.c, k_sin.c, k_cos.c, s_sin.c, s_cos.c,
e_rem_pio2.c, k_rem_pio2.c as adapted in V8's src/base/ieee754.cc).  glibc's
results differ from them in the last bit for a fraction of a percent of the
inputs, and a deep network amplifies that until training runs part, so our
engine computes these functions exactly the way the browser does.

Every public function takes and returns a float64 and is exact on the whole
double range (±0, ±inf, NaN, subnormals, and the huge arguments of sin/cos
through the full Payne-Hanek reduction of k_rem_pio2.c).

Public API (all njit, float64 -> float64 unless noted):

* ``tanh``, ``expm1``, ``exp``, ``sin``, ``cos``, ``log``: the literal ports,
  with branches, each compiled on its own.  Call them from any njit function;
  the call is not inlined at Numba-IR level, so even a caller compiled with
  fastmath=True cannot alter their arithmetic.  Loops over them do not
  vectorise (~20 ns per tanh, ~15 ns per exp, ~22 ns per sin on |x| <= 20).
* ``tanh_inline``, ``exp_inline``: the branch-free formulations (every case
  computed, one selected), for callers writing their own loops over arrays,
  which then vectorise (AVX2: ~6 ns per tanh, ~4.5 ns per exp).  They are
  inlined at Numba-IR level, so they take the caller's flags: call them only
  from code compiled with fastmath=False (numba's default; with fastmath=True
  ~4% of results change), and use error_model='numpy' in the caller if its own code divides, or the
  ZeroDivisionError check stops the loop from vectorising.

Floating-point operations are written in the order of the C source and
compiled with fastmath off, so LLVM neither reassociates nor fuses them.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

_JIT = {"cache": True, "fastmath": False, "error_model": "numpy"}
# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINED = {"inline": "always", "fastmath": False, "error_model": "numpy"}


# ---------------------------------------------------------------------------
# Word access: fdlibm reads and writes the two 32-bit halves of a double.
# ---------------------------------------------------------------------------


@intrinsic
def _f2i(typingctx, x):
    """Reinterpret a float64's bits as an int64 (no conversion)."""
    if isinstance(x, types.Float) and x.bitwidth == 64:

        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], ir.IntType(64))

        return types.int64(types.float64), codegen
    return None


@intrinsic
def _i2f(typingctx, i):
    """Reinterpret an int64's bits as a float64 (no conversion)."""
    if isinstance(i, types.Integer):

        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], ir.DoubleType())

        return types.float64(types.int64), codegen
    return None


@intrinsic
def _trunc(typingctx, x):
    """C-style truncation toward zero, kept in floating point (vectorises)."""
    if isinstance(x, types.Float) and x.bitwidth == 64:

        def codegen(context, builder, signature, args):
            fnty = ir.FunctionType(ir.DoubleType(), [ir.DoubleType()])
            fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.trunc.f64")
            return builder.call(fn, [args[0]])

        return types.float64(types.float64), codegen
    return None


@intrinsic
def _fdiv(typingctx, a, b):
    """a / b as a bare IEEE division: no ZeroDivisionError check even when an
    inlining caller uses error_model='python' (the check blocks vectorisation)."""
    if isinstance(a, types.Float) and isinstance(b, types.Float):

        def codegen(context, builder, signature, args):
            return builder.fdiv(args[0], args[1])

        return types.float64(types.float64, types.float64), codegen
    return None


@njit(**_INLINED)
def _high(x: float) -> int:
    """Signed high 32-bit word (GET_HIGH_WORD, as int32)."""
    return _f2i(x) >> 32


@njit(**_INLINED)
def _low(x: float) -> int:
    """Unsigned low 32-bit word (GET_LOW_WORD)."""
    return _f2i(x) & 0xFFFFFFFF


@njit(**_INLINED)
def _from_words(hi: int, lo: int) -> float:
    """INSERT_WORDS: build a double from its high and low 32-bit words."""
    return _i2f(((hi & 0xFFFFFFFF) << 32) | (lo & 0xFFFFFFFF))


@njit(**_INLINED)
def _set_high(x: float, hi: int) -> float:
    """SET_HIGH_WORD: replace the high 32-bit word of x."""
    return _i2f(((hi & 0xFFFFFFFF) << 32) | (_f2i(x) & 0xFFFFFFFF))


# ---------------------------------------------------------------------------
# Constants (hex patterns from fdlibm; the decimal literals round to them).
# ---------------------------------------------------------------------------

_LN2_HI = 6.93147180369123816490e-01  # 0x3FE62E42 FEE00000
_LN2_LO = 1.90821492927058770002e-10  # 0x3DEA39EF 35793C76
_INVLN2 = 1.44269504088896338700e00  # 0x3FF71547 652B82FE
_O_THRESHOLD = 7.09782712893383973096e02  # 0x40862E42 FEFA39EF
_U_THRESHOLD = -7.45133219101941108420e02  # 0xC0874910 D52D3051
_TWO1023 = 8.98846567431158e307  # 2**1023
_TWOM1000 = 9.33263618503218878990e-302  # 2**-1000
_E = 2.718281828459045  # 0x4005BF0A 8B145769

# expm1: scaled rational approximation of R1(r*r).
_Q1 = -3.33333333333331316428e-02  # BFA11111 111110F4
_Q2 = 1.58730158725481460165e-03  # 3F5A01A0 19FE5585
_Q3 = -7.93650757867487942473e-05  # BF14CE19 9EAADBB7
_Q4 = 4.00821782732936239552e-06  # 3ED0CFCA 86E65239
_Q5 = -2.01099218183624371326e-07  # BE8AFDB7 6E09C32D

# exp: Remez polynomial for R(r*r).
_P1 = 1.66666666666666019037e-01  # 0x3FC55555 5555553E
_P2 = -2.77777777770155933842e-03  # 0xBF66C16C 16BEBD93
_P3 = 6.61375632143793436117e-05  # 0x3F11566A AF25DE2C
_P4 = -1.65339022054652515390e-06  # 0xBEBBBD41 C5D26BF1
_P5 = 4.13813679705723846039e-08  # 0x3E663769 72BEA4D0

# log: polynomial for log(1+f) in s = f/(2+f).
_TWO54 = 1.80143985094819840000e16  # 0x43500000 00000000
_LG1 = 6.666666666666735130e-01  # 3FE55555 55555593
_LG2 = 3.999999999940941908e-01  # 3FD99999 9997FA04
_LG3 = 2.857142874366239149e-01  # 3FD24924 94229359
_LG4 = 2.222219843214978396e-01  # 3FCC71C5 1D8E78AF
_LG5 = 1.818357216161805012e-01  # 3FC74664 96CB03DE
_LG6 = 1.531383769920937332e-01  # 3FC39A09 D078C69F
_LG7 = 1.479819860511658591e-01  # 3FC2F112 DF3E5244

# __kernel_sin / __kernel_cos polynomials on [-pi/4, pi/4].
_S1 = -1.66666666666666324348e-01  # 0xBFC55555 55555549
_S2 = 8.33333333332248946124e-03  # 0x3F811111 1110F8A6
_S3 = -1.98412698298579493134e-04  # 0xBF2A01A0 19C161D5
_S4 = 2.75573137070700676789e-06  # 0x3EC71DE3 57B1FE7D
_S5 = -2.50507602534068634195e-08  # 0xBE5AE5E6 8A2B9CEB
_S6 = 1.58969099521155010221e-10  # 0x3DE5D93A 5ACFD57C
_C1 = 4.16666666666666019037e-02  # 0x3FA55555 5555554C
_C2 = -1.38888888888741095749e-03  # 0xBF56C16C 16C15177
_C3 = 2.48015872894767294178e-05  # 0x3EFA01A0 19CB1590
_C4 = -2.75573143513906633035e-07  # 0xBE927E4F 809C52AD
_C5 = 2.08757232129817482790e-09  # 0x3E21EE9E BDB4B1C4
_C6 = -1.13596475577881948265e-11  # 0xBDA8FAE9 BE8838D4

# __ieee754_rem_pio2: pi/2 split in 33-bit pieces, and 2/pi.
_INVPIO2 = 6.36619772367581382433e-01  # 0x3FE45F30 6DC9C883
_PIO2_1 = 1.57079632673412561417e00  # 0x3FF921FB 54400000
_PIO2_1T = 6.07710050650619224932e-11  # 0x3DD0B461 1A626331
_PIO2_2 = 6.07710050630396597660e-11  # 0x3DD0B461 1A600000
_PIO2_2T = 2.02226624879595063154e-21  # 0x3BA3198A 2E037073
_PIO2_3 = 2.02226624871116645580e-21  # 0x3BA3198A 2E000000
_PIO2_3T = 8.47842766036889956997e-32  # 0x397B839A 252049C1
_TWO24 = 1.67772160000000000000e07  # 0x41700000 00000000
_TWON24 = 5.96046447753906250000e-08  # 0x3E700000 00000000

# High words of n*pi/2 for n = 1..32: the quick no-cancellation check.
_NPIO2_HW = np.array(
    [
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
        0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
        0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
        0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
        0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
        0x404858EB, 0x404921FB,
    ],
    dtype=np.int64,
)  # fmt: skip

# 2/pi in 24-bit chunks (396 hex digits), for the large-argument reduction.
_TWO_OVER_PI = np.array(
    [
        0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62, 0x95993C,
        0x439041, 0xFE5163, 0xABDEBB, 0xC561B7, 0x246E3A, 0x424DD2, 0xE00649,
        0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129, 0xA73EE8, 0x8235F5, 0x2EBB44,
        0x84E99C, 0x7026B4, 0x5F7E41, 0x3991D6, 0x398353, 0x39F49C, 0x845F8B,
        0xBDF928, 0x3B1FF8, 0x97FFDE, 0x05980F, 0xEF2F11, 0x8B5A0A, 0x6D1F6D,
        0x367ECF, 0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5,
        0xF17B3D, 0x0739F7, 0x8A5292, 0xEA6BFB, 0x5FB11F, 0x8D5D08, 0x560330,
        0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3, 0x91615E, 0xE61B08,
        0x659985, 0x5F14A0, 0x68408D, 0xFFD880, 0x4D7327, 0x310606, 0x1556CA,
        0x73A8C9, 0x60E27B, 0xC08C6B,
    ],
    dtype=np.int64,
)  # fmt: skip

# pi/2 in 24-bit pieces, for k_rem_pio2.
_PIO2_24 = np.array(
    [
        1.57079625129699707031e00,  # 0x3FF921FB 40000000
        7.54978941586159635335e-08,  # 0x3E74442D 00000000
        5.39030252995776476554e-15,  # 0x3CF84698 80000000
        3.28200341580791294123e-22,  # 0x3B78CC51 60000000
        1.27065575308067607349e-29,  # 0x39F01B83 80000000
        1.22933308981111328932e-36,  # 0x387A2520 40000000
        2.73370053816464559624e-44,  # 0x36E38222 80000000
        2.16741683877804819444e-51,  # 0x3569F31D 00000000
    ]
)

_NAN = float("nan")
_INF = float("inf")


# ---------------------------------------------------------------------------
# expm1, exp, tanh: literal ports.
# ---------------------------------------------------------------------------


@njit(**_JIT)
def expm1(x: float) -> float:
    """exp(x) - 1 as fdlibm s_expm1.c computes it (V8's Math.expm1)."""
    hx = _high(x)
    negative = hx < 0
    hx &= 0x7FFFFFFF

    # Huge and non-finite arguments.
    if hx >= 0x4043687A:  # |x| >= 56*ln2
        if hx >= 0x40862E42:  # |x| >= 709.78...
            if hx >= 0x7FF00000:
                if ((hx & 0xFFFFF) | _low(x)) != 0:
                    return x + x  # NaN
                return -1.0 if negative else x
            if x > _O_THRESHOLD:
                return _INF
        if negative:
            return -1.0  # x < -56*ln2

    # Argument reduction: x = k*ln2 + r, with r = hi - lo and correction c.
    if hx > 0x3FD62E42:  # |x| > 0.5*ln2
        if hx < 0x3FF0A2B2:  # and |x| < 1.5*ln2
            if not negative:
                hi = x - _LN2_HI
                lo = _LN2_LO
                k = 1
            else:
                hi = x + _LN2_HI
                lo = -_LN2_LO
                k = -1
        else:
            k = int(_INVLN2 * x + (-0.5 if negative else 0.5))
            t = float(k)
            hi = x - t * _LN2_HI  # exact
            lo = t * _LN2_LO
        x = hi - lo
        c = (hi - x) - lo
    elif hx < 0x3C900000:  # |x| < 2**-54
        return x
    else:
        k = 0
        c = 0.0

    # x is now in the primary range.
    hfx = 0.5 * x
    hxs = x * hfx
    r1 = 1.0 + hxs * (_Q1 + hxs * (_Q2 + hxs * (_Q3 + hxs * (_Q4 + hxs * _Q5))))
    t = 3.0 - r1 * hfx
    e = hxs * ((r1 - t) / (6.0 - x * t))
    if k == 0:
        return x - (x * e - hxs)
    twopk = _from_words(0x3FF00000 + (k << 20), 0)
    e = x * (e - c) - c
    e -= hxs
    if k == -1:
        return 0.5 * (x - e) - 0.5
    if k == 1:
        if x < -0.25:
            return -2.0 * (e - (x + 0.5))
        return 1.0 + 2.0 * (x - e)
    if k <= -2 or k > 56:  # exp(x) - 1 suffices
        y = 1.0 - (e - x)
        y = y * 2.0 * _TWO1023 if k == 1024 else y * twopk
        return y - 1.0
    if k < 20:
        t = _from_words(0x3FF00000 - (0x200000 >> k), 0)  # 1 - 2**-k
        y = t - (e - x)
        return y * twopk
    t = _from_words((0x3FF - k) << 20, 0)  # 2**-k
    y = x - (e + t)
    y += 1.0
    return y * twopk


@njit(**_JIT)
def exp(x: float) -> float:
    """e**x as fdlibm e_exp.c computes it (V8's Math.exp, with exp(1) = E)."""
    hx = _high(x)
    xsb = 1 if hx < 0 else 0
    hx &= 0x7FFFFFFF

    # Non-finite and overflowing arguments.
    if hx >= 0x40862E42:  # |x| >= 709.78...
        if hx >= 0x7FF00000:
            if ((hx & 0xFFFFF) | _low(x)) != 0:
                return x + x  # NaN
            return 0.0 if xsb else x
        if x > _O_THRESHOLD:
            return _INF
        if x < _U_THRESHOLD:
            return 0.0

    # Argument reduction.
    hi = 0.0
    lo = 0.0
    k = 0
    if hx > 0x3FD62E42:  # |x| > 0.5*ln2
        if hx < 0x3FF0A2B2:  # and |x| < 1.5*ln2
            if x == 1.0:
                return _E
            if xsb == 0:
                hi = x - _LN2_HI
                lo = _LN2_LO
                k = 1
            else:
                hi = x + _LN2_HI
                lo = -_LN2_LO
                k = -1
        else:
            k = int(_INVLN2 * x + (-0.5 if xsb else 0.5))
            t = float(k)
            hi = x - t * _LN2_HI  # exact
            lo = t * _LN2_LO
        x = hi - lo
    elif hx < 0x3E300000:  # |x| < 2**-28
        return 1.0 + x

    # x is now in the primary range.
    t = x * x
    if k >= -1021:
        twopk = _from_words(0x3FF00000 + (k << 20), 0)
    else:
        twopk = _from_words(0x3FF00000 + ((k + 1000) << 20), 0)
    c = x - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    if k == 0:
        return 1.0 - ((x * c) / (c - 2.0) - x)
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi)
    if k >= -1021:
        if k == 1024:
            return y * 2.0 * _TWO1023
        return y * twopk
    return y * twopk * _TWOM1000


@njit(**_JIT)
def tanh(x: float) -> float:
    """tanh(x) bit-identical to V8's Math.tanh: fdlibm s_tanh.c, with its branches.

    The scalar entry point: compiled on its own (never inlined), so it stays
    exact whatever flags the caller uses.  For loops over arrays see
    ``tanh_inline``.
    """
    jx = _high(x)
    ix = jx & 0x7FFFFFFF
    if ix >= 0x7FF00000:  # inf or NaN
        if jx >= 0:
            return 1.0 / x + 1.0
        return 1.0 / x - 1.0
    if ix < 0x40360000:  # |x| < 22
        if ix < 0x3E300000:  # |x| < 2**-28
            return x
        if ix >= 0x3FF00000:  # |x| >= 1
            t = expm1(2.0 * abs(x))
            z = 1.0 - 2.0 / (t + 2.0)
        else:
            t = expm1(-2.0 * abs(x))
            z = -t / (t + 2.0)
    else:
        z = 1.0
    return z if jx >= 0 else -z


# ---------------------------------------------------------------------------
# tanh: the same arithmetic, branch-free, so loops over it vectorise.
# ---------------------------------------------------------------------------

_MAGIC = 6755399441055744.0  # 1.5 * 2**52: adding it puts an integer in the low bits
_HALF_LN2_UP = 0.3465735912322998  # 0x3FD62E43 00000000: |x| > 0.5*ln2 test


@intrinsic
def _pick(typingctx, condition, if_true, if_false):
    """`if_true if condition else if_false` as one LLVM select: both sides are computed (they
    are plain arithmetic here) and no branch is made. Numba turns a conditional expression
    into three blocks of IR, and every block of an inlined function multiplies the work of
    inlining it (numba copies the function's variables once per block): the branch-free
    functions below are mostly such choices."""
    common = typingctx.unify_pairs(if_true, if_false)
    if isinstance(condition, types.Boolean) and isinstance(common, (types.Float, types.Integer)):

        def codegen(context, builder, signature, args):
            chosen = [context.cast(builder, value, kind, common)
                      for value, kind in zip(args[1:], signature.args[1:], strict=True)]
            return builder.select(args[0], chosen[0], chosen[1])

        return common(condition, if_true, if_false), codegen
    return None


@njit(**_INLINED)
def _expm1_for_tanh(x: float, positive: bool) -> float:
    """s_expm1.c on the arguments tanh passes, every case computed, one selected.

    Valid for -2 <= x <= -2**-27 (positive False; then k is 0, -1, -2 or -3)
    and for 2 <= x < 44 (positive True; then 3 <= k <= 63).
    """
    # For 0.5*ln2 < |x| < 1.5*ln2 fdlibm takes k = +-1 directly; the general
    # formula gives the same k and the same hi/lo (k*ln2_hi is exact) there.
    kf = _trunc(_INVLN2 * x + _pick(positive, 0.5, -0.5))
    kf = _pick(abs(x) >= _HALF_LN2_UP, kf, 0.0)  # hx > 0x3FD62E42
    hi = x - kf * _LN2_HI
    lo = kf * _LN2_LO
    r = hi - lo
    c = (hi - r) - lo  # 0 when k == 0
    hfx = 0.5 * r
    hxs = r * hfx
    r1 = 1.0 + hxs * (_Q1 + hxs * (_Q2 + hxs * (_Q3 + hxs * (_Q4 + hxs * _Q5))))
    t = 3.0 - r1 * hfx
    e = hxs * _fdiv(r1 - t, 6.0 - r * t)
    k = _f2i(kf + _MAGIC) - _f2i(_MAGIC)
    twopk = _i2f((k + 0x3FF) << 52)
    twomk = _i2f((0x3FF - k) << 52)
    res_k0 = r - (r * e - hxs)
    e = (r * (e - c) - c) - hxs
    res_km1 = 0.5 * (r - e) - 0.5
    res_far = (1.0 - (e - r)) * twopk - 1.0  # k <= -2 or k > 56
    res_low = ((1.0 - twomk) - (e - r)) * twopk  # 2 <= k < 20
    res_high = ((r - (e + twomk)) + 1.0) * twopk  # 20 <= k <= 56
    res = _pick(kf >= 20.0, res_high, res_low)
    res = _pick((kf <= -2.0) | (kf > 56.0), res_far, res)
    res = _pick(kf == -1.0, res_km1, res)
    return _pick(kf == 0.0, res_k0, res)


@njit(**_INLINED)
def tanh_inline(x: float) -> float:
    """tanh(x) bit-identical to V8's Math.tanh, branch-free, for vectorised loops.

    Every case is computed and one selected, so an njit loop calling it
    vectorises.  It is inlined at Numba-IR level, so its arithmetic takes the
    caller's compile flags: call it only from functions compiled with
    fastmath=False (numba's default) -- under fastmath=True LLVM reassociates
    and fuses it and about 4% of results change.  Vectorisation also needs
    the loop to be simple (no calls, no exceptions).
    """
    ax = abs(x)
    big = ax >= 1.0  # ix >= 0x3FF00000
    mid = ax < 22.0  # ix < 0x40360000; False for NaN too
    a = _pick(mid, ax, 1.0)  # keep the kernel on valid arguments
    t = _expm1_for_tanh(_pick(big, 2.0 * a, -2.0 * a), big)
    q = _fdiv(_pick(big, 2.0, -t), t + 2.0)
    z = _pick(big, 1.0 - q, q)
    z = _pick(mid, z, 1.0)
    z = _pick(_f2i(x) < 0, -z, z)
    # |x| < 2**-28 (ix < 0x3E300000) returns x itself, as does NaN.
    return _pick((ax < 3.725290298461914e-09) | (x != x), x, z)



@njit(**_INLINED)
def exp_inline(x: float) -> float:
    """e**x bit-identical to V8's Math.exp, branch-free, for vectorised loops.

    Same contract as ``tanh_inline``: inlined at Numba-IR level, so call it
    only from code compiled with fastmath=False.
    """
    ax = abs(x)
    ok = ax < 745.5  # False for inf and NaN; the kernel needs a sane argument
    xc = _pick(ok, x, 0.0)
    reduce_ = ax >= _HALF_LN2_UP  # hx > 0x3FD62E42
    # k = +-1 for 0.5*ln2 < |x| < 1.5*ln2 (fdlibm's special case) is what the
    # general formula gives there too, with the same hi and lo.
    kf = _trunc(_INVLN2 * xc + _pick(xc < 0.0, -0.5, 0.5))
    kf = _pick(reduce_, kf, 0.0)
    hi = xc - kf * _LN2_HI
    lo = kf * _LN2_LO
    r = hi - lo
    t = r * r
    c = r - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    # For k == 0 fdlibm returns 1 - ((r*c)/(c-2) - r); with hi = r, lo = 0
    # the k != 0 expression below is that same number bit for bit.
    y = 1.0 - ((lo - _fdiv(r * c, 2.0 - c)) - hi)
    subnormal = kf < -1021.0
    k = _f2i(_pick(subnormal, kf + 1000.0, kf) + _MAGIC) - _f2i(_MAGIC)
    scaled = y * _i2f((k + 0x3FF) << 52)
    scaled = _pick(subnormal, scaled * _TWOM1000, scaled)
    scaled = _pick(kf == 1024.0, y * 2.0 * _TWO1023, scaled)
    res = _pick(ax < 3.725290298461914e-09, 1.0 + x, scaled)  # |x| < 2**-28
    res = _pick(x == 1.0, _E, res)
    res = _pick(x > _O_THRESHOLD, _INF, res)
    res = _pick(x < _U_THRESHOLD, 0.0, res)
    return _pick(x != x, x, res)



# ---------------------------------------------------------------------------
# log: e_log.c.
# ---------------------------------------------------------------------------


@njit(**_JIT)
def log(x: float) -> float:
    """Natural logarithm as fdlibm e_log.c computes it (V8's Math.log)."""
    bits = _f2i(x)
    hx = bits >> 32
    lx = bits & 0xFFFFFFFF
    k = 0
    if hx < 0x00100000:  # x < 2**-1022, or negative
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -_INF  # log(+-0)
        if hx < 0:
            return _NAN  # log(negative)
        k -= 54
        x *= _TWO54  # subnormal: scale up
        hx = _high(x)
    if hx >= 0x7FF00000:
        return x + x
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = _set_high(x, hx | (i ^ 0x3FF00000))  # normalise x or x/2
    k += i >> 20
    f = x - 1.0
    if (0x000FFFFF & (2 + hx)) < 3:  # -2**-20 <= f < 2**-20
        if f == 0.0:
            if k == 0:
                return 0.0
            dk = float(k)
            return dk * _LN2_HI + dk * _LN2_LO
        big_r = f * f * (0.5 - 0.33333333333333333 * f)
        if k == 0:
            return f - big_r
        dk = float(k)
        return dk * _LN2_HI - ((big_r - dk * _LN2_LO) - f)
    s = f / (2.0 + f)
    dk = float(k)
    z = s * s
    i = hx - 0x6147A
    w = z * z
    j = 0x6B851 - hx
    t1 = w * (_LG2 + w * (_LG4 + w * _LG6))
    t2 = z * (_LG1 + w * (_LG3 + w * (_LG5 + w * _LG7)))
    i |= j
    big_r = t2 + t1
    if i > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + big_r))
        return dk * _LN2_HI - ((hfsq - (s * (hfsq + big_r) + dk * _LN2_LO)) - f)
    if k == 0:
        return f - s * (f - big_r)
    return dk * _LN2_HI - ((s * (f - big_r) - dk * _LN2_LO) - f)


# ---------------------------------------------------------------------------
# sin, cos: k_sin.c, k_cos.c, e_rem_pio2.c, k_rem_pio2.c, s_sin.c, s_cos.c.
# ---------------------------------------------------------------------------


@njit(**_INLINED)
def _kernel_sin(x: float, y: float, iy: int) -> float:
    """sin(x + y) for |x| <= pi/4; y is the tail of x (ignored if iy == 0)."""
    ix = _high(x) & 0x7FFFFFFF
    if ix < 0x3E400000:  # |x| < 2**-27
        return x
    z = x * x
    v = z * x
    r = _S2 + z * (_S3 + z * (_S4 + z * (_S5 + z * _S6)))
    if iy == 0:
        return x + v * (_S1 + z * r)
    return x - ((z * (0.5 * y - v * r) - y) - v * _S1)


@njit(**_INLINED)
def _kernel_cos(x: float, y: float) -> float:
    """cos(x + y) for |x| <= pi/4; y is the tail of x."""
    ix = _high(x) & 0x7FFFFFFF
    if ix < 0x3E400000:  # |x| < 2**-27
        return 1.0
    z = x * x
    r = z * (_C1 + z * (_C2 + z * (_C3 + z * (_C4 + z * (_C5 + z * _C6)))))
    if ix < 0x3FD33333:  # |x| < 0.3
        return 1.0 - (0.5 * z - (z * r - x * y))
    # |x|/4 with the low word cleared, or 0.28125 when |x| > 0.78125
    qx = 0.28125 if ix > 0x3FE90000 else _from_words(ix - 0x00200000, 0)
    iz = 0.5 * z - qx
    a = 1.0 - qx
    return a - (iz - (z * r - x * y))


@njit(**_INLINED)
def _c_div(a: int, b: int) -> int:
    """C integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


@njit(**_JIT)
def _kernel_rem_pio2(x: np.ndarray, e0: int, nx: int) -> tuple[int, float, float]:
    """Payne-Hanek reduction of k_rem_pio2.c with prec = 2 (jk = 4).

    x holds the input in 24-bit pieces with exponent e0; returns
    (n mod 8, y0, y1) with x*2**e0 - n*pi/2 = y0 + y1.
    """
    jk = 4
    jp = jk
    f = np.zeros(20)
    q = np.zeros(20)
    fq = np.zeros(20)
    iq = np.zeros(20, dtype=np.int64)

    jx = nx - 1
    jv = max(_c_div(e0 - 3, 24), 0)
    q0 = e0 - 24 * (jv + 1)

    # f[0 .. jx+jk] = ipio2[jv-jx .. jv+jk]
    j = jv - jx
    m = jx + jk
    for i in range(m + 1):
        f[i] = 0.0 if j < 0 else float(_TWO_OVER_PI[j])
        j += 1

    # q[0 .. jk]
    for i in range(jk + 1):
        fw = 0.0
        for j in range(jx + 1):
            fw += x[j] * f[jx + i - j]
        q[i] = fw

    jz = jk
    while True:  # "recompute" loop
        # Distill q[] into iq[] reversingly.
        i = 0
        j = jz
        z = q[jz]
        while j > 0:
            fw = float(int(_TWON24 * z))
            iq[i] = int(z - _TWO24 * fw)
            z = q[j - 1] + fw
            i += 1
            j -= 1

        # Compute n.
        z = np.ldexp(z, q0)
        z -= 8.0 * np.floor(z * 0.125)  # trim off integer >= 8
        n = int(z)
        z -= float(n)
        ih = 0
        if q0 > 0:  # need iq[jz-1] to determine n
            i = iq[jz - 1] >> (24 - q0)
            n += i
            iq[jz - 1] -= i << (24 - q0)
            ih = iq[jz - 1] >> (23 - q0)
        elif q0 == 0:
            ih = iq[jz - 1] >> 23
        elif z >= 0.5:
            ih = 2

        if ih > 0:  # q > 0.5
            n += 1
            carry = 0
            for i in range(jz):  # compute 1 - q
                j = iq[i]
                if carry == 0:
                    if j != 0:
                        carry = 1
                        iq[i] = 0x1000000 - j
                else:
                    iq[i] = 0xFFFFFF - j
            if q0 == 1:
                iq[jz - 1] &= 0x7FFFFF
            elif q0 == 2:
                iq[jz - 1] &= 0x3FFFFF
            if ih == 2:
                z = 1.0 - z
                if carry != 0:
                    z -= np.ldexp(1.0, q0)

        # Check if recomputation is needed.
        if z == 0.0:
            j = 0
            for i in range(jz - 1, jk - 1, -1):
                j |= iq[i]
            if j == 0:
                k = 1
                while jk >= k and iq[jk - k] == 0:
                    k += 1
                for i in range(jz + 1, jz + k + 1):
                    f[jx + i] = float(_TWO_OVER_PI[jv + i])
                    fw = 0.0
                    for j in range(jx + 1):
                        fw += x[j] * f[jx + i - j]
                    q[i] = fw
                jz += k
                continue
        break

    # Chop off zero terms, or break z into 24-bit pieces.
    if z == 0.0:
        jz -= 1
        q0 -= 24
        while iq[jz] == 0:
            jz -= 1
            q0 -= 24
    else:
        z = np.ldexp(z, -q0)
        if z >= _TWO24:
            fw = float(int(_TWON24 * z))
            iq[jz] = int(z - _TWO24 * fw)
            jz += 1
            q0 += 24
            iq[jz] = int(fw)
        else:
            iq[jz] = int(z)

    # Convert the integer chunks to floating point.
    fw = np.ldexp(1.0, q0)
    for i in range(jz, -1, -1):
        q[i] = fw * float(iq[i])
        fw *= _TWON24

    # fq = PIo2[0..jp] * q[jz..0]
    for i in range(jz, -1, -1):
        fw = 0.0
        k = 0
        while k <= jp and k <= jz - i:
            fw += _PIO2_24[k] * q[i + k]
            k += 1
        fq[jz - i] = fw

    # Compress fq[] into y0 + y1.
    fw = 0.0
    for i in range(jz, -1, -1):
        fw += fq[i]
    y0 = fw if ih == 0 else -fw
    fw = fq[0] - fw
    for i in range(1, jz + 1):
        fw += fq[i]
    y1 = fw if ih == 0 else -fw
    return n & 7, y0, y1


@njit(**_JIT)
def _rem_pio2_large(x: float, ix: int, hx: int) -> tuple[int, float, float]:
    """e_rem_pio2.c for |x| > 2**19*pi/2 (finite): split x, call k_rem_pio2."""
    tx = np.zeros(3)
    e0 = (ix >> 20) - 1046  # ilogb(|x|) - 23
    z = _i2f(((ix - (e0 << 20)) << 32) | _low(x))  # scalbn(|x|, -e0)
    for i in range(2):
        tx[i] = float(int(z))
        z = (z - tx[i]) * _TWO24
    tx[2] = z
    nx = 3
    while tx[nx - 1] == 0.0:
        nx -= 1
    n, y0, y1 = _kernel_rem_pio2(tx, e0, nx)
    if hx < 0:
        return -n, -y0, -y1
    return n, y0, y1


MEDIUM_LIMIT = 800_000.0  # |x| below it never needs the large-argument reduction (2**19*pi/2)


@njit(**_INLINED)
def _rem_pio2(x: float) -> tuple[int, float, float]:
    """e_rem_pio2.c: n and y0 + y1 = x - n*pi/2, |y0| <= pi/4 (finite x)."""
    hx = _high(x)
    ix = hx & 0x7FFFFFFF
    if ix > 0x413921FB:
        return _rem_pio2_large(x, ix, hx)
    return _rem_pio2_medium(x)


@njit(**_INLINED)
def _rem_pio2_medium(x: float) -> tuple[int, float, float]:
    """_rem_pio2 for |x| <= 2**19*pi/2: every argument the plane's points and angles give. It
    leaves out the large-argument reduction, whose compilation took most of a first start's
    three seconds for sin."""
    hx = _high(x)
    ix = hx & 0x7FFFFFFF
    if ix < 0x4002D97C:  # |x| < 3pi/4: n = +-1
        if hx > 0:
            z = x - _PIO2_1
            if ix != 0x3FF921FB:  # 33+53 bit pi is good enough
                y0 = z - _PIO2_1T
                y1 = (z - y0) - _PIO2_1T
            else:  # near pi/2: 33+33+53 bit pi
                z -= _PIO2_2
                y0 = z - _PIO2_2T
                y1 = (z - y0) - _PIO2_2T
            return 1, y0, y1
        z = x + _PIO2_1
        if ix != 0x3FF921FB:
            y0 = z + _PIO2_1T
            y1 = (z - y0) + _PIO2_1T
        else:
            z += _PIO2_2
            y0 = z + _PIO2_2T
            y1 = (z - y0) + _PIO2_2T
        return -1, y0, y1
    if ix <= 0x413921FB:  # |x| <= 2**19*(pi/2): medium size
        t = abs(x)
        n = int(t * _INVPIO2 + 0.5)
        fn = float(n)
        r = t - fn * _PIO2_1
        w = fn * _PIO2_1T  # first round, good to 85 bits
        y0 = r - w
        if n >= 32 or ix == _NPIO2_HW[n - 1]:  # possible cancellation
            j = ix >> 20
            i = j - ((_high(y0) >> 20) & 0x7FF)
            if i > 16:  # second iteration, good to 118 bits
                t = r
                w = fn * _PIO2_2
                r = t - w
                w = fn * _PIO2_2T - ((t - r) - w)
                y0 = r - w
                i = j - ((_high(y0) >> 20) & 0x7FF)
                if i > 49:  # third iteration, 151 bits
                    t = r
                    w = fn * _PIO2_3
                    r = t - w
                    w = fn * _PIO2_3T - ((t - r) - w)
                    y0 = r - w
        y1 = (r - y0) - w
        if hx < 0:
            return -n, -y0, -y1
        return n, y0, y1
    return 0, np.nan, np.nan  # beyond the medium range: the callers never ask


@njit(**_INLINED)
def _sin_reduced(n: int, y0: float, y1: float) -> float:
    """sin of n*pi/2 + (y0 + y1), the last step of s_sin.c."""
    n &= 3
    if n == 0:
        return _kernel_sin(y0, y1, 1)
    if n == 1:
        return _kernel_cos(y0, y1)
    if n == 2:
        return -_kernel_sin(y0, y1, 1)
    return -_kernel_cos(y0, y1)


@njit(**_INLINED)
def _cos_reduced(n: int, y0: float, y1: float) -> float:
    """cos of n*pi/2 + (y0 + y1), the last step of s_cos.c."""
    n &= 3
    if n == 0:
        return _kernel_cos(y0, y1)
    if n == 1:
        return -_kernel_sin(y0, y1, 1)
    if n == 2:
        return -_kernel_cos(y0, y1)
    return _kernel_sin(y0, y1, 1)


@njit(**_JIT)
def sin(x: float) -> float:
    """sin(x) as fdlibm s_sin.c computes it (V8's Math.sin)."""
    ix = _high(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:  # |x| <= pi/4
        return _kernel_sin(x, 0.0, 0)
    if ix >= 0x7FF00000:  # inf or NaN
        return x - x
    n, y0, y1 = _rem_pio2(x)
    return _sin_reduced(n, y0, y1)


@njit(**_JIT)
def cos(x: float) -> float:
    """cos(x) as fdlibm s_cos.c computes it (V8's Math.cos)."""
    ix = _high(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:  # |x| <= pi/4
        return _kernel_cos(x, 0.0)
    if ix >= 0x7FF00000:  # inf or NaN
        return x - x
    n, y0, y1 = _rem_pio2(x)
    return _cos_reduced(n, y0, y1)


@njit(**_JIT)
def sin_medium(x: float) -> float:
    """sin for |x| < MEDIUM_LIMIT (and inf and NaN), bit for bit as sin; NaN beyond. Points of
    the plane and the generators' angles use it: it compiles in a fraction of sin's time."""
    ix = _high(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        return _kernel_sin(x, 0.0, 0)
    if ix >= 0x7FF00000:
        return x - x
    n, y0, y1 = _rem_pio2_medium(x)
    return _sin_reduced(n, y0, y1)


@njit(**_JIT)
def cos_medium(x: float) -> float:
    """cos for |x| < MEDIUM_LIMIT (and inf and NaN), bit for bit as cos; NaN beyond."""
    ix = _high(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        return _kernel_cos(x, 0.0)
    if ix >= 0x7FF00000:
        return x - x
    n, y0, y1 = _rem_pio2_medium(x)
    return _cos_reduced(n, y0, y1)
