"""The version, in one place (read by pyproject.toml and by /healthz)."""
__version__ = "0.1.0"
