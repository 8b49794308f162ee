"""Atomic loads, stores and compare-exchange on int64 array cells, for two threads that hand
work to each other through a small shared array (second_core.py) without waking a sleeping
thread: a sleeping thread took 50 to 90 us to wake on this virtual machine, longer than a small
network's whole epoch.

numba has no atomics of its own; these emit LLVM's, with acquire and release ordering, so
that what one thread wrote before a release store is what the other reads after the acquire
load that sees it, on ARM as on x86. They index without bounds checks: callers pass fixed
cells of arrays they made.
"""

from __future__ import annotations

import platform

from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

_X86 = platform.machine().lower() in {"x86_64", "amd64", "i386", "i686"}


def _cell(context, builder, array_type, array, index):
    """A pointer to int64 cell `index` of a 1-d array."""
    view = context.make_array(array_type)(context, builder, array)
    return builder.gep(view.data, [index])


def _int64_array(array, index) -> bool:
    return (isinstance(array, types.Array) and array.dtype == types.int64 and array.ndim == 1
            and isinstance(index, types.Integer))


@intrinsic
def load_acquire(typingctx, array, index):
    """array[index], an acquire load: later reads see what the releasing thread wrote before."""
    if not _int64_array(array, index):
        return None

    def codegen(context, builder, signature, args):
        cell = _cell(context, builder, signature.args[0], args[0], args[1])
        return builder.load_atomic(cell, "acquire", 8)

    return types.int64(array, index), codegen


@intrinsic
def store_release(typingctx, array, index, value):
    """array[index] = value, a release store: every write before it is seen before it."""
    if not _int64_array(array, index) or not isinstance(value, types.Integer):
        return None

    def codegen(context, builder, signature, args):
        cell = _cell(context, builder, signature.args[0], args[0], args[1])
        number = context.cast(builder, args[2], signature.args[2], types.int64)
        builder.store_atomic(number, cell, "release", 8)
        return context.get_dummy_value()

    return types.none(array, index, value), codegen


@intrinsic
def compare_exchange(typingctx, array, index, expected, new):
    """Set array[index] to `new` if it holds `expected`, atomically; True when it did."""
    if not _int64_array(array, index):
        return None

    def codegen(context, builder, signature, args):
        cell = _cell(context, builder, signature.args[0], args[0], args[1])
        old, new_value = (context.cast(builder, value, kind, types.int64)
                          for value, kind in zip(args[2:], signature.args[2:], strict=True))
        pair = builder.cmpxchg(cell, old, new_value, "acq_rel", "acquire")
        return builder.extract_value(pair, 1)

    return types.boolean(array, index, expected, new), codegen


@intrinsic
def spin_pause(typingctx):
    """A hint that this thread is spinning (x86's pause): the other hardware thread of the core
    runs faster, and the spin draws less power. Nothing elsewhere."""

    def codegen(context, builder, signature, args):
        if _X86:
            pause = cgutils.get_or_insert_function(
                builder.module, ir.FunctionType(ir.VoidType(), []), "llvm.x86.sse2.pause")
            builder.call(pause, [])
        return context.get_dummy_value()

    return types.none(), codegen


@njit(cache=True)
def acquire(array, index):
    """load_acquire from Python."""
    return load_acquire(array, index)


@njit(cache=True)
def release(array, index, value):
    """store_release from Python."""
    store_release(array, index, value)


@njit(cache=True)
def claim(array, index, expected, new):
    """compare_exchange from Python."""
    return compare_exchange(array, index, expected, new)
