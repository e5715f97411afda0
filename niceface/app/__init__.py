"""Definitions (Interface, Parallel, Series) and running them (pipeline, queue, page, launch)."""
