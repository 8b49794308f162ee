"""The Classes control of the data panel: the number of classes as a one-line slider, bounded by
the current dataset's class counts and muted, with the reason on a click, where the dataset makes
only one count. Its changes are `Change` actions like every slider's (see scene.py's binding).
"""

from __future__ import annotations

from collections.abc import Callable

from playground_game.model.core.datasets import CLASSIFICATION, DATASETS
from playground_game.model.settings import Settings
from playground_game.ui.controls import ControlSpec
from playground_game.ui.widgets import Binding
from playground_game.ui.widgets.classes_slider import ClassesSlider


def single_count_reason(dataset_key: str) -> str:
    """Why the Classes slider does nothing for a dataset that makes one count, naming those
    that make more."""
    dataset = DATASETS[dataset_key]
    more = [d.label for d in DATASETS if d.problem == CLASSIFICATION and len(d.class_counts) > 1]
    return (f"{dataset.label} has {dataset.num_classes} classes only; "
            f"{', '.join(more[:-1])} and {more[-1]} have more.")


def classes_slider(spec: ControlSpec, binding: Binding, get_settings: Callable[[], Settings],
                   refuse: Callable[[str], None]) -> ClassesSlider:
    """The slider for the knob's control `spec`, reading the current dataset's counts."""

    def counts() -> tuple[int, ...]:
        return DATASETS[get_settings().dataset].class_counts

    return ClassesSlider(spec.name, spec.caption, *spec.range, spec.format, binding, counts,
                         lambda: refuse(single_count_reason(get_settings().dataset)),
                         spec.hide_key)
