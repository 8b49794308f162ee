"""Sweeps: a grid of experiments over many seeds, on one machine or a Dask cluster.

`grid` turns `--grid` options into validated runs, `stop` reads the success threshold, `run`
trains one run (a pure function of its code and epochs), `engines` runs many (in this process,
in joblib's worker processes, or on Dask), `results` keeps them in a JSONL file (and a CSV),
`summary` and `figures` read them back. `command` is the `playground-game sweep` subcommand.

This package needs the optional extra `sweep` (joblib, distributed, matplotlib, tqdm); the
window never imports it.
"""
