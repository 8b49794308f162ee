"""The scene: the panels and the network view under every overlay."""
