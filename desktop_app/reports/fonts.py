"""The one font every brief uses: the bundled WenQuanYi Micro Hei, embedded as a subset.

Never a CID font such as STSong-Light: those are not embedded and print as boxes on a
PC without the Adobe Asian font pack. The same TrueType font sets the Latin text, so
`pdffonts` lists exactly one font, embedded and subset.
"""

from __future__ import annotations

from functools import cache

from desktop_app.resources import cjk_font_path

FONT = "WQYMicroHei"


@cache
def register_fonts() -> str:
    """Register the bundled font with reportlab (once per process) and return its name."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(cjk_font_path()), subfontIndex=0))
    # reportlab.graphics starts every drawing in its default font; make that ours, or an
    # unembedded Helvetica lands in the PDF's font list.
    rl_config.defaultGraphicsFontName = FONT
    # The family has no bold or italic face: every variant maps to the same outlines, so a
    # stray <b> never pulls in an unembedded Helvetica. Headings get weight from size.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)
    return FONT
