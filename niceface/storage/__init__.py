"""Everything niceface writes to disk goes through this package."""
