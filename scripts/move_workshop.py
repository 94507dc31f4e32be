"""Copy a workshop (or every workshop) from one store to another: a DuckDB file path or a
postgresql:// URL on either side. Copying again gives the same rows (see planning/transfer.py).

  .venv/bin/python scripts/move_workshop.py data/smartcity.duckdb postgresql://smartcity@10.0.0.5/smartcity --workshop K7Q2XM
  .venv/bin/python scripts/move_workshop.py postgresql://smartcity@10.0.0.5/smartcity laptop.duckdb --all
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from planning import transfer  # noqa: E402
from planning.errors import NotFound  # noqa: E402
from planning.store import Store, is_postgres_url  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="DuckDB file or postgresql:// URL to copy from")
    parser.add_argument("target", help="DuckDB file or postgresql:// URL to copy into (migrated first)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--workshop", action="append", metavar="ID_OR_JOIN_CODE",
                       help="a workshop's id or join code (may be given more than once)")
    which.add_argument("--all", action="store_true", help="every workshop except the demo")
    args = parser.parse_args(argv)
    if not is_postgres_url(args.source) and not Path(args.source).is_file():
        parser.error(f"no DuckDB file at {args.source}")
    source = Store(args.source)
    target = Store(args.target)
    try:
        ids = (transfer.workshop_ids(source) if args.all
               else [transfer.find_workshop(source, w)[0] for w in args.workshop])
        for copied in transfer.copy_workshops(source, target, ids):
            print(f"{copied.name} ({copied.workshop_id}): {copied.total} rows")
    except NotFound:
        print("workshop not found in the source", file=sys.stderr)
        return 1
    except transfer.NameTaken as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        source.close()
        target.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
