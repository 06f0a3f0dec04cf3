"""Our own checkov checks (loaded with --external-checks-dir policies)."""
