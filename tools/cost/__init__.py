"""Offline monthly cost of the examples and of the decisions users ask about (`make cost`)."""
