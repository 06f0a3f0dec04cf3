"""What people run: make cost, dist/release/registry, bench, demo, docs, lint (policy), flake-rate.

Tools may import harness (what stands in for AWS and drives Terraform), never the reverse
(tests/harness/test_layers.py).
"""
