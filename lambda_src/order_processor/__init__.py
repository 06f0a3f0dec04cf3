"""Pipes target that moves enriched new orders to PROCESSING.

Entry point: order_processor.handler.lambda_handler.
"""
