"""examples/orders-db applied on moto: VPC, security groups, PostgreSQL, RDS Proxy, the
function in the VPC and the API in front. moto runs neither the database nor the proxy:
the deployed wiring is read back from the emulator, and the orders scenario runs the
deployed handler in-process (on the API Gateway proxy event AWS delivers) through a
stand-in for the proxy (harness/runtime/rds_proxy.py) into a real PostgreSQL set up with
the README's SQL, logging in as AWS does (tests/handlers/test_orders_api.py covers the
handler's own cases against PostgreSQL directly)."""

from __future__ import annotations

import contextlib
import json
import re

import boto3
import pytest

from harness.authorization import policies
from harness.authorization.enforcement import AuthorizationFailure, authorize, scenario
from harness.emulators.postgres import running_postgres
from harness.emulators.servers import patched_environ
from harness.paths import REPO
from harness.runtime.events import LambdaContext, apigw_rest_proxy_event
from harness.runtime.functions import deployed_handler
from harness.runtime.rds_proxy import Caller, standing_in
from harness.terraform.plan import LAMBDA_NETWORK_INTERFACE_ACTIONS
from policies.deployed import functions_in_public_subnets, vpc_functions

pytestmark = pytest.mark.apply

README = REPO / "examples" / "orders-db" / "README.md"
PASSWORD_PLACEHOLDER = "'<password from db_user_secret_arn>'"  # noqa: S105 (the README's words)


def readme_sql(password: str) -> list[str]:
    """The README's setup SQL as the master user runs it: its statements in order, `\\i` files
    read in place, the password from the secret where the README names it."""
    [block] = re.findall(r"```sql\n(.*?)```", README.read_text(), re.S)
    assert PASSWORD_PLACEHOLDER in block
    text = ""
    for line in block.splitlines():
        if line.startswith("\\i "):
            line = (REPO / line.split(maxsplit=1)[1]).read_text()
        text += "\n".join(part.split("--")[0] for part in line.splitlines()) + "\n"
    quoted = "'" + password.replace("'", "''") + "'"
    return [s.strip() for s in text.replace(PASSWORD_PLACEHOLDER, quoted).split(";") if s.strip()]


@pytest.fixture(scope="module")
def orders_database(applied):
    """The database behind the proxy, set up once as the README says, with the password in
    orders_api's secret; it logs users in as RDS for PostgreSQL does (passwords, no rds_iam)."""
    secret = boto3.client("secretsmanager").get_secret_value(SecretId=applied.outputs["db_user_secret_arn"])
    login = json.loads(secret["SecretString"])
    assert login["username"] == "orders_api" and len(login["password"]) == 32
    with running_postgres("orders", "dbadmin", password_logins=True) as server:
        with contextlib.closing(server.admin("orders")) as admin:
            for statement in readme_sql(login["password"]):
                admin.run(statement)
        yield server


def order_request(handler, method: str, path: str, body=None, query=None, resource=None, params=None):
    event = apigw_rest_proxy_event(method, path, resource or path, params, query, json.dumps(body) if body else None)
    response = handler(event, LambdaContext("orders-db"))
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else {}


def test_an_order_is_stored_and_read_through_the_proxy_logging_in_as_aws_does(applied, orders_database):
    """The function's IAM token opens the proxy (rds-db:connect judged against its role), the proxy
    logs in as orders_api with the secret it has registered (read as its role), TLS both ways."""
    function = applied.outputs["function_name"]
    role_arn = boto3.client("lambda").get_function_configuration(FunctionName=function)["Role"]
    caller = Caller("testing", "testing", policies.role(role_arn))  # the role's session, as STS issues it
    with (
        standing_in("orders-db", orders_database, [caller]) as proxy,
        deployed_handler(function) as handler,
        patched_environ({"DB_CA_FILE": proxy.ca_file}),  # the stand-in's certificate, for the proxy endpoint
    ):
        status, created = order_request(handler, "POST", "/orders", {"customer_id": "c-42", "amount": "12.50",
                                                                     "currency": "EUR"})  # fmt: skip
        assert status == 201, (created, proxy.refusals)
        read = order_request(handler, "GET", f"/orders/{created['order_id']}", resource="/orders/{order_id}",
                             params={"order_id": created["order_id"]})  # fmt: skip
        assert read == (200, created)
    assert proxy.refusals == [] and proxy.logins == ["orders_api"]  # one connection, kept warm


def test_proxy_requires_tls_and_iam_and_logs_in_with_the_users_secret_or_the_masters(applied):
    [proxy] = boto3.client("rds").describe_db_proxies(DBProxyName="orders-db")["DBProxies"]
    assert proxy["RequireTLS"] is True and proxy["EngineFamily"] == "POSTGRESQL"
    assert proxy["DebugLogging"] is False
    assert sorted((a["AuthScheme"], a["IAMAuth"], a["SecretArn"]) for a in proxy["Auth"]) == sorted(
        ("SECRETS", "REQUIRED", arn) for arn in (applied.outputs["secret_arn"], applied.outputs["db_user_secret_arn"])
    )
    assert proxy["Endpoint"] == applied.outputs["proxy_endpoint"]
    [instance] = boto3.client("rds").describe_db_instances(DBInstanceIdentifier="orders-db")["DBInstances"]
    assert instance["StorageEncrypted"] is True and instance["PubliclyAccessible"] is False
    assert instance["IAMDatabaseAuthenticationEnabled"] is True
    assert instance["MasterUserSecret"]["SecretArn"] == applied.outputs["secret_arn"]


