"""Compiler flags numba has but does not take as jit options, offered to the epoch kernel.

numba's compiler can mark every pointer a function receives `noalias` (its `Flags.noalias`):
the function promises that no two of its arrays overlap. Without the promise LLVM guards each
vectorised loop with a run-time overlap test of the arrays it reads and writes and keeps
reloading what another array's store might have changed. The batched epoch runs about seventy
loops of a dozen samples per batch, so those tests were 6% of the default network's epoch and
9% of a deep ReLU network's.

The jit decorator only accepts options its target lists, and `noalias` is not among them: this
module adds the mapping (`_noalias`, underscored as numba's own private `_nrt` is) when this
numba's compiler has the flag. On a numba without it, NO_ALIAS is empty and the kernels compile
as before: slower, never wrong.
"""

from __future__ import annotations

from numba.core import compiler, cpu, options


def _offer_noalias() -> bool:
    """Let jit options carry `_noalias=True` into the compiler's `noalias` flag."""
    if not hasattr(compiler.Flags, "noalias"):
        return False
    if not isinstance(getattr(cpu.CPUTargetOptions, "_noalias", None),
                      options.TargetOptions.Mapping):
        cpu.CPUTargetOptions._noalias = options.TargetOptions.Mapping("noalias")
    return True


# Spread into a kernel's jit options. Only for a kernel whose array arguments are always
# separate allocations: an array passed twice, or two views of one buffer, that the kernel
# writes through one and reads through the other would give wrong numbers.
NO_ALIAS: dict[str, bool] = {"_noalias": True} if _offer_noalias() else {}
