"""The Logger and Tracer every handler uses, made once per environment and named by
POWERTOOLS_SERVICE_NAME (the modules set it to the function's name).

Making the Tracer patches botocore (Powertools' auto_patch), so each AWS call of every
client, made before or after, is a subsegment of the invocation's trace: tracing is on by
default in the modules and priced in each example's usage.yml. Outside Lambda (tests, the
bench) Powertools turns the Tracer off (no LAMBDA_TASK_ROOT) and patches nothing.
"""

from __future__ import annotations

from aws_lambda_powertools import Logger, Tracer

logger = Logger()
tracer = Tracer()

__all__ = ["logger", "tracer"]
