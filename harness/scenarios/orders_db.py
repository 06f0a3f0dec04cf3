"""examples/orders-db: an orders API whose function stores and reads orders in PostgreSQL
through RDS Proxy, logging in with IAM as AWS does.

moto runs neither the database nor the proxy. The walk sets up a throwaway PostgreSQL 15
with the README's SQL (the password from the secret the example made), stands in for the
proxy (harness/runtime/rds_proxy.py: TLS, the function's IAM token judged as rds-db:connect
for its role, the login with the secret the proxy has registered, read as the proxy's role),
and runs the deployed handler in-process, as its role, on the API Gateway proxy events AWS
delivers for each request.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import boto3

from harness.authorization import policies
from harness.emulators.postgres import running_postgres
from harness.emulators.servers import patched_environ
from harness.paths import REPO
from harness.runtime.events import LambdaContext, apigw_rest_proxy_event
from harness.runtime.functions import deployed_handler
from harness.runtime.rds_proxy import Caller, standing_in
from harness.scenarios import Narrator, Stage

USE_CASE = "an orders API on PostgreSQL through RDS Proxy with IAM logins (API Gateway -> Lambda in a VPC -> RDS)"
EMULATOR = "moto"
README = REPO / "examples" / "orders-db" / "README.md"
PASSWORD_PLACEHOLDER = "'<password from db_user_secret_arn>'"  # noqa: S105 (the README's words)
NEW_ORDER = {"customer_id": "c-42", "amount": "12.50", "currency": "EUR"}


def readme_sql(password: str) -> list[str]:
    """The README's setup SQL as the master user runs it: its statements in order, `\\i` files
    read in place, the password from the secret where the README names it."""
    [block] = re.findall(r"```sql\n(.*?)```", README.read_text(), re.S)
    if PASSWORD_PLACEHOLDER not in block:
        raise ValueError(f"{README}: the setup SQL no longer names {PASSWORD_PLACEHOLDER}")
    text = ""
    for line in block.splitlines():
        if line.startswith("\\i "):
            line = (REPO / line.split(maxsplit=1)[1]).read_text()
        text += "\n".join(part.split("--")[0] for part in line.splitlines()) + "\n"
    quoted = "'" + password.replace("'", "''") + "'"
    return [s.strip() for s in text.replace(PASSWORD_PLACEHOLDER, quoted).split(";") if s.strip()]


def user_login(outputs: dict) -> dict:
    secret = boto3.client("secretsmanager").get_secret_value(SecretId=outputs["db_user_secret_arn"])
    return json.loads(secret["SecretString"])


@contextlib.contextmanager
def orders_database(outputs: dict) -> Iterator[object]:
    """The database behind the proxy, set up as the README says, with the password in
    orders_api's secret; it logs users in as RDS for PostgreSQL does (passwords, no rds_iam)."""
    with running_postgres("orders", "dbadmin", password_logins=True) as server:
        with contextlib.closing(server.admin("orders")) as admin:
            for statement in readme_sql(user_login(outputs)["password"]):
                admin.run(statement)
        yield server


@dataclass
class Ordered:
    answers: list[tuple[str, int, dict]] = field(default_factory=list)  # (request, status, body)
    logins: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)


def _request(say: Narrator, handler, function: str, method: str, path: str, resource: str, **kwargs) -> tuple:
    body = kwargs.pop("body", None)
    event = apigw_rest_proxy_event(method, path, resource, body=json.dumps(body) if body else None, **kwargs)
    say.detail(f"{method} {path}" + (f" {json.dumps(body)}" if body else ""))
    response = handler(event, LambdaContext(function))
    answer = json.loads(response["body"]) if response.get("body") else {}
    say.detail(f"  -> {response['statusCode']} {json.dumps(answer)}")
    return response["statusCode"], answer


def walk(stage: Stage, say: Narrator) -> Ordered:
    function, result = stage.outputs["function_name"], Ordered()
    say.step("A throwaway PostgreSQL 15 stands in for the instance, set up with the README's SQL")
    login = user_login(stage.outputs)
    say.detail(f"orders_api's login from {stage.outputs['db_user_secret_arn']}: user {login['username']}")
    with orders_database(stage.outputs) as database:
        role_arn = boto3.client("lambda").get_function_configuration(FunctionName=function)["Role"]
        caller = Caller("testing", "testing", policies.role(role_arn))  # the role's session, as STS issues it
        say.step(f"Orders sent to the API, run by {function} (in-process, as {role_arn.rsplit('/', 1)[1]})")
        with (
            standing_in("orders-db", database, [caller]) as proxy,
            deployed_handler(function) as handler,
            patched_environ({"DB_CA_FILE": proxy.ca_file}),  # the stand-in's certificate, for the proxy endpoint
        ):
            say.detail(f"through the proxy stand-in for {stage.outputs['proxy_endpoint']} (TLS, IAM auth)")
            status, created = _request(say, handler, function, "POST", "/orders", "/orders", body=NEW_ORDER)
            result.answers.append(("create", status, created))
            order_id = created.get("order_id", "missing")
            read = _request(
                say, handler, function, "GET", f"/orders/{order_id}", "/orders/{order_id}",
                path_parameters={"order_id": order_id},
            )  # fmt: skip
            result.answers.append(("read", *read))
            bad = _request(say, handler, function, "POST", "/orders", "/orders", body={**NEW_ORDER, "amount": "lots"})
            result.answers.append(("bad amount", *bad))
        result.logins, result.refusals = list(proxy.logins), list(proxy.refusals)
    say.step("What the proxy saw")
    say.detail(f"database logins: {result.logins}; refused connections: {result.refusals or 'none'}")
    return result
