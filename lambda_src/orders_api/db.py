"""One database connection per warm execution environment, through RDS Proxy.

The password is an IAM authentication token (15 minutes, signed locally by
boto3: no network call), the connection is TLS, and it is kept across warm
invocations. When the proxy or server has dropped it, it is opened again once
and the statement retried; anything else is the caller's DatabaseUnavailable.
"""

from __future__ import annotations

import contextlib
import functools
import ssl
from dataclasses import dataclass
from typing import Any

import boto3
import pg8000.native
from pg8000.exceptions import DatabaseError, InterfaceError

from function_settings import from_env, variable

rds = boto3.client("rds")


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or refused the work; the client should retry later."""


@dataclass(frozen=True)
class Settings:
    host: str = variable("DB_HOST")
    port: int = variable("DB_PORT")
    database: str = variable("DB_NAME")
    user: str = variable("DB_USER")
    ca_file: str | None = variable("DB_CA_FILE", None)  # RDS Proxy's certificate chains to Amazon's public roots


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


def auth_token(config: Settings) -> str:
    return rds.generate_db_auth_token(
        DBHostname=config.host, Port=config.port, DBUsername=config.user, Region=rds.meta.region_name
    )


def _tls(config: Settings) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=config.ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


class Database:
    def __init__(self) -> None:
        self._connection: pg8000.native.Connection | None = None
        self.connections_opened = 0

    def _connect(self) -> pg8000.native.Connection:
        config = settings()
        try:
            connection = pg8000.native.Connection(
                user=config.user,
                host=config.host,
                port=config.port,
                database=config.database,
                password=auth_token(config),
                ssl_context=_tls(config),
                timeout=5,
                application_name="orders-api",
            )
        except (InterfaceError, DatabaseError, OSError) as exc:
            raise DatabaseUnavailable(f"cannot connect: {type(exc).__name__}") from exc
        self.connections_opened += 1
        return connection

    def run(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        """Run one parameterised statement; rows as dicts."""
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = self._connect()
            try:
                rows = self._connection.run(sql, **params)
                columns = [c["name"] for c in self._connection.columns or []]
                return [dict(zip(columns, row, strict=True)) for row in rows or []]
            except InterfaceError as exc:  # the connection went away (proxy idle timeout, failover)
                self.close()
                if attempt == 2:
                    raise DatabaseUnavailable("connection lost twice") from exc
            except DatabaseError as exc:
                raise DatabaseUnavailable(
                    f"statement failed: {exc.args[0].get('C', '?') if exc.args else '?'}"
                ) from exc
        raise DatabaseUnavailable("unreachable")  # pragma: no cover

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(InterfaceError, OSError):
                self._connection.close()
            self._connection = None
