"""The report's charts as Vega-Lite specifications (plain data, drawn in the page by vega-embed).

A chart with no rows to draw is not a chart: the page says what is missing instead of drawing empty axes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warehouse.report.facts import WarehouseFacts

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier, never fetched
BAR_WIDTH = 360
BAR_STEP = 18  # pixels per bar in horizontal bar charts


@dataclass(frozen=True)
class Chart:
    chart_id: str  # the page element it is drawn into
    title: str
    spec: dict[str, Any] | None  # None: nothing to draw
    empty_text: str  # shown in place of the chart when spec is None


def warehouse_charts(facts: WarehouseFacts) -> list[Chart]:
    return [
        _chart(
            "articles-per-day",
            "Articles per day, by publisher",
            facts.articles_per_day,
            "no article has a date yet",
            lambda rows: {
                "data": {"values": rows},
                "mark": {"type": "bar", "tooltip": True},
                "width": 720,
                "height": 220,
                "encoding": {
                    "x": {"field": "article_day", "type": "temporal", "timeUnit": "yearmonthdate", "title": "day"},
                    "y": {"field": "articles", "type": "quantitative", "aggregate": "sum", "title": "articles"},
                    "color": {"field": "publisher", "type": "nominal", "legend": {"orient": "bottom", "columns": 4}},
                },
            },
        ),
        _bar("articles-per-publisher", "Articles per publisher", facts.articles_per_publisher, "publisher", "articles"),
        _bar("top-entities", "Most-mentioned entities (articles)", facts.top_entities, "name", "articles", "label"),
        _bar("top-speakers", "Most-quoted speakers", facts.top_speakers, "name", "quotes", "label"),
        _bar("quotes-per-kind", "Quotes per kind", facts.quotes_per_kind, "kind", "quotes"),
        _bar("claims-per-kind", "Numeric claims per kind", facts.claims_per_kind, "quantity_kind", "claims"),
        _bar("claims-per-currency", "Money claims per currency", facts.claims_per_currency, "currency", "claims"),
        _chart(
            "speaker-resolution",
            "Share of quotes with a resolved speaker, per run",
            facts.speaker_resolution,
            "no quotes yet",
            lambda rows: {
                "data": {"values": rows},
                "mark": {"type": "line", "point": True, "tooltip": True},
                "width": 720,
                "height": 180,
                "encoding": {
                    "x": {"field": "run_id", "type": "ordinal", "title": "run", "axis": {"labelAngle": -40}},
                    "y": {
                        "field": "resolved_share",
                        "type": "quantitative",
                        "title": "resolved share",
                        "scale": {"domain": [0, 1]},
                        "axis": {"format": "%"},
                    },
                },
            },
        ),
    ]


def step_seconds_chart(step_seconds: dict[str, float]) -> Chart:
    rows = [{"step": step, "seconds": seconds} for step, seconds in step_seconds.items()]
    return _bar("step-seconds", "Time per step (seconds)", rows, "step", "seconds", keep_order=True)


def _bar(
    chart_id: str,
    title: str,
    rows: list[dict],
    category: str,
    amount: str,
    color: str | None = None,
    *,
    keep_order: bool = False,
) -> Chart:
    def spec(values: list[dict]) -> dict[str, Any]:
        encoding: dict[str, Any] = {
            "y": {"field": category, "type": "nominal", "sort": None if keep_order else "-x", "title": None},
            "x": {"field": amount, "type": "quantitative", "title": amount},
        }
        if color:
            encoding["color"] = {"field": color, "type": "nominal"}
        return {
            "data": {"values": values},
            "mark": {"type": "bar", "tooltip": True},
            "width": BAR_WIDTH,
            "height": {"step": BAR_STEP},
            "encoding": encoding,
        }

    return _chart(chart_id, title, rows, f"no {amount} yet", spec)


def _chart(chart_id: str, title: str, rows: list[dict], empty_text: str, spec: Any) -> Chart:
    if not rows:
        return Chart(chart_id, title, None, empty_text)
    return Chart(chart_id, title, {"$schema": VEGA_LITE_SCHEMA, **spec(_plain_rows(rows))}, empty_text)


def _plain_rows(rows: list[dict]) -> list[dict]:
    # Dates become ISO text, which Vega-Lite parses; everything else is already JSON.
    return [{k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()} for row in rows]
