"""checkov checks, loaded with --external-checks-dir policies/checks (checkov needs this file)."""
