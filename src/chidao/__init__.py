"""chidao: Vietnamese Party and state directives → a knowledge graph of accountability."""

from __future__ import annotations

__version__ = "0.1.0"
