"""A throwaway PostgreSQL cluster for the tests: Debian's postgresql package, initdb and pg_ctl
under /tmp (or $SMARTCITY_TEST_PG_ROOT), listening on 127.0.0.1 only, removed afterwards. Each test
gets its own database, dropped after it."""
from __future__ import annotations

import fcntl
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PORTS = range(55432, 55440)
SUPERUSER = "postgres"


def _binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} not found: install the Debian package postgresql "
                           "(scripts/setup.sh test does)")
    return found


def _free_port() -> tuple[int, object]:
    """A port no server listens on, with a lock file held for the cluster's life: clusters started
    at once by several processes (a benchmark beside the tests), or one paused for a while, never
    end up on the same port."""
    for port in PORTS:
        lock = open(Path(tempfile.gettempdir()) / f"smartcity-pg-port-{port}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            continue
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port, lock
        lock.close()
    raise RuntimeError(f"no free port for the test PostgreSQL in {PORTS.start}-{PORTS.stop - 1}")


class Cluster:
    def __init__(self):
        root = os.environ.get("SMARTCITY_TEST_PG_ROOT", "/tmp")  # where the cluster's folder goes
        os.makedirs(root, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix="pg-test-", dir=root))
        # initdb refuses to run as root: then the cluster belongs to the package's postgres user
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.dir, "postgres")
        self.port, self._port_lock = _free_port()
        self._names = itertools.count(1)
        data = self.dir / "data"
        self._run(_binary("initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "-N")
        # durability off: a test cluster is thrown away
        self._options = (f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F -c synchronous_commit=off"
                         " -c full_page_writes=off -c max_connections=200")
        self.resume()

    def pause(self) -> None:
        """Shut the server down (connections cut, as in a restart) and keep its data."""
        self._run(_binary("pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def postmaster(self) -> int:
        """The server's process id (its first line of postmaster.pid)."""
        return int((self.dir / "data" / "postmaster.pid").read_text().split()[0])

    def resume(self) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w",
                  "-o", self._options, "start")

    def _run(self, *command: str) -> None:
        done = subprocess.run(self._as + list(command), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr or done.stdout}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, template: str | None = None) -> str:
        """A fresh, empty database (or a copy of `template`), as a URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template or "template0"}"'
                         " ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop a test's database (a store the test left open is disconnected)."""
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(self._as + [_binary("pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        self._port_lock.close()
