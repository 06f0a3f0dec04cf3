"""EventBridge Pipes enrichment for new orders. Entry point: order_enrichment.handler.lambda_handler."""
