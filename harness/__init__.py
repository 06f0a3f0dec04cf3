"""The test and demo harness: emulator, Terraform staging, Lambda builds."""
