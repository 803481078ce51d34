"""One parser per page section; each reads a `Section` into the `Draft`."""
