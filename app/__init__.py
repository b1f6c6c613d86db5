"""nianbao core: formats, report model, checks, drafts, exports, command line.

Nothing in this package may import Qt; tests/test_boundary.py enforces it.
"""

__version__ = "0.1.0"
