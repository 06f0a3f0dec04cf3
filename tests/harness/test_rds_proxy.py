"""harness/runtime/rds_proxy.py: the RDS Proxy stand-in logs in as AWS does, or refuses as AWS would.

On the session's moto: a proxy, its role and secrets are created with boto3, a real
PostgreSQL takes password logins only (harness/emulators/postgres.py), and pg8000 connects
as the orders API does, with a boto3-signed IAM token over TLS."""

from __future__ import annotations

import contextlib
import json
import ssl
import uuid
from datetime import UTC, datetime, timedelta

import boto3
import pg8000.native
import pytest
from pg8000.exceptions import DatabaseError, InterfaceError

from harness.authorization import policies
from harness.authorization.enforcement import AuthorizationFailure, scenario
from harness.emulators.postgres import running_postgres
from harness.runtime.rds_proxy import Caller, LoginRefused, standing_in, verify_token

pytestmark = pytest.mark.unit

ACCESS_KEY = SECRET_KEY = "testing"  # noqa: S105 (the emulator's credentials, which the driver signs with)
REGION = "us-east-1"
PASSWORD = "Login-Password-0f-orders-api-1234"  # noqa: S105 (a throwaway server's)


def trust(service: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}],
        }
    )


def role(name: str, service: str, statements: list[dict]) -> policies.Principal:
    iam = boto3.client("iam")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(service))["Role"]["Arn"]
    document = {"Version": "2012-10-17", "Statement": statements}
    iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=json.dumps(document))
    return policies.role(arn)


def secret(name: str, username: str, password: str) -> str:
    value = json.dumps({"username": username, "password": password})
    return boto3.client("secretsmanager").create_secret(Name=name, SecretString=value)["ARN"]


@pytest.fixture(scope="module")
def database():
    with running_postgres("orders", "dbadmin", password_logins=True) as server:
        with contextlib.closing(server.admin("orders")) as admin:
            admin.run(f"CREATE ROLE orders_api LOGIN PASSWORD '{PASSWORD}'")
            admin.run("CREATE ROLE iam_only LOGIN PASSWORD 'Another-password-of-16+'")
            admin.run("GRANT rds_iam TO iam_only")  # the README's old advice: refused on RDS
        yield server


@pytest.fixture
def proxy_setup(emulator):
    """A proxy on the emulator whose role may read the secrets it has registered, and a
    function role that may connect as orders_api through it."""
    suffix = uuid.uuid4().hex[:8]
    users = {
        "orders_api": secret(f"p-{suffix}/orders_api", "orders_api", PASSWORD),
        "iam_only": secret(f"p-{suffix}/iam_only", "iam_only", "Another-password-of-16+"),
    }
    unregistered = secret(f"p-{suffix}/reporting", "reporting", "Reporting-password-1234")
    proxy_role = role(
        f"p-{suffix}-proxy",
        "rds.amazonaws.com",
        [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": list(users.values())}],
    )
    ec2 = boto3.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab")
    ]
    name = f"p-{suffix}"
    created = boto3.client("rds").create_db_proxy(
        DBProxyName=name,
        EngineFamily="POSTGRESQL",
        RoleArn=proxy_role.arn,
        VpcSubnetIds=subnets,
        RequireTLS=True,
        Auth=[{"AuthScheme": "SECRETS", "IAMAuth": "REQUIRED", "SecretArn": arn} for arn in users.values()],
    )["DBProxy"]
    resource_id = created["DBProxyArn"].split(":")[-1]
    connect = f"arn:aws:rds-db:{REGION}:123456789012:dbuser:{resource_id}"
    function_role = role(
        f"p-{suffix}-function",
        "lambda.amazonaws.com",
        [{"Effect": "Allow", "Action": "rds-db:connect", "Resource": [f"{connect}/orders_api", f"{connect}/iam_only",
                                                                       f"{connect}/reporting"]}],
    )  # fmt: skip
    yield {"name": name, "function_role": function_role, "unregistered": unregistered, "connect": connect}
    boto3.client("rds").delete_db_proxy(DBProxyName=name)


def connect(proxy, user: str, token: str | None = None, tls: bool = True) -> pg8000.native.Connection:
    """As the orders API connects: to the endpoint's name, an IAM token as password, TLS."""
    token = token or boto3.client("rds").generate_db_auth_token(
        DBHostname=proxy.endpoint, Port=proxy.port, DBUsername=user, Region=REGION
    )
    return pg8000.native.Connection(
        user=user,
        host=proxy.endpoint,
        port=proxy.port,
        database="orders",
        password=token,
        ssl_context=ssl.create_default_context(cafile=proxy.ca_file) if tls else False,  # False: plain TCP
        timeout=10,
    )


def refused(proxy, user: str, **kwargs) -> str:
    with pytest.raises((DatabaseError, InterfaceError)) as error:
        connect(proxy, user, **kwargs).close()
    return str(error.value)


@pytest.fixture
def proxy(proxy_setup, database):
    caller = Caller(ACCESS_KEY, SECRET_KEY, proxy_setup["function_role"])
    with standing_in(proxy_setup["name"], database, [caller]) as stand_in:
        yield stand_in


