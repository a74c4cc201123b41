"""nktimeline: chronologies with provenance from news articles."""

__version__ = "0.1.0"
