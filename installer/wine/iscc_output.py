"""What Inno Setup's command-line compiler (ISCC) said: its warnings, and whether it compiled.

Plain text parsing, no Wine needed: imported by windows_check.py and by the unit tests.
ISCC 6.4.1 prints nothing at all under /Q (nor /Qp), warnings included, so the check runs it
without /Q and reads the full output, where each warning is one line starting "Warning:"
(e.g. `Warning: Architecture identifier "x64" is deprecated. …`), before "Successful compile".
"""

from __future__ import annotations

import re

_WARNING = re.compile(r"^\s*warning\s*:", re.IGNORECASE)


def iscc_warnings(output: str) -> list[str]:
    """Every warning line of ISCC's output (stdout and stderr together), stripped."""
    return [line.strip() for line in output.splitlines() if _WARNING.match(line)]


def iscc_succeeded(output: str) -> bool:
    return any(line.strip().startswith("Successful compile") for line in output.splitlines())


def setup_directives(script: str) -> dict[str, str]:
    """The [Setup] directives of an Inno Setup script as the compiler reads it (the
    preprocessor's output), names in lower case as Inno Setup ignores case; a later line wins."""
    directives: dict[str, str] = {}
    section = ""
    for raw in script.splitlines():
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
        elif section == "setup" and "=" in line:
            name, _, value = line.partition("=")
            directives[name.strip().lower()] = value.strip()
    return directives
