"""Answering the app's real message boxes as a person would, by clicking a button named by its text."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class MessageBoxAnswerer(QTimer):
    """Clicks ``button_text`` in each message box that opens until stopped; ``questions`` are their texts."""

    def __init__(self, button_text: str) -> None:
        super().__init__()
        self.button_text = button_text
        self.questions: list[str] = []
        self.timeout.connect(self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        for button in box.buttons():
            if button.text() == self.button_text:
                self.questions.append(box.text())
                button.click()
                return


def answer_message_boxes(button_text: str) -> MessageBoxAnswerer:
    answerer = MessageBoxAnswerer(button_text)
    answerer.start(20)
    return answerer
