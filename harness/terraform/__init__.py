"""Terraform roots: staged on copies, planned, their errors read, applied on emulators."""
