"""The Classes control of the data panel: the number of classes as a one-line slider, bounded by
the current dataset's class counts and muted, with the reason on a click, where the dataset makes
only one count or your own points decide. Its changes are `Change` actions like every slider's
(see scene.py's binding).
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


def muted_reason(settings: Settings) -> str:
    """Why the Classes slider is muted: your own points decide their classes, or the dataset
    makes one count."""
    if settings.own_points:
        return (f"Your own points have {settings.num_classes} classes; paint another class, "
                "or choose a dataset to set them here.")
    return single_count_reason(settings.dataset)


def classes_slider(spec: ControlSpec, binding: Binding, get_settings: Callable[[], Settings],
                   refuse: Callable[[str], None]) -> ClassesSlider:
    """The slider for the knob's control `spec`, reading the counts the data can take: the
    current dataset's, or none with your own points (their classes are theirs)."""

    def counts() -> tuple[int, ...]:
        settings = get_settings()
        return () if settings.own_points else DATASETS[settings.dataset].class_counts

    return ClassesSlider(spec.name, spec.caption, *spec.range, spec.format, binding, counts,
                         lambda: refuse(muted_reason(get_settings())), spec.hide_key)
