"""Policy ASM_13: a VPC function runs in private subnets only.

Whether a subnet is private is decided by its route table, which HCL and plan
scans cannot follow (the function, its subnets and their route tables live in
different modules, and subnet IDs are unknown until apply). So this policy is
judged on the deployed account: the functions a Terraform state holds, their
subnets, and the route table each subnet actually uses (its own association,
else the VPC's main table). A subnet is public when that table routes a
default route to an internet gateway, or when it gives instances public IPs.

    python -m harness.subnets terraform.tfstate   # exit 1 if a function is in a public subnet
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import boto3

DEFAULT_ROUTES = ("0.0.0.0/0", "::/0")


def vpc_functions(state: dict) -> dict[str, list[str]]:
    """Function name -> subnet IDs, for every function with a VPC config in a (v4) Terraform state."""
    functions = {}
    for resource in state.get("resources", []):
        if resource.get("mode") != "managed" or resource.get("type") != "aws_lambda_function":
            continue
        for instance in resource.get("instances", []):
            attributes = instance.get("attributes", {})
            subnets = [s for config in attributes.get("vpc_config") or [] for s in config.get("subnet_ids") or []]
            if subnets:
                functions[attributes["function_name"]] = sorted(subnets)
    return functions


def _route_table(ec2, subnet: dict) -> dict | None:
    explicit = ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [subnet["SubnetId"]]}])
    if explicit["RouteTables"]:
        return explicit["RouteTables"][0]
    main = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [subnet["VpcId"]]}, {"Name": "association.main", "Values": ["true"]}]
    )
    return (main["RouteTables"] or [None])[0]


def why_public(ec2, subnet: dict) -> str | None:
    """The reason a subnet (as DescribeSubnets returns it) is public, or None when it is private."""
    if subnet.get("MapPublicIpOnLaunch"):
        return "it gives public IPs on launch"
    table = _route_table(ec2, subnet)
    for route in (table or {}).get("Routes", []):
        destination = route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock")
        if destination in DEFAULT_ROUTES and str(route.get("GatewayId", "")).startswith("igw-"):
            return f"route table {table['RouteTableId']} sends {destination} to internet gateway {route['GatewayId']}"
    return None


def functions_in_public_subnets(ec2, functions: dict[str, list[str]]) -> list[str]:
    """One line per function and public subnet; [] when every function is in private subnets only."""
    subnet_ids = sorted({s for subnets in functions.values() for s in subnets})
    subnets = {s["SubnetId"]: s for s in ec2.describe_subnets(SubnetIds=subnet_ids)["Subnets"]} if subnet_ids else {}
    problems = []
    for name, ids in sorted(functions.items()):
        for subnet_id in ids:
            reason = why_public(ec2, subnets[subnet_id])
            if reason:
                problems.append(f"ASM_13 {name}: subnet {subnet_id} is public: {reason}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m harness.subnets STATE_JSON (from `terraform state pull`)", file=sys.stderr)
        return 2
    functions = vpc_functions(json.loads(Path(argv[0]).read_text()))
    problems = functions_in_public_subnets(boto3.client("ec2"), functions)
    print(f"==> ASM_13: {len(functions)} VPC function(s), {len(problems)} in a public subnet")
    for problem in problems:
        print(f"    {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
