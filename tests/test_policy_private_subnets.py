"""Policy ASM_13 (a VPC function runs in private subnets only), judged on the deployed
account: a network built on moto with one private subnet and three public ones, each
public for a different reason. tests/test_apply_orders_db.py runs it on the example."""

from __future__ import annotations

import pytest

from harness.emulator import Emulator
from harness.subnets import functions_in_public_subnets, vpc_functions

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
