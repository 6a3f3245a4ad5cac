"""Built-in Python checks. Importing this package registers every check in the shared registry.

One module per family; each check is a function decorated with :func:`reportlint.engine.registry.rule`.
"""

from reportlint.checks import dt, fz, gk, gw, hd, num, pn, st

__all__ = ["dt", "fz", "gk", "gw", "hd", "num", "pn", "st"]
