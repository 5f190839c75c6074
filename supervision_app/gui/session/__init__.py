"""The session editor: a guided, any-order sequence of steps for one supervision session.

:class:`SessionEditor` is the only public class; the main window embeds it and
calls :meth:`SessionEditor.flush` before it locks or closes.
"""

from supervision_app.gui.session.editor import SessionEditor

__all__ = ["SessionEditor"]
