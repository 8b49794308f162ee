"""The epoch kernel's promise that its arrays never overlap reaches numba's compiler."""

import numpy as np
from numba import njit

from playground_game.model.core.numba_flags import NO_ALIAS


def _copy(a, b):
    for i in range(a.shape[0]):
        b[i] = a[i]


def _noalias_marks(options: dict) -> int:
    """How many of a compiled copy function's parameters LLVM sees as `noalias`."""
    copy = njit(**options)(_copy)
    copy(np.ones(3), np.zeros(3))
    ir = copy.inspect_llvm(copy.signatures[0])
    define = next(line for line in ir.splitlines()
                  if line.startswith("define") and "_copy" in line)
    return define.count("noalias")


def test_this_numba_takes_the_flag():
    assert NO_ALIAS == {"_noalias": True}


def test_the_flag_marks_the_arrays_pointers():
    plain = _noalias_marks({})  # numba's own: the return and exception slots
    assert _noalias_marks(NO_ALIAS) >= plain + 2  # and at least each array's data pointer
