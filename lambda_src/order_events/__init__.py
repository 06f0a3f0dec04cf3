"""SQS consumer of order events. Entry point: order_events.handler.lambda_handler."""
