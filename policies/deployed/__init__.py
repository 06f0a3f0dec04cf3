"""Policies judged on the deployed account, where HCL and plan scans cannot follow.

- ASM_13: a VPC function runs in private subnets only. Whether a subnet is
  private is decided by its route table, which lives in another module than the
  function, and subnet IDs are unknown until apply. Each function's subnets are
  joined to the route table each actually uses (its own association, else the
  VPC's main table). A subnet is public when that table sends a default route to
  an internet gateway, or when it gives instances public IPs.
- ASM_14: an ECS service behind a load balancer admits traffic from that load
  balancer only: every ingress rule of the tasks' security groups references a
  security group of a load balancer in front of the service's target groups (a
  service with no load balancer admits nothing). The link from a task security
  group to the ALB's runs through a service, a target group and a listener, in
  different resources and often different modules.

- ASM_20: a function CloudFront runs at the edge has a role edgelambda.amazonaws.com may
  assume (else CloudFront cannot replicate it). The function is known from the
  distribution's lambda_function_association, its role from the function, the trust
  from the role: three resources, usually in two modules, and the version ARN exists
  only after apply. CKV_ASM_19 (checkov) checks that association names a version.

The functions and services are those a Terraform state holds (`terraform state pull`):

    python -m policies.deployed state.json   # exit 1 if a policy fails
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import boto3

DEFAULT_ROUTES = ("0.0.0.0/0", "::/0")
# What is judged here, by rule: (the resources, the rule). policies/README.md's table is made
# from these and the checkov checks' docstrings (make docs).
RULES = {
    "ASM_13": (
        "`aws_lambda_function` with `vpc_config`",
        "runs in private subnets only: no subnet gives public IPs on launch, and the route table each subnet"
        " uses (its own, else the VPC's main table) sends no default route to an internet gateway",
    ),
    "ASM_14": (
        "`aws_ecs_service`",
        "every ingress rule of the tasks' security groups references a security group of a load balancer in"
        " front of the service's target groups; a service with no load balancer admits nothing",
    ),
    "ASM_20": (
        "`aws_cloudfront_distribution` with Lambda@Edge",
        "each associated function's role trusts `edgelambda.amazonaws.com` (judged on a state: association,"
        " function and role)",
    ),
}


def _managed(state: dict, resource_type: str) -> Iterator[dict]:
    """The attributes of every managed instance of a type in a (v4) Terraform state."""
    for resource in state.get("resources", []):
        if resource.get("mode") == "managed" and resource.get("type") == resource_type:
            for instance in resource.get("instances", []):
                yield instance.get("attributes", {})


def vpc_functions(state: dict) -> dict[str, list[str]]:
    """Function name -> subnet IDs, for every function with a VPC config in a Terraform state."""
    functions = {}
    for attributes in _managed(state, "aws_lambda_function"):
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


@dataclass(frozen=True)
class ServiceNetwork:
    security_groups: tuple[str, ...]
    target_group_arns: tuple[str, ...]


def ecs_services(state: dict) -> dict[str, ServiceNetwork]:
    """Service name -> its tasks' security groups and target groups, for every ECS service in a state."""
    services = {}
    for attributes in _managed(state, "aws_ecs_service"):
        groups = [g for n in attributes.get("network_configuration") or [] for g in n.get("security_groups") or []]
        targets = [lb["target_group_arn"] for lb in attributes.get("load_balancer") or [] if lb.get("target_group_arn")]
        services[attributes["name"]] = ServiceNetwork(tuple(sorted(groups)), tuple(sorted(targets)))
    return services


def load_balancer_security_groups(elbv2, target_group_arns: tuple[str, ...]) -> set[str]:
    """Security groups of every load balancer that forwards to these target groups."""
    if not target_group_arns:
        return set()
    groups = elbv2.describe_target_groups(TargetGroupArns=list(target_group_arns))["TargetGroups"]
    balancers = sorted({arn for group in groups for arn in group.get("LoadBalancerArns", [])})
    if not balancers:
        return set()
    described = elbv2.describe_load_balancers(LoadBalancerArns=balancers)["LoadBalancers"]
    return {group for balancer in described for group in balancer.get("SecurityGroups", [])}


