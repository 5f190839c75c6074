"""The owner's self-reviews against the managers' checklist, one row each with its date (migration 17)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from supervision_app.domain.manager_review import Answer, ManagerReview, QuestionKey, ReviewAnswer
from supervision_app.storage import tables
from supervision_app.storage.records import SqlRecordStore

_TABLE = tables.manager_reviews


def reviews(store: SqlRecordStore) -> list[ManagerReview]:
    """Every review, newest first."""
    with store.transaction() as connection:
        rows = connection.execute(select(_TABLE).order_by(_TABLE.c.done_on.desc(), _TABLE.c.id.desc())
                                  ).mappings().all()
    return [_review(row) for row in rows]


def add(store: SqlRecordStore, review: ManagerReview) -> ManagerReview:
    """Keep ``review`` as a new row (earlier reviews are never changed); the review with its id."""
    answers = [{"standard": a.key.standard_id, "index": a.key.index,
                "answer": a.answer.value if a.answer else None, "note": a.note} for a in review.answers]
    with store.transaction() as connection:
        new_id = connection.execute(_TABLE.insert().values(
            done_on=review.done_on.isoformat(), answers=json.dumps(answers),
            saved_at=datetime.now().isoformat(timespec="seconds"))).inserted_primary_key
    assert new_id is not None
    review.id = int(new_id[0])
    return review


def _review(row: Any) -> ManagerReview:
    answers = [ReviewAnswer(QuestionKey(str(a["standard"]), int(a["index"])),
                            Answer(a["answer"]) if a["answer"] else None, str(a["note"]))
               for a in json.loads(row["answers"])]
    return ManagerReview(date.fromisoformat(row["done_on"]), answers, id=row["id"])
