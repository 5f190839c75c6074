"""PAdES B-T: with the organisation's time-stamping service set, signatures carry a trusted time.

The service here is a real RFC 3161 server over HTTP on this machine's loopback, started by the test;
it signs each time-stamp token with pyHanko's test time-stamper and a certificate made for it.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from supervision_app.domain.signatures import KnownSigner
from supervision_app.paths import resources_dir
from supervision_app.services.notes import NoteOptions, NoteService
from supervision_app.services.signing import SigningError, sign_note
from supervision_app.services.verification import report_lines, verify_note
from tests.test_signing import identities, unsigned  # noqa: F401 - fixtures

FONTS = resources_dir() / "fonts"


def _time_stamper() -> DummyTimeStamper:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA signs with RSA
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Northshire Council Time-Stamping")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())))


@pytest.fixture(scope="module")
def time_stamping_service() -> Iterator[str]:
    stamper = _time_stamper()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()


def test_signatures_carry_a_trusted_time(unsigned: bytes, identities, time_stamping_service: str,  # noqa: F811
                                         tmp_path: Path) -> None:
    supervisor, supervisee = identities
    once = sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS, timestamp_url=time_stamping_service)
    twice = sign_note(once, supervisee, "supervisee", fonts_dir=FONTS, timestamp_url=time_stamping_service)
    known = {supervisor.fingerprint: KnownSigner(supervisor.name, frozenset({"supervisor"})),
             supervisee.fingerprint: KnownSigner(supervisee.name, frozenset({"supervisee"}))}
    report = verify_note(twice, known)
    assert report.ok, report.problems
    for signature in report.signatures:
        assert signature.timestamp is not None
        assert abs(signature.timestamp - datetime.now(UTC)) < timedelta(minutes=5)
        assert signature.timestamp_authority == "Northshire Council Time-Stamping"
    assert any(line.startswith("  trusted time: ") and "Northshire Council Time-Stamping" in line
               for line in report_lines(report, vault=True))
    if shutil.which("pdfsig"):
        path = tmp_path / "note.pdf"
        path.write_bytes(twice)
        result = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False)
        assert result.stdout.count("ETSI.CAdES.detached") == 2, result.stdout
        assert result.stdout.count("Signature Validation: Signature is Valid.") == 2, result.stdout


def test_without_a_service_there_is_no_trusted_time(unsigned: bytes, identities) -> None:  # noqa: F811
    supervisor, _ = identities
    report = verify_note(sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS))
    assert report.signatures[0].timestamp is None


def test_a_service_that_does_not_answer_signs_nothing(unsigned: bytes, identities) -> None:  # noqa: F811
    supervisor, _ = identities
    with pytest.raises(SigningError, match="time-stamping service did not answer"):
        sign_note(unsigned, supervisor, "supervisor", fonts_dir=FONTS, timestamp_url="http://127.0.0.1:9/tsa")


def test_the_organisation_sets_the_service_for_every_note(open_vault, time_stamping_service: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from supervision_app.content import load_content
    from supervision_app.services.demo import fill_demo

    fill_demo(open_vault.store, date(2026, 11, 24))
    notes = NoteService(open_vault.store, load_content(resources_dir()), FONTS)
    with pytest.raises(ValueError, match="full address"):
        notes.set_timestamp_url("tsa.example")
    notes.set_timestamp_url(time_stamping_service)
    assert notes.timestamp_url() == time_stamping_service
    signed_off = next(s for s in open_vault.store.list_sessions() if s.status.value == "signed_off"
                      and notes.signed_note(s.id) is None)
    pdf = notes.sign_as_supervisor(signed_off.id, NoteOptions())
    assert notes.verify(pdf).signatures[0].timestamp is not None
