"""较上季度变化 / Changes since the previous quarter: laid out from `BriefData.changes`.

What changed is computed by services.quarter_brief against the previous quarter's frozen
figures; with no closed previous quarter the section is one line saying so.
"""

from __future__ import annotations

from typing import Any

from desktop_app.i18n import register, t
from desktop_app.reports.styles import Styles, text
from desktop_app.snapshots.brief import BriefData

register(
    {
        "Changes since {q}": "较上季度变化({q})",
        "{q} is not closed, so there is nothing to compare with.": "{q} 尚未关账,无可比较的数据。",
        "Nothing changed since {q}.": "与 {q} 相比无变化。",
    }
)


def changes_section(data: BriefData, st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph

    ch = data.changes
    if ch is None:
        return []
    out: list[Any] = [Paragraph(text(t("Changes since {q}", q=ch.previous)), st.h3)]
    if not ch.closed:
        return [
            *out,
            Paragraph(
                text(t("{q} is not closed, so there is nothing to compare with.", q=ch.previous)),
                st.body,
            ),
        ]
    groups = [(head, lines) for head, lines in ch.lines if lines]
    if not groups:
        return [*out, Paragraph(text(t("Nothing changed since {q}.", q=ch.previous)), st.body)]
    for head, lines in groups:
        out.append(Paragraph(f"<b>{text(head)}</b>", st.body))
        out += [Paragraph(f"· {text(line)}", st.small) for line in lines]
    return out
