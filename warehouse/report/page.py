"""The run report as one HTML page: the run's own record, what it quarantined, how validation went, drift, and
the warehouse's charts, with the scripts that draw them inlined so the page needs no network."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from warehouse.report.charts import step_seconds_chart, warehouse_charts
from warehouse.report.facts import WarehouseFacts
from warehouse.status import DRIFT_RELATIVE, DRIFT_SHARE_POINTS, DRIFT_WINDOW

QUARANTINE_ROWS_SHOWN = 50
DRIFT_RULE = (
    f"Compared with the median of the {DRIFT_WINDOW} runs before it that produced articles: articles per run, "
    f"claims per article and validation warnings are flagged beyond ±{DRIFT_RELATIVE:.0%} of that baseline "
    f"(or of 1), the resolved-speaker share and the quarantine rate beyond ±{DRIFT_SHARE_POINTS} (README, "
    "Nightly operations)."
)
NO_SCRIPTS = "The chart scripts are not installed (make setup fetches them): the tables above hold the numbers."

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a misspelt field fails the report, not prints nothing
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_page(
    run: Mapping[str, Any],
    facts: WarehouseFacts | None,
    quarantined: Sequence[Mapping[str, Any]],
    *,
    scripts: Sequence[str],
    written_at: datetime,
    data_docs_href: str | None,
    missing_warehouse: str = "",
) -> str:
    """The page for one run: ``run`` is its ``runs`` row, ``facts`` None when no published file could be read
    (``missing_warehouse`` says why), ``scripts`` the Vega scripts' text (none: the charts are left out)."""
    # MAP columns come from Arrow as lists of pairs.
    run = {**run, "discarded": dict(run["discarded"] or ()), "step_seconds": dict(run["step_seconds"] or ())}
    step_chart = step_seconds_chart(run["step_seconds"])
    charts = warehouse_charts(facts) if facts is not None else []
    drawn = [chart for chart in [step_chart, *charts] if chart.spec is not None] if scripts else []
    started, finished = run["started_at"], run["finished_at"]
    return _TEMPLATES.get_template("run_report.html.j2").render(
        run=run,
        duration=(finished - started).total_seconds() if started and finished else None,
        facts=facts,
        step_chart=step_chart,
        warehouse_charts=charts,
        chart_specs=[{"id": chart.chart_id, "spec": chart.spec} for chart in drawn],
        scripts=scripts,
        no_scripts=NO_SCRIPTS,
        quarantined=quarantined,
        quarantine_reasons=Counter(q["reason_code"] for q in quarantined).most_common(),
        quarantine_rows_shown=QUARANTINE_ROWS_SHOWN,
        drift_rule=DRIFT_RULE,
        data_docs_href=data_docs_href,
        missing_warehouse=missing_warehouse,
        written_at=f"{written_at:%Y-%m-%d %H:%M:%S} UTC",
    )
