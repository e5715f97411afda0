"""Explaining one prediction: which parts of the input pushed the output where."""