def _source(rule: dict) -> str:
    referenced = rule.get("ReferencedGroupInfo", {}).get("GroupId")
    return referenced or rule.get("CidrIpv4") or rule.get("CidrIpv6") or rule.get("PrefixListId") or "unknown source"


def tasks_admitting_more_than_their_load_balancer(ec2, elbv2, services: dict[str, ServiceNetwork]) -> list[str]:
    """One line per ingress rule of a task security group whose source is not the service's load balancer."""
    problems = []
    for name, network in sorted(services.items()):
        if not network.security_groups:
            continue
        allowed = load_balancer_security_groups(elbv2, network.target_group_arns)
        rules = ec2.describe_security_group_rules(
            Filters=[{"Name": "group-id", "Values": list(network.security_groups)}]
        )
        for rule in rules["SecurityGroupRules"]:
            if rule["IsEgress"] or rule.get("ReferencedGroupInfo", {}).get("GroupId") in allowed:
                continue
            problems.append(
                f"ASM_14 {name}: security group {rule['GroupId']} admits {_source(rule)} on port "
                f"{rule.get('FromPort')}; only its load balancer's security group may reach the tasks"
            )
    return problems


EDGE_PRINCIPAL = "edgelambda.amazonaws.com"


def _assume_role_services(policy: str | None) -> set[str]:
    """The services an IAM trust policy lets assume the role (Allow sts:AssumeRole)."""
    if not policy:
        return set()
    document = json.loads(unquote(policy) if policy.startswith("%7B") else policy)
    listed = document.get("Statement", [])
    services = set()
    for statement in listed if isinstance(listed, list) else [listed]:
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if statement.get("Effect") == "Allow" and "sts:AssumeRole" in actions:
            named = (statement.get("Principal") or {}).get("Service", [])
            services.update([named] if isinstance(named, str) else named)
    return services


def edge_functions_without_edge_trust(state: dict) -> list[str]:
    """ASM_20: every function a distribution associates has a role edgelambda may assume."""
    roles = {a.get("arn"): a.get("assume_role_policy") for a in _managed(state, "aws_iam_role")}
    functions = {a.get("arn"): a for a in _managed(state, "aws_lambda_function")}
    problems = []
    for distribution in _managed(state, "aws_cloudfront_distribution"):
        behaviors = [
            *(distribution.get("default_cache_behavior") or []),
            *(distribution.get("ordered_cache_behavior") or []),
        ]
        for association in (a for b in behaviors for a in b.get("lambda_function_association") or []):
            arn = association.get("lambda_arn", "")
            where = f"ASM_20: distribution {distribution.get('id')} {association.get('event_type')} {arn}"
            function = functions.get(arn.rsplit(":", 1)[0])
            if function is None:
                problems.append(f"{where}: the function is not in this state, so its role cannot be judged")
            elif function.get("role") not in roles:
                problems.append(f"{where}: the role {function.get('role')} is not in this state")
            elif EDGE_PRINCIPAL not in _assume_role_services(roles[function["role"]]):
                problems.append(f"{where}: the role {function['role']} does not trust {EDGE_PRINCIPAL}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m policies.deployed STATE_JSON (from `terraform state pull`)", file=sys.stderr)
        return 2
    state = json.loads(Path(argv[0]).read_text())
    functions, services = vpc_functions(state), ecs_services(state)
    ec2 = boto3.client("ec2")
    problems = functions_in_public_subnets(ec2, functions)
    problems += tasks_admitting_more_than_their_load_balancer(ec2, boto3.client("elbv2"), services)
    problems += edge_functions_without_edge_trust(state)
    print(
        f"==> ASM_13, ASM_14, ASM_20: {len(functions)} VPC function(s), {len(services)} ECS service(s), "
        f"{len(problems)} problem(s)"
    )
    for problem in problems:
        print(f"    {problem}")
    return 1 if problems else 0
