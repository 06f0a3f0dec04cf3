"""Orders API behind API Gateway, reading and writing through RDS Proxy.

Entry point: orders_api.handler.lambda_handler.
"""
