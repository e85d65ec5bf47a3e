"""Briefings that leave the screen: the PDF renderer every PDF of the app uses, its charts, and
(next) the executive briefing as PDF and Excel.

Reusable API (the award handout builds on it too; keep it stable):
    from metrics.briefing.typeset import Document, Cover, Heading, Paragraph, Bullets, Table, Cell,
        Tiles, Tile, Chart, Group, PageBreak, render_pdf
    from metrics.briefing import charts          # charts.svg(vega_lite_spec), charts.trend_spec(series, ...)

    pdf_bytes = render_pdf(Document(lang="th", title=..., footer=..., blocks=(Cover(...), Heading(...), ...)))

Blocks are plain frozen dataclasses; every text is shown as written (never read as markup);
`Chart` takes SVG text from `charts.svg`; `Document(landscape=True, font_size=18)` suits slides.
Plain Python: no Streamlit.
"""
