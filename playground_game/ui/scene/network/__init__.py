"""The network view: features, hidden layers, links and their controls."""
