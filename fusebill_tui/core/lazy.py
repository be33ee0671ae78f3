"""A package's names that load on first use, so importing the package imports none of its heavy modules."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``where[name]`` when ``name`` is first read.

    A name that is the last part of its module's path (``models`` in ``...fusebill.models``) is the module
    itself; any other is read from its module.
    """

    def __getattr__(name: str) -> Any:
        module_name = where.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(module_name)
        return module if module_name.endswith("." + name) else getattr(module, name)

    return __getattr__
