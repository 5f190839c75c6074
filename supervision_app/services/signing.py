"""Digital signatures on the session note (pyHanko), and their verification.

Each person has a personal signing identity: an EC P-256 key and a
self-signed certificate naming them, created once and kept in the vault. The
supervisor's signature *certifies* the note and permits only form filling
after it, which is what the supervisee's signature in the second field is.
Anything else appended later (an edited page, a new annotation) makes the
supervisor's signature fail, and so does changing a single byte.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen.canvas import Canvas

from supervision_app.domain.identity import SigningIdentity, certificate_fingerprint, public_key_fingerprint
from supervision_app.formatting import format_datetime
from supervision_app.services.pdf_note import FINGERPRINT_KEYWORD, FONT, FONT_BOLD, SignatureBox, register_fonts

FIELD_NAMES = {"supervisor": "SupervisorSignature", "supervisee": "SuperviseeSignature"}


class _PdfPageContent(content.PdfContent):
    """The first page of a PDF held in memory, drawn as the stamp's appearance."""

    def __init__(self, pdf: bytes) -> None:
        self._pdf = pdf
        super().__init__()

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(BytesIO(self._pdf)), page_ix=0)
        name = "/Stamp" + uuid.uuid4().hex
        self.resources.xobject[name] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name.encode("ascii") + b" Do"


def _stamp_pdf(identity: SigningIdentity, when: datetime, width: float, height: float, fonts_dir: Path) -> bytes:
    """The visible stamp, drawn with the note's own embedded font so every name prints."""
    register_fonts(fonts_dir)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setFillColorRGB(0.04, 0.43, 0.41)
    canvas.setFont(FONT, 7.5)
    canvas.drawString(6, height - 14, "Digitally signed by")
    canvas.setFillColorRGB(0.12, 0.16, 0.2)
    canvas.setFont(FONT_BOLD, 11)
    canvas.drawString(6, height - 28, identity.name[:60])
    canvas.setFont(FONT, 8.5)
    canvas.drawString(6, height - 41, identity.role[:70])
    local = when.astimezone()
    canvas.drawString(6, height - 54, f"{format_datetime(local.replace(tzinfo=None))} ({local.strftime('%Z')})")
    canvas.setFont(FONT, 6.5)
    canvas.setFillColorRGB(0.32, 0.38, 0.43)
    canvas.drawString(6, 5, "Certificate " + identity.fingerprint[:39])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class SigningError(ValueError):
    """The note cannot be signed as asked (already signed, wrong field, not a note)."""


def new_signing_identity(name: str, role: str, now: datetime | None = None) -> SigningIdentity:
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),  # X.509 allows 64 characters
        x509.NameAttribute(NameOID.TITLE, role[:64] or "Supervisor"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "supervision-app personal signing certificate"),
    ])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(
        name=name, role=role,
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        private_key_der=key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()),
    )