def test_function_runs_in_the_private_subnets_with_its_security_group(applied):
    config = boto3.client("lambda").get_function_configuration(FunctionName=applied.outputs["function_name"])
    groups = applied.outputs["security_group_ids"]
    assert config["VpcConfig"]["SecurityGroupIds"] == [groups["function"]]
    subnets = boto3.client("ec2").describe_subnets(SubnetIds=config["VpcConfig"]["SubnetIds"])["Subnets"]
    assert len({s["AvailabilityZone"] for s in subnets}) == 2
    assert {s["VpcId"] for s in subnets} == {applied.outputs["vpc_id"]}
    assert all(not s["MapPublicIpOnLaunch"] for s in subnets)
    environment = config["Environment"]["Variables"]
    assert (environment["DB_HOST"], environment["DB_USER"], environment["DB_PORT"]) == (
        applied.outputs["proxy_endpoint"],
        "orders_api",
        "5432",
    )


def test_every_function_of_the_example_is_in_private_subnets_only(applied):
    # Policy ASM_13 on the deployed example: subnets joined to the route tables they use.
    functions = vpc_functions(applied.tf.state_pull()._raw)
    assert list(functions) == [applied.outputs["function_name"]]
    assert functions_in_public_subnets(boto3.client("ec2"), functions) == []


def test_function_may_connect_as_its_user_on_this_proxy_only(applied):
    iam = boto3.client("iam")
    role = applied.outputs["function_name"]
    document = iam.get_role_policy(RoleName=role, PolicyName=f"{role}-execution")["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    [connect] = [s for s in document["Statement"] if s.get("Sid") == "ConnectThroughProxy"]
    [proxy] = boto3.client("rds").describe_db_proxies(DBProxyName="orders-db")["DBProxies"]
    resource_id = proxy["DBProxyArn"].split(":")[-1]
    assert connect["Action"] in ("rds-db:connect", ["rds-db:connect"])
    assert connect["Resource"] in (applied.outputs["db_user_arn"], [applied.outputs["db_user_arn"]])
    assert applied.outputs["db_user_arn"].endswith(f":dbuser:{resource_id}/orders_api")
    # In the VPC through the network-interface actions alone: no managed policy (it grants logs on every group).
    [interfaces] = [s for s in document["Statement"] if s.get("Sid") == "NetworkInterfaces"]
    assert sorted(interfaces["Action"]) == LAMBDA_NETWORK_INTERFACE_ACTIONS
    assert iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []


def test_the_proxy_role_reads_only_its_login_secrets_and_no_key_of_the_account(applied):
    """Judged as IAM would (harness/authorization): both secrets are readable; with the AWS managed
    aws/secretsmanager key nothing is granted on keys (its key policy admits the account through
    Secrets Manager), so no other key of the account can be decrypted with this role."""
    proxy_role = policies.role("arn:aws:iam::123456789012:role/orders-db-rds-proxy")
    granted = [st["Sid"] for p in proxy_role.identity_policies for st in p["policy"]["Statement"]]
    assert granted == ["ReadLoginSecrets"]
    [proxy] = boto3.client("rds").describe_db_proxies(DBProxyName="orders-db")["DBProxies"]
    with scenario():
        for auth in proxy["Auth"]:
            authorize(proxy_role, "secretsmanager:GetSecretValue", auth["SecretArn"])
    with pytest.raises(AuthorizationFailure, match="kms:Decrypt"), scenario():
        authorize(
            proxy_role,
            "kms:Decrypt",
            "arn:aws:kms:us-east-1:123456789012:key/another-teams-key",
            **policies.via_service("secretsmanager", proxy_role.arn),
        )


def test_security_groups_chain_by_reference_on_the_database_port(applied):
    ec2 = boto3.client("ec2")
    groups = applied.outputs["security_group_ids"]
    rules = ec2.describe_security_group_rules(
        Filters=[{"Name": "group-id", "Values": list(filter(None, groups.values()))}]
    )
    inbound = {(r["GroupId"], r.get("ReferencedGroupInfo", {}).get("GroupId"), r.get("CidrIpv4"), r["FromPort"])
               for r in rules["SecurityGroupRules"] if not r["IsEgress"]}  # fmt: skip
    assert inbound == {
        (groups["proxy"], groups["function"], None, 5432),
        (groups["database"], groups["proxy"], None, 5432),
        (groups["endpoints"], None, "10.30.0.0/16", 443),
    }
