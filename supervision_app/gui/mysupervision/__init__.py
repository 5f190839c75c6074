"""The supervisee's side: the "My supervision" page and signing a received record."""

from supervision_app.gui.mysupervision.countersign import CountersignDialog
from supervision_app.gui.mysupervision.page import MySupervisionPage

__all__ = ["CountersignDialog", "MySupervisionPage"]
