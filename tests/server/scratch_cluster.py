"""PostgreSQL clusters of a test's own, in scratch folders on free ports, as an operator would
run them (initdb, pg_ctl, pg_basebackup -R for a streaming replica). The machine's shared
cluster is left alone. PostgreSQL refuses to run as root: as root, commands run as `postgres`."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.server.gunicorn import free_port

BIN = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def _run(*command: str) -> str:
    done = subprocess.run(_as_postgres(*command), check=True, capture_output=True, text=True)
    return done.stdout


class ScratchCluster:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.url = f"postgis://postgres@127.0.0.1:{port}"

    @classmethod
    def _folder(cls) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="fk-pg-"))
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        return folder

    @classmethod
    def primary(cls) -> "ScratchCluster":
        cluster = cls(cls._folder(), free_port())
        _run(
            str(BIN / "initdb"),
            "-D",
            str(cluster.folder / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        )
        with open(cluster.folder / "data" / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        return cluster.start()

    def replica(self) -> "ScratchCluster":
        """A streaming replica of this cluster, from a base backup (pg_basebackup -R)."""
        replica = ScratchCluster(self._folder(), free_port())
        _run(
            str(BIN / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-D",
            str(replica.folder / "data"),
            "-R",
            "-X",
            "stream",
            "--checkpoint=fast",  # or it waits for the primary's next checkpoint (minutes)
        )
        return replica.start()

    def start(self) -> "ScratchCluster":
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
            f" -c unix_socket_directories={self.folder}"
        )
        _run(
            str(BIN / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )
        return self

    def stop(self, mode: str = "fast") -> None:
        _run(str(BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def sql(self, statement: str, database: str = "postgres") -> str:
        return _run(
            str(BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-Atc",
            statement,
        ).strip()

    def wait_for(self, statement: str, expected: str, database: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while self.sql(statement, database) != expected:
            if time.monotonic() > deadline:
                raise AssertionError(f"{statement!r} never gave {expected!r}")
            time.sleep(0.2)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def app_database(cluster: ScratchCluster, database: str) -> str:
    """A database on `cluster` as the README's first command sets one up: PostGIS, migrations,
    Bærum's areas and campaign, the cache table. Returns its URL."""
    from tests.server.gunicorn import Gunicorn

    cluster.sql(f"CREATE DATABASE {database}")
    cluster.sql("CREATE EXTENSION postgis", database)
    url = f"{cluster.url}/{database}"
    app = Gunicorn(workers=1, DATABASE_URL=url)
    app.manage("migrate", "-v", "0")
    app.manage("import_areas", "fixtures/baerum/areas.json")
    app.manage("load_campaign", "fixtures/baerum/campaign.json")
    app.manage("createcachetable")
    return url
