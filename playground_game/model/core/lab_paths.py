"""The training lab's paths, as bits of one int: its activations (every pass), its optimizers
(the update), dropout (training's passes), its outputs and losses (cross-entropy, softmax: every
pass).

The kernels are compiled once per set of bits a network needs (kernels.py), and every lab branch
tests its bit of that constant, so a network's code holds only the paths it uses. Here so that
the kernels' modules (kernels.py, one_sample.py) share one definition.
"""

ACT, OPT, DROP, OUT = 1, 2, 4, 8
ALL = ACT | OPT | DROP | OUT
PASSES = ACT | OUT  # the paths a forward pass reads (losses, measures, predictions, heatmaps)
# Not a lab path but chosen the same way: training a batch of one without dropout runs an epoch
# kernel of its own (one_sample.py), which a network at any other batch size never compiles.
ONE = 16
