"""A throwaway PostgreSQL server for the orders API tests and bench.

Built from the machine's PostgreSQL 15 binaries: initdb in a temporary folder,
TLS with a self-signed certificate for 127.0.0.1 (the handler verifies it, as
it verifies RDS Proxy's), loopback only, every connection logged (the bench
counts them), stopped and removed afterwards. Plain TCP is refused: only TLS
connections get in. By default the server trusts the password it is given (the
handler's own tests, which stand nothing in for RDS Proxy). With
`password_logins=True` it logs users in as RDS for PostgreSQL does behind a proxy:
with their passwords (SCRAM), and never a member of `rds_iam`, whom RDS admits with
IAM tokens only; the superuser stays trusted, as the harness's admin.
PostgreSQL refuses to run as root, so under root it runs as the `postgres` user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import ssl
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pg8000.native

from harness.emulators.servers import START_ATTEMPTS, free_port

CANDIDATE_BIN_DIRS = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15)]


def _bin_dir() -> Path:
    for folder in CANDIDATE_BIN_DIRS:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql-15")


@dataclass
class Postgres:
    host: str
    port: int
    ca_file: str
    log_file: Path
    superuser: str = "postgres"

    def admin(self, database: str = "postgres") -> pg8000.native.Connection:
        return pg8000.native.Connection(
            user=self.superuser,
            host=self.host,
            port=self.port,
            database=database,
            ssl_context=ssl.create_default_context(cafile=self.ca_file),
        )

    def handler_environment(self, database: str, user: str) -> dict[str, str]:
        """The DB_* variables the orders API handler reads, pointing at this server."""
        return {"DB_HOST": self.host, "DB_PORT": str(self.port), "DB_NAME": database, "DB_USER": user,
                "DB_CA_FILE": self.ca_file}  # fmt: skip

    def connections_logged(self) -> int:
        """Connections the server has authorized so far (log_connections)."""
        return self.log_file.read_text(errors="replace").count("connection authorized")

    def terminate(self, application_name: str) -> int:
        """Drop every session of that application, as a proxy idle timeout or failover would."""
        with contextlib.closing(self.admin()) as conn:
            rows = conn.run(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name",
                name=application_name,
            )
        return len(rows)


def _as_postgres_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def running_postgres(
    database: str, user: str, schema_sql: str = "", password_logins: bool = False
) -> Iterator[Postgres]:
    """Start a server with `database` owned by `user`, apply the schema, yield it, stop it."""
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="pg-"))
    data, log = root / "data", root / "server.log"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    run = lambda cmd: subprocess.run(_as_postgres_user(cmd), check=True, capture_output=True, text=True, timeout=120)  # noqa: E731
    try:
        run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"])
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(data / "server.key"), "-out", str(data / "server.crt")])  # fmt: skip
        ca_file = root / "ca.crt"
        shutil.copy(data / "server.crt", ca_file)
        logins = "hostssl all all 127.0.0.1/32 trust\n"
        if password_logins:
            logins = (
                "hostssl all postgres 127.0.0.1/32 trust\n"
                "hostssl all +rds_iam 127.0.0.1/32 reject\n"
                "hostssl all all 127.0.0.1/32 scram-sha-256\n"
            )
        (data / "pg_hba.conf").write_text(logins + "hostnossl all all 0.0.0.0/0 reject\n")
        for attempt in range(1, START_ATTEMPTS + 1):
            port = free_port()
            (data / "postgresql.auto.conf").write_text(
                f"listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{root}'\n"
                "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
                "log_connections = on\nfsync = off\nmax_connections = 50\n"
            )
            try:
                run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "30", "start"])
                break
            except subprocess.CalledProcessError:
                # The port was taken between free_port() and the server's bind: try a fresh one.
                if attempt == START_ATTEMPTS or "could not bind" not in log.read_text(errors="replace"):
                    raise
        server = Postgres(host="127.0.0.1", port=port, ca_file=str(ca_file), log_file=log)
        try:
            with contextlib.closing(server.admin()) as conn:
                conn.run(f'CREATE ROLE "{user}" LOGIN')
                if password_logins:
                    conn.run("CREATE ROLE rds_iam NOLOGIN")  # as RDS has it
                conn.run(f'CREATE DATABASE "{database}" OWNER "{user}"')
            if schema_sql:
                with contextlib.closing(server.admin(database)) as conn:
                    without_comments = "\n".join(line.split("--")[0] for line in schema_sql.splitlines())
                    for statement in filter(str.strip, without_comments.split(";")):
                        conn.run(statement)
                    conn.run(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{user}"')
            yield server
        finally:
            subprocess.run(
                _as_postgres_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                check=False, capture_output=True, timeout=60,
            )  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)
