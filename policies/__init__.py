"""Our policies: checkov checks on HCL and plans (policies/checks, loaded with
--external-checks-dir) and checks on a deployed account (policies/deployed)."""
