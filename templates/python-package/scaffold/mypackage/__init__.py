"""The package's public API: import each public name here."""

__version__ = "0.1.0"

__all__ = ["__version__"]
