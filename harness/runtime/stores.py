"""The data stores handler tests and the bench set up on an emulator, in one place."""

from __future__ import annotations

from typing import Any


def create_table(dynamodb: Any, name: str, hash_key: str) -> str:
    """An on-demand table keyed by one string attribute; its name."""
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": hash_key, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": hash_key, "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return name


def subscribed_inbox(sns: Any, sqs: Any, topic_arn: str, name: str) -> str:
    """A queue subscribed to the topic with raw delivery, to read what the topic sends; its URL."""
    inbox = sqs.create_queue(QueueName=name)["QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=inbox_arn, Attributes={"RawMessageDelivery": "true"})
    return inbox


def converse_answer(text: str, stop_reason: str = "end_turn", input_tokens: int = 1500) -> dict:
    """What Bedrock's Converse answers (a Stubber response): the model's text, its stop reason and usage."""
    return {
        "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
        "stopReason": stop_reason,
        "usage": {"inputTokens": input_tokens, "outputTokens": 40, "totalTokens": input_tokens + 40},
        "metrics": {"latencyMs": 900},
    }
