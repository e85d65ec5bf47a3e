"""The audit log for admins: every sign-in, upload, rollback and account change, newest first."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_sources import audit_trail
from ui.format import NO_VALUE, format_date
from ui.i18n import lang, t
from ui.upload_pick import dataset_title, language_key

_ALL = ""


def filters(engine: sa.Engine) -> tuple[str | None, str | None]:
    left, right = st.columns(2)
    options = [_ALL, *audit_trail.actions(engine)]
    key, index = language_key("audit_action", options)
    action = left.selectbox(
        t("audit.action"), options, index=index, key=key, format_func=lambda a: t("audit.all") if a == _ALL else a
    )
    actor = right.text_input(t("audit.actor"), key="audit_actor")
    return action or None, actor.strip() or None


def entries(engine: sa.Engine, action: str | None, actor: str | None) -> None:
    found = audit_trail.recent(engine, action=action, actor=actor)
    st.caption(t("audit.shown", count=len(found), limit=audit_trail.DEFAULT_LIMIT))
    language = lang()
    st.dataframe(
        pd.DataFrame(
            {
                t("history.when"): [format_date(v, language, with_time=True) for v in found["at"]],
                t("audit.actor"): found["actor"].fillna("—").tolist(),
                t("audit.action"): found["action"].tolist(),
                t("upload.dataset"): [dataset_title(k) if isinstance(k, str) else "" for k in found["dataset"]],
                t("audit.detail"): found["detail"].tolist(),
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
