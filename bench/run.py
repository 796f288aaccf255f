"""Every benchmark in bench/, one after the other, with its defaults: ``make bench``.

A benchmark is a module of this package with ``main(argv) -> int``; run one on its own with
``.venv/bin/python -m bench.<name> --help``.
"""

import importlib
import pkgutil
import sys

import bench


def main() -> int:
    failed = 0
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name != "run":
            print(f"== bench.{module.name}", file=sys.stderr, flush=True)
            code: int = importlib.import_module(f"bench.{module.name}").main([])
            failed = failed or code
    return failed


if __name__ == "__main__":
    sys.exit(main())
