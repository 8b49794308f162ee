"""The race: 2 to 4 networks side by side on the same data (commands, screen, layout, controls,
chart, banner, router)."""
