"""Authorization as AWS enforces it, for the requests the harness's stand-ins make.

Neither emulator enforces IAM, resource or key policies. Here each request a handler, a
poller, a pipe or a delivery makes is made as the principal AWS would use, and judged by
an IAM policy simulator against the policies the emulator holds (README "How the tests work").
"""
