"""The engine half of the model: tables (registries) of what a network is made of, and the numba
kernels over flat arrays that train it exactly as the original web playground does.

One table per concept, each row carrying its compiled kernels: activations, objectives (output
units, loss, targets), optimizers (with the regularization table), initializers, datasets and
features. `kernels` runs a network through them; `network` holds its arrays.
"""
