"""Policies judged on the deployed account (policies/deployed/), on moto:

- ASM_13 (a VPC function runs in private subnets only): a network with one private
  subnet and three public ones, each public for a different reason.
- ASM_14 (tasks admit their load balancer only): a load balancer and task security
  groups that admit it, a CIDR, or another group.

tests/examples/orders-db/test_apply.py and tests/examples/web-service/test_apply.py run them on the examples."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from harness.emulators.servers import Emulator
from policies.deployed import (
    ServiceNetwork,
    ecs_services,
    edge_functions_without_edge_trust,
    functions_in_public_subnets,
    tasks_admitting_more_than_their_load_balancer,
    vpc_functions,
)

pytestmark = pytest.mark.policy


@pytest.fixture(scope="module")
def network(emulator: Emulator) -> dict[str, str]:
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)

    def subnet(cidr: str) -> str:
        return ec2.create_subnet(VpcId=vpc, CidrBlock=cidr)["Subnet"]["SubnetId"]

    def table(*subnets: str, internet: bool) -> str:
        table_id = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        if internet:
            ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        for subnet_id in subnets:
            ec2.associate_route_table(RouteTableId=table_id, SubnetId=subnet_id)
        return table_id

    ids = {
        "private": subnet("10.99.1.0/24"),
        "routed_public": subnet("10.99.2.0/24"),
        "main_table_public": subnet("10.99.3.0/24"),  # no association of its own: uses the main table
        "public_ips": subnet("10.99.4.0/24"),
    }
    table(ids["private"], ids["public_ips"], internet=False)
    ids["public_table"] = table(ids["routed_public"], internet=True)
    [main] = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}]
    )["RouteTables"]
    ec2.create_route(RouteTableId=main["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ids["main_table"] = main["RouteTableId"]
    ec2.modify_subnet_attribute(SubnetId=ids["public_ips"], MapPublicIpOnLaunch={"Value": True})
    ids["igw"] = igw
    return ids


def test_function_in_private_subnets_only_passes(emulator, network):
    assert functions_in_public_subnets(emulator.client("ec2"), {"api": [network["private"]]}) == []


def test_each_kind_of_public_subnet_fails_with_its_reason(emulator, network):
    functions = {
        "api": [network["private"]],
        "web": [network["private"], network["routed_public"]],
        "legacy": [network["main_table_public"]],
        "worker": [network["public_ips"]],
    }
    assert functions_in_public_subnets(emulator.client("ec2"), functions) == [
        f"ASM_13 legacy: subnet {network['main_table_public']} is public: route table {network['main_table']} "
        f"sends 0.0.0.0/0 to internet gateway {network['igw']}",
        f"ASM_13 web: subnet {network['routed_public']} is public: route table {network['public_table']} "
        f"sends 0.0.0.0/0 to internet gateway {network['igw']}",
        f"ASM_13 worker: subnet {network['public_ips']} is public: it gives public IPs on launch",
    ]


def test_vpc_functions_are_read_from_a_state():
    state = {
        "resources": [
            {
                "mode": "managed",
                "type": "aws_lambda_function",
                "instances": [
                    {
                        "attributes": {
                            "function_name": "in-vpc",
                            "vpc_config": [{"subnet_ids": ["subnet-b", "subnet-a"]}],
                        }
                    },
                    {"attributes": {"function_name": "no-vpc", "vpc_config": []}},
                ],
            },
            {"mode": "data", "type": "aws_lambda_function", "instances": [{"attributes": {"function_name": "read"}}]},
            {"mode": "managed", "type": "aws_subnet", "instances": [{"attributes": {"id": "subnet-a"}}]},
        ]
    }
    assert vpc_functions(state) == {"in-vpc": ["subnet-a", "subnet-b"]}


@pytest.fixture(scope="module")
def load_balanced(emulator: Emulator) -> dict[str, str]:
    ec2, elbv2 = emulator.client("ec2"), emulator.client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.98.0.0/16")["Vpc"]["VpcId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.98.{i}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        for i, zone in enumerate(zones)
    ]

    def group(name: str) -> str:
        return ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]

    ids = {name: group(name) for name in ("alb", "other", "tasks", "tasks_open", "tasks_other", "worker")}
    for tasks in ("tasks", "tasks_open", "tasks_other"):
        ec2.authorize_security_group_ingress(
            GroupId=ids[tasks],
            IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "UserIdGroupPairs": [{"GroupId": ids["alb"]}]}
            ],
        )
    ec2.authorize_security_group_ingress(
        GroupId=ids["tasks_open"],
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    ec2.authorize_security_group_ingress(
        GroupId=ids["tasks_other"],
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": ids["other"]}]}
        ],
    )
    balancer = elbv2.create_load_balancer(Name="asm14", Subnets=subnets, SecurityGroups=[ids["alb"]])["LoadBalancers"][
        0
    ]
    target_group = elbv2.create_target_group(Name="asm14", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")
    ids["target_group"] = target_group["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(
        LoadBalancerArn=balancer["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": ids["target_group"]}],
    )
    return ids


def test_tasks_admitting_their_load_balancer_only_pass(emulator, load_balanced):
    services = {
        "web": ServiceNetwork((load_balanced["tasks"],), (load_balanced["target_group"],)),
        "worker": ServiceNetwork((load_balanced["worker"],), ()),  # no load balancer, no ingress
    }
    assert (
        tasks_admitting_more_than_their_load_balancer(emulator.client("ec2"), emulator.client("elbv2"), services) == []
    )


def test_tasks_admitting_a_cidr_or_another_group_fail(emulator, load_balanced):
    target_group = (load_balanced["target_group"],)
    services = {
        "open": ServiceNetwork((load_balanced["tasks_open"],), target_group),
        "sidecar": ServiceNetwork((load_balanced["tasks_other"],), target_group),
        "unbalanced": ServiceNetwork((load_balanced["tasks"],), ()),  # admits an ALB that is not in front of it
    }
    only = "only its load balancer's security group may reach the tasks"
    assert tasks_admitting_more_than_their_load_balancer(
        emulator.client("ec2"), emulator.client("elbv2"), services
    ) == [
        f"ASM_14 open: security group {load_balanced['tasks_open']} admits 0.0.0.0/0 on port 80; {only}",
        f"ASM_14 sidecar: security group {load_balanced['tasks_other']} admits {load_balanced['other']} "
        f"on port 8080; {only}",
        f"ASM_14 unbalanced: security group {load_balanced['tasks']} admits {load_balanced['alb']} on port 80; {only}",
    ]


def test_ecs_services_are_read_from_a_state():
    service = {
        "name": "web",
        "network_configuration": [{"security_groups": ["sg-2", "sg-1"]}],
        "load_balancer": [{"target_group_arn": "arn:tg"}],
    }
    state = {
        "resources": [
            {"mode": "managed", "type": "aws_ecs_service", "instances": [{"attributes": service}]},
            {"mode": "managed", "type": "aws_ecs_cluster", "instances": [{"attributes": {"name": "c"}}]},
        ]
    }
    assert ecs_services(state) == {"web": ServiceNetwork(("sg-1", "sg-2"), ("arn:tg",))}


EDGE_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:bag-colour"


def _edge_state(trusted: list[str], lambda_arn: str = f"{EDGE_FUNCTION}:3", role_in_state: bool = True) -> dict:
    """A state as `terraform state pull` writes it: distribution, edge function, its role."""
    role_arn = "arn:aws:iam::123456789012:role/bag-colour"
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": trusted}}],
    }
    distribution = {
        "id": "E2EXAMPLE",
        "default_cache_behavior": [
            {"lambda_function_association": [{"event_type": "origin-request", "lambda_arn": lambda_arn}]}
        ],
        "ordered_cache_behavior": [],
    }
    resources = [
        {"mode": "managed", "type": "aws_cloudfront_distribution", "instances": [{"attributes": distribution}]},
        {
            "mode": "managed",
            "type": "aws_lambda_function",
            "instances": [{"attributes": {"arn": EDGE_FUNCTION, "role": role_arn}}],
        },
    ]
    if role_in_state:
        role = {"arn": role_arn, "assume_role_policy": json.dumps(trust)}
        resources.append({"mode": "managed", "type": "aws_iam_role", "instances": [{"attributes": role}]})
    return {"resources": resources}


def test_an_edge_function_whose_role_trusts_edgelambda_passes():
    assert edge_functions_without_edge_trust(_edge_state(["lambda.amazonaws.com", "edgelambda.amazonaws.com"])) == []


def test_an_edge_function_whose_role_trusts_lambda_only_fails_naming_the_role():
    assert edge_functions_without_edge_trust(_edge_state(["lambda.amazonaws.com"])) == [
        f"ASM_20: distribution E2EXAMPLE origin-request {EDGE_FUNCTION}:3: the role "
        "arn:aws:iam::123456789012:role/bag-colour does not trust edgelambda.amazonaws.com"
    ]


def test_an_edge_function_or_role_the_state_does_not_hold_is_reported_not_passed():
    [unknown_function] = edge_functions_without_edge_trust(
        _edge_state(["edgelambda.amazonaws.com"], lambda_arn="arn:aws:lambda:us-east-1:123456789012:function:other:1")
    )
    assert unknown_function.endswith("the function is not in this state, so its role cannot be judged")
    [unknown_role] = edge_functions_without_edge_trust(_edge_state(["edgelambda.amazonaws.com"], role_in_state=False))
    assert unknown_role.endswith("the role arn:aws:iam::123456789012:role/bag-colour is not in this state")


def test_a_trust_policy_stored_url_encoded_is_read():
    state = _edge_state(["edgelambda.amazonaws.com", "lambda.amazonaws.com"])
    role = state["resources"][2]["instances"][0]["attributes"]
    role["assume_role_policy"] = quote(role["assume_role_policy"])
    assert edge_functions_without_edge_trust(state) == []
