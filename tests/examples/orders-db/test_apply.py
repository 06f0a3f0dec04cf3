"""examples/orders-db applied on moto: VPC, security groups, PostgreSQL, RDS Proxy, the
function in the VPC and the API in front. moto runs neither the database nor the proxy:
the deployed wiring is read back from the emulator, and the orders scenario runs the
deployed handler in-process (on the API Gateway proxy event AWS delivers) through a
stand-in for the proxy (harness/runtime/rds_proxy.py) into a real PostgreSQL set up with
the README's SQL, logging in as AWS does (tests/handlers/test_orders_api.py covers the
handler's own cases against PostgreSQL directly)."""

from __future__ import annotations

import json

import boto3
import pytest

from harness.authorization import policies
from harness.authorization.enforcement import AuthorizationFailure, authorize, scenario
from harness.scenarios import orders_db
from harness.terraform.plan import LAMBDA_NETWORK_INTERFACE_ACTIONS
from policies.deployed import functions_in_public_subnets, vpc_functions

pytestmark = pytest.mark.apply


def test_an_order_is_stored_and_read_through_the_proxy_logging_in_as_aws_does(stage, narrator):
    """The use case `make demo EXAMPLE=orders-db` walks (harness/scenarios/orders_db.py). The function's
    IAM token opens the proxy (rds-db:connect judged against its role), the proxy logs in as
    orders_api with the secret it has registered (read as its role), TLS both ways."""
    ordered = orders_db.walk(stage, narrator)
    (_, status, created), read, (_, bad_status, bad) = ordered.answers
    assert status == 201, (created, ordered.refusals)
    assert created["customer_id"] == "c-42" and created["order_id"]
    assert read == ("read", 200, created)
    assert bad_status == 400 and "amount" in bad["message"], bad
    assert ordered.refusals == [] and ordered.logins == ["orders_api"]  # one connection, kept warm
    assert f"GET /orders/{created['order_id']}" in narrator.text


def test_the_login_secret_is_the_orders_api_users(applied):
    login = orders_db.user_login(applied.outputs)
    assert login["username"] == "orders_api" and len(login["password"]) == 32


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
