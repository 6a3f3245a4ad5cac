"""reportlint: lint Chinese government annual reports."""

__version__ = "0.1.0"