def add_signature_fields(pdf: bytes, boxes: dict[str, SignatureBox]) -> bytes:
    """Add the two empty signature fields over the boxes the note drew for them."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    for role, box in boxes.items():
        left, bottom, right, top = (int(v) for v in box.box)
        fields.append_signature_field(writer, fields.SigFieldSpec(
            sig_field_name=FIELD_NAMES[role], on_page=box.page, box=(left, bottom, right, top)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _signer(identity: SigningIdentity) -> signers.SimpleSigner:
    certificate = asn1_x509.Certificate.load(identity.certificate_der)
    key = asn1_keys.PrivateKeyInfo.load(identity.private_key_der)
    return signers.SimpleSigner(signing_cert=certificate, signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs([certificate]))


SUPERVISOR_REASON = "Supervisor: this is the agreed record of the session"
SUPERVISEE_REASON = "Supervisee: I have seen this record"


def sign_note(pdf: bytes, identity: SigningIdentity, role: str, *, fonts_dir: Path,
              when: datetime | None = None, reason: str | None = None) -> bytes:
    """Sign ``pdf`` in the field for ``role``. The supervisor's signature certifies the note.

    ``reason`` goes into the signature itself (its /Reason), so a supervisee's
    agreement or disagreement is signed along with the note.
    """
    field_name = FIELD_NAMES[role]
    reader = PdfFileReader(BytesIO(pdf))
    existing = {name: value for name, value, _ in fields.enumerate_sig_fields(reader, filled_status=None)}
    if field_name not in existing:
        raise SigningError("This PDF is not a supervision note with signature fields.")
    filled = {name for name, _, _ in fields.enumerate_sig_fields(reader, filled_status=True)}
    if field_name in filled:
        raise SigningError(f"The {role}'s signature is already on this note.")
    if role == "supervisee" and FIELD_NAMES["supervisor"] not in filled:
        raise SigningError("The supervisor signs the note first.")
    when = when or datetime.now(UTC)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        certify=role == "supervisor",
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        name=identity.name,
        reason=reason or (SUPERVISOR_REASON if role == "supervisor" else SUPERVISEE_REASON),
        location="supervision-app",
    )
    x1, y1, x2, y2 = _field_box(reader, field_name)
    stamp = _stamp_pdf(identity, when, x2 - x1, y2 - y1, fonts_dir)
    style = StaticStampStyle(background=_PdfPageContent(stamp), border_width=0)
    pdf_signer = signers.PdfSigner(metadata, signer=_signer(identity), stamp_style=style)
    out = BytesIO()
    pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), output=out)
    return out.getvalue()


def _field_box(reader: PdfFileReader, field_name: str) -> tuple[float, float, float, float]:
    for name, _value, field_ref in fields.enumerate_sig_fields(reader, filled_status=None):
        if name == field_name:
            field = field_ref.get_object()
            widget = field if "/Rect" in field else field["/Kids"][0].get_object()
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)
    raise SigningError("This PDF is not a supervision note with signature fields.")


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    unchanged_since: bool  # no change after signing beyond what the signature permits
    modification: str
    known_certificate: bool
    fingerprint: str
    reason: str = ""  # what the signer wrote with their signature (the supervisee's comment)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.unchanged_since and self.known_certificate


@dataclass(frozen=True)
class VerificationReport:
    signatures: list[SignatureReport]
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.signatures) and all(s.ok for s in self.signatures)


def verify_note(pdf: bytes, known_keys: Iterable[bytes], certificates: Iterable[bytes] = ()) -> VerificationReport:
    """Check every signature; judge by pyHanko's overall verdict, not by "intact" alone.

    ``known_keys`` are the public keys (SubjectPublicKeyInfo DER) whose signers
    this vault knows: its own people's and those paired with it. A signer is
    "known" when their certificate carries one of them. ``certificates`` are
    full certificates to offer the validator as trust roots, where held.
    """
    try:
        reader = PdfFileReader(BytesIO(pdf))
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 - any parse failure means "not a valid note"
        return VerificationReport([], f"The file is not a readable PDF ({type(error).__name__}).")
    if not embedded:
        return VerificationReport([], "The file has no digital signatures.")
    known = {public_key_fingerprint(der) for der in known_keys}
    roots = [asn1_x509.Certificate.load(der) for der in certificates]
    reports = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as error:  # noqa: BLE001 - a malformed signature is a failed signature
            reports.append(SignatureReport(signature.field_name, "unknown", None, False, False, False,
                                           type(error).__name__, False, ""))
            continue
        certificate_der = status.signing_cert.dump()
        fingerprint = certificate_fingerprint(certificate_der)
        level = status.modification_level
        unchanged = bool(status.docmdp_ok) or level is None
        reports.append(SignatureReport(
            field=signature.field_name,
            signer=status.signing_cert.subject.native.get("common_name", ""),
            signed_at=status.signer_reported_dt,
            intact=status.intact,
            valid=status.valid,
            # bottom_line also covers trust; we report trust separately as
            # "known", so combine the rest of its verdict here.
            unchanged_since=unchanged and status.intact and status.valid,
            modification=level.name if level is not None else "UNKNOWN",
            known_certificate=fingerprint in known,
            fingerprint=fingerprint,
            reason=_reason(signature),
        ))
    return VerificationReport(reports)


def fingerprint_as_signed(pdf: bytes, field_name: str) -> str:
    """The note's fingerprint as it stood when ``field_name`` was signed; "" if there is none to read."""
    try:
        reader = PdfFileReader(BytesIO(pdf))
        signature = next(s for s in reader.embedded_signatures if s.field_name == field_name)
        info = reader.get_historical_resolver(signature.signed_revision).trailer_view["/Info"]
        keywords = str(info.get_object().get("/Keywords", ""))
    except Exception:  # noqa: BLE001 - an unreadable or unsigned file has no fingerprint to offer
        return ""
    return keywords.removeprefix(FINGERPRINT_KEYWORD) if keywords.startswith(FINGERPRINT_KEYWORD) else ""


def _reason(signature: EmbeddedPdfSignature) -> str:
    value = signature.sig_object.get("/Reason")
    return str(value) if value is not None else ""