def test_a_valid_token_for_a_registered_user_logs_in_with_its_secret_and_the_session_is_relayed(proxy):
    with scenario(), contextlib.closing(connect(proxy, "orders_api")) as connection:
        assert connection.run("SELECT current_user, ssl FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
                              " WHERE pid = pg_backend_pid()") == [["orders_api", True]]  # fmt: skip
        assert connection.run("SELECT 40 + 2") == [[42]]
    assert proxy.logins == ["orders_api"] and proxy.refusals == []


def test_a_user_without_a_registered_secret_is_refused_as_rds_proxy_refuses_it(proxy, proxy_setup):
    # The secret exists and the database knows no such user either way: the proxy has no login for it.
    message = refused(proxy, "reporting")
    assert "This RDS Proxy has no credentials for the role reporting" in message


def test_a_user_granted_rds_iam_cannot_log_in_through_the_proxy_as_on_rds(proxy):
    message = refused(proxy, "iam_only")
    assert 'pg_hba.conf rejects connection for host "127.0.0.1", user "iam_only"' in message


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("another_user", "token is for user iam_only, not orders_api"),
        ("another_host", "token is for elsewhere.example.com:5432, not this proxy"),
        ("tampered", "signature does not match"),
        ("password", "not an IAM authentication token"),
    ],
)
def test_a_token_that_is_not_for_this_login_is_refused(proxy, case, expected):
    rds = boto3.client("rds")
    sign = lambda host, user: rds.generate_db_auth_token(DBHostname=host, Port=5432, DBUsername=user, Region=REGION)  # noqa: E731
    token = {
        "another_user": lambda: sign(proxy.endpoint, "iam_only"),
        "another_host": lambda: sign("elsewhere.example.com", "orders_api"),
        "tampered": lambda: sign(proxy.endpoint, "orders_api")[:-4] + "0000",
        "password": lambda: PASSWORD,
    }[case]()
    assert expected in refused(proxy, "orders_api", token=token)
    assert [r.user for r in proxy.refusals] == ["orders_api"]


def test_a_client_that_does_not_ask_for_tls_is_refused(proxy):
    assert "requires TLS" in refused(proxy, "orders_api", tls=False)


def test_a_role_that_may_not_connect_as_the_user_is_refused_and_fails_the_scenario(proxy_setup, database):
    elsewhere = {"Effect": "Allow", "Action": "rds-db:connect", "Resource": f"{proxy_setup['connect']}/reporting"}
    stranger = role(f"stranger-{uuid.uuid4().hex[:8]}", "lambda.amazonaws.com", [elsewhere])
    with (
        standing_in(proxy_setup["name"], database, [Caller(ACCESS_KEY, SECRET_KEY, stranger)]) as proxy,
        pytest.raises(AuthorizationFailure, match="rds-db:connect"),
        scenario(),
    ):
        assert "IAM authentication failed for user orders_api" in refused(proxy, "orders_api")


def test_a_proxy_role_that_may_not_read_the_users_secret_cannot_log_it_in(proxy_setup, database, emulator):
    boto3.client("iam").delete_role_policy(RoleName=f"{proxy_setup['name']}-proxy", PolicyName="inline")
    caller = Caller(ACCESS_KEY, SECRET_KEY, proxy_setup["function_role"])
    with (
        standing_in(proxy_setup["name"], database, [caller]) as proxy,
        pytest.raises(AuthorizationFailure, match="secretsmanager:GetSecretValue"),
        scenario(),
    ):
        assert "cannot read" in refused(proxy, "orders_api")


def test_a_token_is_verified_with_the_signers_secret_key():
    token = boto3.client(
        "rds",
        region_name=REGION,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="right",  # noqa: S106
    ).generate_db_auth_token(DBHostname="p.proxy-x.us-east-1.rds.amazonaws.com", Port=5432, DBUsername="u")
    someone = policies.Principal("arn:aws:iam::123456789012:role/r")
    claims = verify_token(token, {"AKIDEXAMPLE": Caller("AKIDEXAMPLE", "right", someone)})
    assert (claims.host, claims.port, claims.user) == ("p.proxy-x.us-east-1.rds.amazonaws.com", 5432, "u")
    with pytest.raises(LoginRefused, match="signature does not match"):
        verify_token(token, {"AKIDEXAMPLE": Caller("AKIDEXAMPLE", "wrong", someone)})
    with pytest.raises(LoginRefused, match="unknown access key"):
        verify_token(token, {})
    callers = {"AKIDEXAMPLE": Caller("AKIDEXAMPLE", "right", someone)}
    assert verify_token(token, callers, now=datetime.now(UTC) + timedelta(minutes=14)).user == "u"
    with pytest.raises(LoginRefused, match="token has expired"):  # 15 minutes, as AWS has it
        verify_token(token, callers, now=datetime.now(UTC) + timedelta(minutes=16))


def test_stopping_the_stand_in_ends_its_listener_and_every_session(proxy_setup, database):
    # A stand-in that leaves its accept loop blocked holds every test's teardown for the
    # join's bound, and a session left open keeps a thread on the database.
    caller = Caller(ACCESS_KEY, SECRET_KEY, proxy_setup["function_role"])
    with standing_in(proxy_setup["name"], database, [caller]) as stand_in:
        open_session = connect(stand_in, "orders_api")
        assert open_session.run("SELECT 1") == [[1]]
        threads = list(stand_in._threads)
    assert len(threads) == 2  # the listener's and the open session's
    assert [t.name for t in threads if t.is_alive()] == []
    with pytest.raises((InterfaceError, OSError)):
        open_session.run("SELECT 1")
