"""Digital signatures on the session note (pyHanko, PAdES).

Each person has a personal signing identity: an EC P-256 key and a
self-signed certificate naming them, created once and kept only in their own
vault. The supervisor's signature *certifies* the note and permits only form
filling after it, which is what the supervisee's signature in the second
field is; the supervisee's field is locked, so their signature allows no
change at all after it. Verification is in :mod:`.verification`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import content, generic, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen.canvas import Canvas

from supervision_app.domain.identity import SigningIdentity
from supervision_app.domain.signatures import FIELD_NAMES, NAMED_SIGNERS_KEY, NamedSigners
from supervision_app.formatting import format_long_datetime
from supervision_app.services.identities import SigningError as SigningError  # callers import it here
from supervision_app.services.identities import new_signing_identity as new_signing_identity  # callers import it here
from supervision_app.services.pdf_note import FONT, FONT_BOLD, SignatureBox, register_fonts
from supervision_app.services.verification import verify_note


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
    """The visible stamp, drawn with the note's own embedded font so every name prints.

    The time is UK local time (GMT or BST) in the note's own date style, whatever the computer's zone.
    """
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
    local = when.astimezone(ZoneInfo("Europe/London"))
    canvas.drawString(6, height - 54, f"{format_long_datetime(local.replace(tzinfo=None))} ({local.tzname()})")
    canvas.setFont(FONT, 6.5)
    canvas.setFillColorRGB(0.32, 0.38, 0.43)
    canvas.drawString(6, 5, "Certificate " + identity.fingerprint[:39])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _NoteWriter(IncrementalPdfFileWriter):
    """An incremental writer that leaves the note's metadata as the note was made.

    pyHanko stamps a new modification date and producer into /Info and the
    XMP metadata on every write; a note's metadata must not change after the
    supervisor certifies it (verification refuses any change), so the
    signatures leave it alone.
    """

    def _update_meta(self) -> None:
        return


def add_signature_fields(pdf: bytes, boxes: dict[str, SignatureBox], named: NamedSigners) -> bytes:
    """Add the two empty signature fields over the boxes the note drew for them, and who they are for.

    The supervisee's field carries a lock: signing it locks every field and
    allows no change at all after it (FieldMDP "all", DocMDP "no changes").
    Who the note names as its signers goes into the catalog, so the
    supervisor's certification covers it and verification binds each field
    to its person.
    """
    writer = _NoteWriter(BytesIO(pdf))
    for role, box in boxes.items():
        left, bottom, right, top = (int(v) for v in box.box)
        locks = role == "supervisee"
        fields.append_signature_field(writer, fields.SigFieldSpec(
            sig_field_name=FIELD_NAMES[role], on_page=box.page, box=(left, bottom, right, top),
            field_mdp_spec=fields.FieldMDPSpec(fields.FieldMDPAction.ALL) if locks else None,
            doc_mdp_update_value=fields.MDPPerm.NO_CHANGES if locks else None))
    writer.root[NAMED_SIGNERS_KEY] = generic.DictionaryObject({
        generic.pdf_name("/SupervisorName"): generic.TextStringObject(named.supervisor_name),
        generic.pdf_name("/SupervisorKey"): generic.TextStringObject(named.supervisor_key),
        generic.pdf_name("/SuperviseeName"): generic.TextStringObject(named.supervisee_name),
        generic.pdf_name("/SuperviseeKey"): generic.TextStringObject(named.supervisee_key),
    })
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _signer(identity: SigningIdentity) -> signers.SimpleSigner:
    certificate = asn1_x509.Certificate.load(identity.certificate_der)
    key = asn1_keys.PrivateKeyInfo.load(identity.private_key_der)
    return signers.SimpleSigner(signing_cert=certificate, signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs([certificate]))


SUPERVISOR_REASON = "Supervisor: this is the agreed record of the session"


def sign_note(pdf: bytes, identity: SigningIdentity, role: str, *, fonts_dir: Path,
              when: datetime | None = None, reason: str | None = None,
              timestamp_url: str = "") -> bytes:
    """Sign ``pdf`` in the field for ``role`` as a PAdES signature. The supervisor's signature certifies the note.

    ``reason`` goes into the signature itself (its /Reason), so a supervisee's
    agreement or disagreement is signed along with the note. With a
    ``timestamp_url`` (an RFC 3161 time-stamping service) the signature
    carries a trusted time (PAdES B-T); without one it is PAdES B-B.
    Nothing is signed on a note that does not pass every check of its
    structure and earlier signature (see :mod:`.verification`).
    """
    field_name = FIELD_NAMES[role]
    reader = PdfFileReader(BytesIO(pdf))
    existing = {name: value for name, value, _ in fields.enumerate_sig_fields(reader, filled_status=None)}
    if field_name not in existing:
        raise SigningError("This PDF is not a supervision note with signature fields.")
    filled = {name for name, _, _ in fields.enumerate_sig_fields(reader, filled_status=True)}
    if field_name in filled:
        raise SigningError(f"The {role}'s signature is already on this note.")
    if role == "supervisee":
        if FIELD_NAMES["supervisor"] not in filled:
            raise SigningError("The supervisor signs the note first.")
        problems = verify_note(pdf).problems
        if problems:
            raise SigningError(f"This note was not signed: {problems[0]}")
    when = when or datetime.now(UTC)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        certify=role == "supervisor",
        docmdp_permissions=fields.MDPPerm.FILL_FORMS if role == "supervisor" else fields.MDPPerm.NO_CHANGES,
        subfilter=fields.SigSeedSubFilter.PADES,
        name=identity.name,
        reason=reason or SUPERVISOR_REASON,
        location="supervision-app",
    )
    x1, y1, x2, y2 = _field_box(reader, field_name)
    stamp = _stamp_pdf(identity, when, x2 - x1, y2 - y1, fonts_dir)
    style = StaticStampStyle(background=_PdfPageContent(stamp), border_width=0)
    timestamper = None
    if timestamp_url:
        from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper  # only when one is set up

        timestamper = RequestsHTTPTimeStamper(timestamp_url, timeout=15)
    pdf_signer = signers.PdfSigner(metadata, signer=_signer(identity), stamp_style=style, timestamper=timestamper)
    out = BytesIO()
    try:
        pdf_signer.sign_pdf(_NoteWriter(BytesIO(pdf)), output=out)
    except TimestampRequestError:
        raise SigningError("The time-stamping service did not answer, so the note was not signed; "
                           "check the connection and try again.") from None
    return out.getvalue()


def _field_box(reader: PdfFileReader, field_name: str) -> tuple[float, float, float, float]:
    for name, _value, field_ref in fields.enumerate_sig_fields(reader, filled_status=None):
        if name == field_name:
            field = field_ref.get_object()
            widget = field if "/Rect" in field else field["/Kids"][0].get_object()
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)
    raise SigningError("This PDF is not a supervision note with signature fields.")
