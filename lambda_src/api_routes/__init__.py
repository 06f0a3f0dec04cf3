"""Handlers behind examples/integration-types: a Lambda proxy route and a non-proxy one.

Entry points: api_routes.proxy.lambda_handler and api_routes.lookup.lambda_handler.
"""
