"""Views on a plan: one module call's resources, their values and IAM statements."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import tftest


def module_resources(plan: tftest.TerraformPlanOutput, module: str) -> dict[str, dict]:
    """Planned resources of one module call (and its children), keyed by address
    relative to that call: `aws_lambda_function.this[0]`, `module.x.aws_s3_bucket.b`."""
    prefix = f"module.{module}."
    return {
        address[len(prefix) :]: change
        for address, change in plan.resource_changes.items()
        if address.startswith(prefix)
    }


@dataclass
class ModulePlan:
    """The planned resources of one module call, addressed relative to it."""

    name: str
    changes: dict[str, dict]

    @classmethod
    def of(cls, plan: tftest.TerraformPlanOutput, module: str) -> ModulePlan:
        return cls(module, module_resources(plan, module))

    @property
    def managed(self) -> dict[str, dict]:
        return {address: c for address, c in self.changes.items() if c["mode"] == "managed"}

    def type_counts(self) -> Counter:
        return Counter(c["type"] for c in self.managed.values())

    def of_type(self, resource_type: str) -> dict[str, dict]:
        """Planned values (`after`) of every resource of a type, by address."""
        return {a: c["change"]["after"] for a, c in self.managed.items() if c["type"] == resource_type}

    def by_key(self, resource_type: str) -> dict[str, dict]:
        """Planned values of a for_each resource type, by each.key: {"orders_queue": {...}}."""
        return {address.split('"')[1]: values for address, values in self.of_type(resource_type).items()}

    def by_name(self, resource_type: str) -> dict[str, dict]:
        """Planned values of every resource of a type by its name and index: {'alb_to_tasks[0]': {...}}."""
        prefix = f"{resource_type}."
        return {address.split(prefix, 1)[1]: values for address, values in self.of_type(resource_type).items()}

    def one(self, resource_type: str) -> dict:
        found = self.of_type(resource_type)
        assert len(found) == 1, f"{self.name}: expected one {resource_type}, found {sorted(found)}"
        return next(iter(found.values()))

    def unknown(self, address: str) -> dict:
        """Which attributes are known only after apply."""
        return self.changes[address]["change"]["after_unknown"]

    def actions(self) -> set[str]:
        return {action for c in self.managed.values() for action in c["change"]["actions"]}


def statements(policy_json: str) -> dict[str, dict]:
    """IAM statements by Sid, with Action and Resource always lists.

    Two statements with the same Sid (or two without one) are an error here, not
    one statement hiding the other."""
    document = json.loads(policy_json)
    listed = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    result = {}
    for statement in listed:
        normalised = dict(statement)
        for key in ("Action", "Resource"):
            value = statement.get(key, [])
            normalised[key] = sorted([value] if isinstance(value, str) else value)
        sid = statement.get("Sid", "")
        if sid in result:
            raise AssertionError(f"two statements share the Sid {sid!r}: {result[sid]} and {normalised}")
        result[sid] = normalised
    return result


# What Lambda needs to place a function in a VPC: AWSLambdaVPCAccessExecutionRole's
# EC2 actions, without its logs actions on every log group.
LAMBDA_NETWORK_INTERFACE_ACTIONS = [
    "ec2:AssignPrivateIpAddresses",
    "ec2:CreateNetworkInterface",
    "ec2:DeleteNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:UnassignPrivateIpAddresses",
]

IAM_WILDCARDS = ("*", "?")  # IAM matches '?' as any one character, '*' as any run


def wildcard_actions(policy: dict[str, dict]) -> list[str]:
    """'Sid: action' for every granted action with an IAM wildcard ('*' or '?'), in statements
    from statements(). A Deny statement takes away, so its wildcards grant nothing."""
    return [
        f"{sid}: {action}"
        for sid, statement in policy.items()
        if statement.get("Effect", "Allow") == "Allow"
        for action in statement["Action"]
        if any(wildcard in action for wildcard in IAM_WILDCARDS)
    ]
