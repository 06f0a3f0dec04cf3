"""moto's server, with one gap filled: tags on Application Auto Scaling targets.

moto 5.2.5 implements scalable targets and policies but not ListTagsForResource,
TagResource or UntagResource for them. The AWS provider reads a target's tags
after every create and refresh and retries the 500 moto answers for minutes, so
no configuration with autoscaling applies on plain moto. These three actions are
added here, storing tags by target ARN as AWS does; nothing else is changed.
`make`/the harness start moto through this module (`python -m harness.moto_server`).
"""

from __future__ import annotations

import json
import sys

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.server import main

_TAGS: dict[str, dict[str, str]] = {}  # target ARN -> tags; ARNs are random, so a reset leaves no clash
_register_scalable_target = ApplicationAutoScalingResponse.register_scalable_target


def _register_with_tags(self: ApplicationAutoScalingResponse) -> str:
    body = _register_scalable_target(self)
    tags = self._get_param("Tags")
    if tags:
        _TAGS.setdefault(json.loads(body)["ScalableTargetARN"], {}).update(tags)
    return body


def _list_tags_for_resource(self: ApplicationAutoScalingResponse) -> str:
    return json.dumps({"Tags": _TAGS.get(self._get_param("ResourceARN"), {})})


def _tag_resource(self: ApplicationAutoScalingResponse) -> str:
    _TAGS.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
    return "{}"


def _untag_resource(self: ApplicationAutoScalingResponse) -> str:
    tags = _TAGS.get(self._get_param("ResourceARN"), {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return "{}"


def fill_gaps() -> None:
    ApplicationAutoScalingResponse.register_scalable_target = _register_with_tags
    ApplicationAutoScalingResponse.list_tags_for_resource = _list_tags_for_resource
    ApplicationAutoScalingResponse.tag_resource = _tag_resource
    ApplicationAutoScalingResponse.untag_resource = _untag_resource


if __name__ == "__main__":
    fill_gaps()
    sys.exit(main(sys.argv[1:]))
