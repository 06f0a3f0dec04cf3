"""modules/vpc-lambda-rds-proxy: both network modes, both engine families, Aurora,
endpoints and NAT, sliced from the one plan of tests/plan_root."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.plan

ACCOUNT, REGION = "123456789012", "us-east-1"


@pytest.fixture(scope="module")
def postgres(module_plan):
    return module_plan("rds_new_vpc_postgres")


@pytest.fixture(scope="module")
def mysql(module_plan):
    return module_plan("rds_new_vpc_nat_mysql")


@pytest.fixture(scope="module")
def aurora(module_plan):
    return module_plan("rds_existing_vpc_aurora")


def rules(plan, kind: str) -> dict[str, dict]:
    return {
        address.split(".")[-1].split("[")[0]: values
        for address, values in plan.of_type(f"aws_vpc_security_group_{kind}_rule").items()
    }


def test_new_vpc_without_internet_spans_three_zones(postgres):
    counts = postgres.type_counts()
    assert counts["aws_vpc"] == 1 and counts["aws_subnet"] == 3 and counts["aws_route_table"] == 3
    for absent in ("aws_nat_gateway", "aws_internet_gateway", "aws_eip", "aws_route"):
        assert absent not in counts, absent
    cidrs = sorted(s["cidr_block"] for s in postgres.of_type("aws_subnet").values())
    assert cidrs == ["10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20"]
    assert postgres.one("aws_default_security_group").get("ingress") in (None, [])


def test_nat_per_zone_and_single(mysql, module_plan):
    counts = mysql.type_counts()
    assert counts["aws_nat_gateway"] == 2 and counts["aws_eip"] == 2 and counts["aws_subnet"] == 4
    assert counts["aws_route"] == 3  # one public route to the IGW, one private route per zone
    single = module_plan("rds_single_nat").type_counts()
    assert single["aws_nat_gateway"] == 1 and single["aws_route"] == 3


def test_security_groups_chain_by_reference_on_the_database_port(postgres, mysql):
    for plan, port in ((postgres, 5432), (mysql, 3306)):
        ingress, egress = rules(plan, "ingress"), rules(plan, "egress")
        for name in ("proxy_from_function", "database_from_proxy"):
            assert (ingress[name]["from_port"], ingress[name]["to_port"], ingress[name].get("cidr_ipv4")) == (
                port,
                port,
                None,
            )
        assert (egress["function_to_proxy"]["from_port"], egress["proxy_to_database"]["to_port"]) == (port, port)
    # Endpoints admit HTTPS from the VPC only; the function has no inbound rule at all.
    assert rules(postgres, "ingress")["endpoints_https"]["cidr_ipv4"] == "10.20.0.0/16"
    assert "function_to_internet" not in rules(postgres, "egress")  # no NAT: no internet egress
    assert rules(mysql, "egress")["function_to_internet"]["from_port"] == 443


def test_interface_endpoints_use_private_dns_in_the_private_subnets(postgres):
    endpoints = postgres.by_key("aws_vpc_endpoint")
    assert {k: e["service_name"] for k, e in endpoints.items()} == {
        "lambda": f"com.amazonaws.{REGION}.lambda",
        "secretsmanager": f"com.amazonaws.{REGION}.secretsmanager",
    }
    assert all(e["private_dns_enabled"] and e["vpc_endpoint_type"] == "Interface" for e in endpoints.values())


def test_database_is_private_encrypted_with_a_managed_secret(postgres, mysql):
    db = postgres.one("aws_db_instance")
    assert (db["engine"], db["engine_version"], db["port"]) == ("postgres", "16.4", 5432)
    assert db["storage_encrypted"] and db["iam_database_authentication_enabled"] and not db["publicly_accessible"]
    assert db["manage_master_user_password"] is True
    assert db["master_user_secret_kms_key_id"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/5555-secret"
    assert (db["deletion_protection"], db["multi_az"], db["backup_retention_period"]) == (True, True, 7)
    assert db["final_snapshot_identifier"] == "rds-postgres-final"
    assert db["enabled_cloudwatch_logs_exports"] == ["postgresql"]
    other = mysql.one("aws_db_instance")
    assert (other["engine"], other["port"], other["deletion_protection"], other["skip_final_snapshot"]) == (
        "mysql",
        3306,
        False,
        True,
    )
    assert other.get("final_snapshot_identifier") is None


def test_proxy_requires_tls_and_iam_with_pool_settings(postgres, mysql):
    proxy = postgres.one("aws_db_proxy")
    assert (proxy["engine_family"], proxy["require_tls"], proxy["debug_logging"]) == ("POSTGRESQL", True, False)
    assert proxy["idle_client_timeout"] == 900
    # Two logins, both IAM tokens at the proxy: the function's user and the master (secret ARNs known after apply).
    assert [(a["auth_scheme"], a["iam_auth"]) for a in proxy["auth"]] == [("SECRETS", "REQUIRED")] * 2
    [pool] = postgres.one("aws_db_proxy_default_target_group")["connection_pool_config"]
    assert (
        pool["max_connections_percent"],
        pool["max_idle_connections_percent"],
        pool["connection_borrow_timeout"],
    ) == (80, 20, 30)
    assert mysql.one("aws_db_proxy")["engine_family"] == "MYSQL"


def test_the_functions_user_has_its_own_secret_whose_password_never_reaches_plan_or_state(postgres, mysql, module_plan):
    """The proxy logs in to the database with the secret of the user a client names (RDS Proxy, SECRETS
    scheme); the password is generated ephemeral and written to the secret write-only."""
    secret = postgres.one("aws_secretsmanager_secret")
    assert secret["name"] == "rds-postgres/db-users/app_user"
    assert secret["kms_key_id"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/5555-secret"  # the database's secret key
    assert secret["recovery_window_in_days"] == 7
    version = postgres.one("aws_secretsmanager_secret_version")
    assert version["secret_string_wo_version"] == 1
    assert version.get("secret_string_wo") is None and version.get("secret_string") in (None, "")
    assert mysql.one("aws_secretsmanager_secret")["name"] == "rds-mysql/db-users/reporting"
    assert mysql.one("aws_secretsmanager_secret").get("kms_key_id") is None  # the AWS managed key
    own_key = module_plan("rds_single_nat")
    assert own_key.one("aws_secretsmanager_secret")["kms_key_id"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/6666-user"
    assert own_key.one("aws_secretsmanager_secret")["recovery_window_in_days"] == 0
    assert own_key.one("aws_secretsmanager_secret_version")["secret_string_wo_version"] == 2
    assert "password" not in json.dumps(postgres.one("aws_secretsmanager_secret_version"))


def test_proxy_role_reads_only_the_secret_and_decrypts_only_via_secrets_manager(postgres):
    policies = {p["name"]: p for p in postgres.of_type("aws_iam_role_policy").values() if "policy" in p}
    # The secret ARN is RDS's, known after apply; the KMS statement is known now.
    proxy_address = next(a for a, c in postgres.managed.items() if c["type"] == "aws_iam_role_policy" and "proxy" in a)
    assert postgres.unknown(proxy_address)["policy"] is True
    assert "rds-postgres-rds-proxy" not in policies
    trust = json.loads(
        next(r for r in postgres.of_type("aws_iam_role").values() if r["name"] == "rds-postgres-rds-proxy")[
            "assume_role_policy"
        ]
    )
    [statement] = trust["Statement"]
    assert statement["Principal"] == {"Service": "rds.amazonaws.com"}
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}


def test_function_is_placed_in_the_vpc_and_may_manage_its_enis(postgres):
    # Subnets, security group, DB_HOST (the proxy endpoint) and the rds-db:connect resource
    # (the proxy's resource ID) exist only after apply; tests/examples/orders-db/test_apply.py reads them back.
    address = next(a for a, c in postgres.managed.items() if c["type"] == "aws_lambda_function")
    unknown = postgres.unknown(address)
    assert unknown["vpc_config"] and unknown["environment"]
    # The network-interface actions only, inline: no managed policy with logs actions on every group.
    assert postgres.of_type("aws_iam_role_policy_attachment") == {}
    # Its policy names the proxy's resource ID, so it is read back after apply
    # (tests/examples/orders-db/test_apply.py checks the network-interface statement there).
    assert postgres.one("aws_lambda_function")["function_name"] == "rds-postgres"


def test_aurora_in_an_existing_vpc(aurora):
    counts = aurora.type_counts()
    assert "aws_vpc" not in counts and "aws_subnet" not in counts
    assert (
        counts["aws_rds_cluster"] == 1 and counts["aws_rds_cluster_instance"] == 2 and "aws_db_instance" not in counts
    )
    cluster = aurora.one("aws_rds_cluster")
    assert (cluster["engine"], cluster["port"], cluster["storage_encrypted"]) == ("aurora-postgresql", 5432, True)
    assert cluster["manage_master_user_password"] is True and cluster["iam_database_authentication_enabled"] is True
    assert aurora.one("aws_db_subnet_group")["subnet_ids"] == ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    assert rules(aurora, "ingress")["endpoints_https"]["cidr_ipv4"] == "10.99.0.0/16"
    assert {i["instance_class"] for i in aurora.of_type("aws_rds_cluster_instance").values()} == {"db.r6g.large"}


def test_disabled_creates_nothing(module_plan):
    assert module_plan("rds_disabled").managed == {}
