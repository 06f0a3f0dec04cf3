"""A stand-in for RDS Proxy on loopback: the login AWS makes, checked as AWS checks it.

moto stores a proxy and runs nothing. This server takes its place between a function's
driver and a real PostgreSQL (harness/emulators/postgres.py), for the proxy the emulator
holds, and does what RDS Proxy does with the SECRETS scheme and IAM authentication
required (RDS User Guide, "Setting up database credentials for RDS Proxy" and
"Connecting to a proxy using IAM authentication"):

- TLS only (the proxy's RequireTLS): a client that does not ask for TLS is refused.
- The client's password is an IAM authentication token: a SigV4 presigned `connect`
  request for the proxy's endpoint and port and the user the client names, unexpired
  (15 minutes), its signature checked with the secret key of the access key that signed it.
- `rds-db:connect` on `dbuser:<proxy resource id>/<user>` is judged against the policies
  of the principal behind that key (harness/authorization), so a role that may not connect
  is refused, and the scenario fails naming the statement.
- The user's login comes from the proxy's registered secrets (its Auth list on the
  emulator), each read with GetSecretValue as the proxy's role (judged with its key's
  policy). No secret for the user: refused, as RDS Proxy refuses it ("This RDS Proxy has
  no credentials for the role ...").
- The proxy logs in to PostgreSQL over TLS with that user name and password (SCRAM,
  MD5 or cleartext, as the server asks); the server's refusal is passed back to the client.
  Then bytes are relayed both ways until either side closes.

The endpoint's DNS name resolves to this server in-process (`resolving()`), so the driver
connects to the name the function's DB_HOST holds and signs its token for it, and checks
the server's certificate (made here for that name, `ca_file`) as it checks RDS Proxy's.
Not modeled: pooling and multiplexing, pinning, idle timeouts, MySQL.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import select
import shutil
import socket
import ssl
import struct
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import boto3
import scramp
from botocore.auth import SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from harness.authorization import policies
from harness.authorization.enforcement import acting_as, authorize
from harness.authorization.policies import Principal
from harness.emulators.postgres import Postgres
from harness.runtime.certificates import self_signed

SSL_REQUEST, GSSENC_REQUEST, CANCEL_REQUEST, PROTOCOL_3 = 80877103, 80877104, 80877102, 196608
TOKEN_LIFETIME_SECONDS = 900  # an IAM authentication token is valid for 15 minutes
CLOCK_SKEW_SECONDS = 300
MAX_MESSAGE = 1 << 20  # a startup or password message beyond this is no client's
RELAY_CHUNK = 65536


class LoginRefused(Exception):
    """A login the proxy refuses: a PostgreSQL error code and the message the client gets."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Caller:
    """Who signs with an access key, as STS would answer for it: the key's secret and its principal."""

    access_key: str
    secret_key: str
    principal: Principal


@dataclass(frozen=True)
class Token:
    host: str
    port: int
    user: str
    access_key: str


def verify_token(token: str, callers: dict[str, Caller], now: datetime | None = None) -> Token:
    """The IAM authentication token's claims, once its shape, age and signature hold."""
    parts = urlsplit(f"https://{token}")
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if (
        query.get("Action") != "connect"
        or not query.get("DBUser")
        or query.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256"
    ):
        raise LoginRefused("28P01", "the password is not an IAM authentication token (Action=connect, DBUser, SigV4)")
    try:
        access_key, day, region, service, terminal = query["X-Amz-Credential"].split("/")
        signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        expires = int(query["X-Amz-Expires"])
        signature = query["X-Amz-Signature"]
        port = parts.port or 0
    except (KeyError, ValueError) as missing:
        raise LoginRefused("28P01", f"IAM authentication token is malformed ({missing})") from None
    if (service, terminal) != ("rds-db", "aws4_request") or day != query["X-Amz-Date"][:8]:
        raise LoginRefused("28P01", "IAM authentication token is not signed for rds-db")
    now = now or datetime.now(UTC)
    age = (now - signed_at).total_seconds()
    if age > min(expires, TOKEN_LIFETIME_SECONDS) or age < -CLOCK_SKEW_SECONDS:
        raise LoginRefused("28P01", f"IAM authentication token has expired (signed {age:.0f} s ago)")
    caller = callers.get(access_key)
    if caller is None:
        raise LoginRefused("28P01", f"IAM authentication token is signed with an unknown access key {access_key}")
    unsigned = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "X-Amz-Signature"]
    request = AWSRequest(method="GET", url=f"https://{parts.netloc}{parts.path}?{urlencode(unsigned)}")
    request.context["timestamp"] = query["X-Amz-Date"]
    signer = SigV4QueryAuth(Credentials(access_key, caller.secret_key), "rds-db", region, expires=expires)
    expected = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
    if expected != signature:
        raise LoginRefused("28P01", "IAM authentication token's signature does not match")
    return Token(host=parts.hostname or "", port=port, user=query["DBUser"], access_key=access_key)


