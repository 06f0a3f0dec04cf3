"""A TLS certificate an emulator's ACM holds as issued, for a distribution's custom domain.

ACM issues a requested certificate only after DNS validation (moto waits a minute and
then issues it anyway); an imported one is issued at once, as in AWS. So tests import a
self-signed certificate made by the openssl command line, valid for a day.
"""

from __future__ import annotations

import contextlib
import functools
import subprocess
import tempfile
from pathlib import Path

import boto3


def self_signed(domain: str) -> tuple[bytes, bytes]:
    """(certificate PEM, private key PEM) for `domain`."""
    with tempfile.TemporaryDirectory(prefix="cert-") as tmp:
        cert, key = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                f"/CN={domain}",
                "-addext",
                f"subjectAltName=DNS:{domain}",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
        return cert.read_bytes(), key.read_bytes()


def imported_certificate(domain: str) -> str:
    """The ARN of an issued certificate for `domain` in us-east-1, where CloudFront reads them."""
    certificate, key = self_signed(domain)
    acm = boto3.client("acm", region_name="us-east-1")
    return acm.import_certificate(Certificate=certificate, PrivateKey=key)["CertificateArn"]


class ImportedCertificate:
    """An issued certificate for `domain` in us-east-1, imported when its ARN is first read
    (after an apply's emulator reset, which would wipe one imported before)."""

    def __init__(self, domain: str) -> None:
        self.domain = domain

    @functools.cached_property
    def arn(self) -> str:
        return imported_certificate(self.domain)

    def delete(self) -> None:
        if "arn" in self.__dict__:
            delete_certificate(self.arn)


def delete_certificate(arn: str) -> None:
    """Delete it, if the emulator still holds it (a later apply's reset may have wiped it)."""
    acm = boto3.client("acm", region_name="us-east-1")
    with contextlib.suppress(acm.exceptions.ResourceNotFoundException):
        acm.delete_certificate(CertificateArn=arn)