# PostgreSQL's frontend/backend protocol, as far as a login needs it (PostgreSQL docs,
# "Frontend/Backend Protocol", "Message Formats").
def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("peer closed the connection")
        data += chunk
    return data


def _read_untyped(sock: socket.socket) -> bytes:
    """A startup-phase message (no type byte): its body."""
    (length,) = struct.unpack("!i", _read_exactly(sock, 4))
    if not 8 <= length <= MAX_MESSAGE:
        raise LoginRefused("08P01", f"invalid startup packet length {length}")
    return _read_exactly(sock, length - 4)


def _read_message(sock: socket.socket) -> tuple[bytes, bytes]:
    kind = _read_exactly(sock, 1)
    (length,) = struct.unpack("!i", _read_exactly(sock, 4))
    if not 4 <= length <= MAX_MESSAGE:
        raise LoginRefused("08P01", f"invalid message length {length}")
    return kind, _read_exactly(sock, length - 4)


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!i", len(body) + 4) + body


def _error(code: str, message: str) -> bytes:
    fields = [b"SFATAL", b"VFATAL", b"C" + code.encode(), b"M" + message.encode()]
    return _message(b"E", b"\0".join(fields) + b"\0\0")


def _error_message(body: bytes) -> str:
    fields = {f[:1]: f[1:].decode("utf-8", "replace") for f in body.split(b"\0") if f}
    return fields.get(b"M", "refused")


def _startup_parameters(body: bytes) -> dict[str, str]:
    (protocol,) = struct.unpack("!i", body[:4])
    if protocol != PROTOCOL_3:
        raise LoginRefused("08P01", f"unsupported frontend protocol {protocol >> 16}.{protocol & 0xFFFF}")
    items = body[4:].split(b"\0")
    pairs = dict(zip(items[0::2], items[1::2], strict=False))
    return {k.decode(): v.decode() for k, v in pairs.items() if k}


def _startup(parameters: dict[str, str]) -> bytes:
    body = struct.pack("!i", PROTOCOL_3) + b"".join(f"{k}\0{v}\0".encode() for k, v in parameters.items()) + b"\0"
    return struct.pack("!i", len(body) + 4) + body


@dataclass
class Refusal:
    user: str
    code: str
    message: str


@dataclass
class RdsProxyStandIn:
    """The proxy `name` on the emulator, served on loopback in front of `backend`."""

    name: str
    backend: Postgres
    callers: dict[str, Caller]
    refusals: list[Refusal] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)  # users logged in, in order

    def __post_init__(self) -> None:
        [proxy] = boto3.client("rds").describe_db_proxies(DBProxyName=self.name)["DBProxies"]
        if proxy["EngineFamily"] != "POSTGRESQL":
            raise ValueError(f"{self.name}: only POSTGRESQL proxies are stood in for, not {proxy['EngineFamily']}")
        self.proxy = proxy
        self.endpoint, self.port = proxy["Endpoint"], 5432
        arn = proxy["DBProxyArn"]
        _, partition, _, region, account, _, resource_id = arn.split(":")
        self.dbuser_prefix = f"arn:{partition}:rds-db:{region}:{account}:dbuser:{resource_id}"
        self._folder = Path(tempfile.mkdtemp(prefix="rds-proxy-"))
        certificate, key = self_signed(self.endpoint)
        self.ca_file = str(self._folder / "proxy.crt")
        Path(self.ca_file).write_bytes(certificate)
        (self._folder / "proxy.key").write_bytes(key)
        self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._tls.load_cert_chain(self.ca_file, self._folder / "proxy.key")
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.address = self._listener.getsockname()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    # Serving
    def start(self) -> None:
        thread = threading.Thread(target=self._accept, name=f"rds-proxy-{self.name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self._stopping.set()
        # close() alone does not wake a thread blocked in accept() on Linux; shutdown() does.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, raw: socket.socket) -> None:
        client: socket.socket = raw
        user = "?"
        try:
            raw.settimeout(10)
            client = self._tls_only(raw)
            parameters = _startup_parameters(_read_untyped(client))
            user = parameters.get("user", "")
            client.sendall(_message(b"R", struct.pack("!i", 3)))  # AuthenticationCleartextPassword
            kind, body = _read_message(client)
            if kind != b"p":
                raise LoginRefused("08P01", "expected a password message")
            password = self._login(user, body.rstrip(b"\0").decode("utf-8", "replace"))
            backend, first = self._log_in_to_database(parameters, password)
        except LoginRefused as refused:
            self.refusals.append(Refusal(user, refused.code, refused.message))
            with contextlib.suppress(OSError):
                client.sendall(_error(refused.code, refused.message))
            client.close()
            return
        except (OSError, ConnectionError, ssl.SSLError):
            client.close()
            return
        self.logins.append(user)
        with contextlib.closing(client), contextlib.closing(backend):
            client.sendall(first)  # the database's AuthenticationOk, then what follows it
            self._relay(client, backend)

    def _tls_only(self, raw: socket.socket) -> ssl.SSLSocket:
        body = _read_untyped(raw)
        (code,) = struct.unpack("!i", body[:4])
        if code == GSSENC_REQUEST:  # the driver may try GSS encryption first: not offered
            raw.sendall(b"N")
            body = _read_untyped(raw)
            (code,) = struct.unpack("!i", body[:4])
        if code != SSL_REQUEST:
            raise LoginRefused("28000", f"{self.name} requires TLS (RequireTLS): the client did not ask for it")
        raw.sendall(b"S")
        return self._tls.wrap_socket(raw, server_side=True)

    # The checks AWS makes
    def _login(self, user: str, password: str) -> str:
        """The database password of `user`, once the IAM token and its principal pass."""
        token = verify_token(password, self.callers)
        if (token.host, token.port) != (self.endpoint, self.port):
            raise LoginRefused("28P01", f"IAM authentication token is for {token.host}:{token.port}, not this proxy")
        if token.user != user:
            raise LoginRefused("28P01", f"IAM authentication token is for user {token.user}, not {user}")
        caller = self.callers[token.access_key]
        judged = authorize(
            caller.principal,
            "rds-db:connect",
            f"{self.dbuser_prefix}/{user}",
            what=f"rds-db:connect to proxy {self.name} as {user}",
        )
        if judged.denied:
            raise LoginRefused("28P01", f"IAM authentication failed for user {user}: {judged.describe()}")
        for username, secret_password in self._registered_logins():
            if username == user:
                return secret_password
        raise LoginRefused(
            "28000",
            f"This RDS Proxy has no credentials for the role {user}."
            " Check the credentials for this role and try again.",
        )

    def _registered_logins(self) -> Iterator[tuple[str, str]]:
        """(username, password) of each secret in the proxy's Auth, read as the proxy's role."""
        role = policies.role(self.proxy["RoleArn"], label=f"role of RDS proxy {self.name}")
        secrets = boto3.client("secretsmanager")
        for auth in self.proxy.get("Auth", []):
            with acting_as(role):
                try:
                    value = secrets.get_secret_value(SecretId=auth["SecretArn"])
                except secrets.exceptions.ClientError as error:
                    code = error.response.get("Error", {}).get("Code", "")
                    raise LoginRefused("28000", f"the proxy cannot read {auth['SecretArn']}: {code}") from None
            try:
                login = json.loads(value["SecretString"])
                yield login["username"], login["password"]
            except (KeyError, TypeError, ValueError):
                continue  # a secret without username and password logs nobody in

    def _log_in_to_database(self, parameters: dict[str, str], password: str) -> tuple[ssl.SSLSocket, bytes]:
        """A TLS connection to the database, logged in as the client's user with `password`;
        and the database's answer from AuthenticationOk on, to pass to the client."""
        user = parameters["user"]
        try:
            raw = socket.create_connection((self.backend.host, self.backend.port), timeout=10)
        except OSError as error:
            raise LoginRefused("08006", f"the proxy cannot reach the database: {error}") from None
        try:
            raw.sendall(struct.pack("!ii", 8, SSL_REQUEST))
            if _read_exactly(raw, 1) != b"S":
                raise LoginRefused("08006", "the database does not speak TLS")
            context = ssl.create_default_context(cafile=self.backend.ca_file)
            server = context.wrap_socket(raw, server_hostname=self.backend.host)
            server.sendall(_startup(parameters))
            scram: scramp.ScramClient | None = None
            while True:
                kind, body = _read_message(server)
                if kind == b"E":
                    raise LoginRefused("28P01", _error_message(body))
                if kind != b"R":
                    raise LoginRefused("08P01", f"unexpected {kind!r} from the database during login")
                (step,) = struct.unpack("!i", body[:4])
                if step == 0:  # AuthenticationOk
                    server.settimeout(None)
                    return server, _message(kind, body)
                if step == 3:  # cleartext
                    server.sendall(_message(b"p", password.encode() + b"\0"))
                elif step == 5:  # MD5, salted
                    inner = hashlib.md5((password + user).encode()).hexdigest()  # noqa: S324 (the protocol's)
                    outer = hashlib.md5(inner.encode() + body[4:8]).hexdigest()  # noqa: S324
                    server.sendall(_message(b"p", f"md5{outer}".encode() + b"\0"))
                elif step == 10:  # SASL: the mechanisms offered
                    mechanisms = [m.decode() for m in body[4:].split(b"\0") if m]
                    scram = scramp.ScramClient(mechanisms, user, password)
                    first = scram.get_client_first().encode()
                    server.sendall(
                        _message(b"p", scram.mechanism_name.encode() + b"\0" + struct.pack("!i", len(first)) + first)
                    )
                elif step == 11 and scram:  # SASLContinue
                    scram.set_server_first(body[4:].decode())
                    server.sendall(_message(b"p", scram.get_client_final().encode()))
                elif step == 12 and scram:  # SASLFinal
                    scram.set_server_final(body[4:].decode())
                else:
                    raise LoginRefused("08P01", f"unsupported authentication request {step} from the database")
        except (OSError, ssl.SSLError, scramp.ScramException) as error:
            raw.close()
            raise LoginRefused("08006", f"the proxy's login to the database failed: {error}") from None
        except BaseException:
            raw.close()
            raise

    def _relay(self, client: socket.socket, server: socket.socket) -> None:
        """Bytes both ways, on this one thread (an SSL socket is not for two), until either closes."""
        peers = {client: server, server: client}
        while not self._stopping.is_set():
            ready = [s for s in peers if isinstance(s, ssl.SSLSocket) and s.pending()]
            if not ready:
                ready, _, _ = select.select(list(peers), [], [], 0.5)
            for source in ready:
                try:
                    data = source.recv(RELAY_CHUNK)
                except (OSError, ssl.SSLError):
                    return
                if not data:
                    return
                peers[source].sendall(data)

    # In-process DNS: the endpoint's name and port, to this server.
    @contextlib.contextmanager
    def resolving(self) -> Iterator[None]:
        original = socket.getaddrinfo

        def getaddrinfo(host, port, *args, **kwargs):
            if host == self.endpoint and int(port or 0) == self.port:
                return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", self.address)]
            return original(host, port, *args, **kwargs)

        socket.getaddrinfo = getaddrinfo
        try:
            yield
        finally:
            socket.getaddrinfo = original


@contextlib.contextmanager
def standing_in(name: str, backend: Postgres, callers: list[Caller]) -> Iterator[RdsProxyStandIn]:
    """The proxy `name` served in front of `backend` for the block, its endpoint resolving to it."""
    proxy = RdsProxyStandIn(name, backend, {c.access_key: c for c in callers})
    proxy.start()
    try:
        with proxy.resolving():
            yield proxy
    finally:
        proxy.stop()
        shutil.rmtree(proxy._folder, ignore_errors=True)
