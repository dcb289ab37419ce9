"""Great Expectations Data Docs of the recent runs: GX's own site builder renders the suites and the
``validation_results`` rows of those runs into a folder of static pages that open with no network.

The warehouse keeps the results (one row per expectation, table and run, merged over a run's slices); here they
become GX result objects again, each joined to its expectation's configuration by ``result_id``.  GX's page
templates load jQuery, Bootstrap, Font Awesome and Vega from CDNs: every such address is replaced by a relative
link to the copy ``warehouse.vendor`` keeps, copied into the site's ``static/vendor`` folder.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import great_expectations as gx  # expectations/__init__.py has set GX's env vars by now
import pyarrow as pa
from great_expectations.core import ExpectationSuiteValidationResult, ExpectationValidationResult
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from expectations.suites import build_suites
from expectations.validate import DATASOURCE_NAME, in_memory_context, result_id
from warehouse import vendor

SITE_NAME = "broadsheet"
VENDOR_FOLDER = Path("static") / "vendor"
ERROR_PREFIX = "error: "
# GX 1.24's templates (render/view/templates) → the vendored file each address stands for.  The filter-control
# styles are asked for at 1.19.0 in one template and 1.19.1 in another: both are served by 1.19.1's file.
CDN_ASSETS: dict[str, tuple[vendor.Package, str]] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": (vendor.JQUERY, "dist/jquery.min.js"),
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
        vendor.BOOTSTRAP,
        "dist/css/bootstrap.min.css",
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
        vendor.BOOTSTRAP,
        "dist/js/bootstrap.min.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
        vendor.POPPER,
        "dist/umd/popper.min.js",
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        vendor.BOOTSTRAP_TABLE,
        "dist/bootstrap-table.min.css",
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        vendor.BOOTSTRAP_TABLE,
        "dist/bootstrap-table.min.js",
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        vendor.BOOTSTRAP_TABLE,
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": (
        vendor.BOOTSTRAP_TABLE,
        "dist/extensions/filter-control/bootstrap-table-filter-control.css",
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (
        vendor.BOOTSTRAP_TABLE,
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        vendor.BOOTSTRAP_DATEPICKER,
        "dist/css/bootstrap-datepicker.min.css",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        vendor.BOOTSTRAP_DATEPICKER,
        "dist/js/bootstrap-datepicker.min.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        vendor.FONT_AWESOME,
        "css/all.min.css",
    ),
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        vendor.BOOTSTRAP_DARK,
        "dist/css/bootstrap-prefers-dark.css",
    ),
    "https://cdn.jsdelivr.net/npm/vega@5": (vendor.VEGA, "build/vega.min.js"),
    "https://cdn.jsdelivr.net/npm/vega-lite@5": (vendor.VEGA_LITE, "build/vega-lite.min.js"),
    "https://cdn.jsdelivr.net/npm/vega-embed@6": (vendor.VEGA_EMBED, "build/vega-embed.min.js"),
}
VENDORED_PACKAGES = {package for package, _ in CDN_ASSETS.values()}
# The navigation bar's logo comes from GX's web-asset bucket in every page, though the site has its own copy.
GX_WEB_IMAGE = re.compile(
    r"""(["'])https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/([\w.-]+)(?:\?[^"']*)?\1"""
)
# The dark theme's logo is the one image the package does not ship: the light one stands in.
STAND_IN_IMAGE = "logo-long.png"
SITE_IMAGES = Path("static") / "images"


def build_data_docs(results: pa.Table, site_dir: Path) -> Path:
    """The Data Docs site at ``site_dir`` for the runs in ``results`` (``validation_results`` rows); returns its
    index page.  Pages of runs no longer in ``results`` are removed, so the caller chooses the window kept."""
    site_dir = site_dir.resolve()  # GX's file store wants an absolute folder
    site_dir.mkdir(parents=True, exist_ok=True)
    context = _context(site_dir)
    suites = build_suites()
    for suite in suites.values():
        context.suites.add(suite)
    to_render: list[Any] = [ExpectationSuiteIdentifier(name=name) for name in suites]
    for key, result in validation_results(results, suites).items():
        context.validation_results_store.set(key, result)  # every run in the window stays in the index
        if not _page_folder(site_dir, key).is_dir():  # a run's results never change: render its pages once
            to_render.append(key)
    context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=to_render)
    _vendor_assets(site_dir)
    return site_dir / "index.html"


def validation_results(
    results: pa.Table, suites: Mapping[str, gx.ExpectationSuite]
) -> dict[ValidationResultIdentifier, ExpectationSuiteValidationResult]:
    """One GX suite result per run and table from the rows; a row whose expectation is no longer in its suite
    (the suite changed since that run) has no configuration to render and is left out."""
    by_run_and_table: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in results.to_pylist():
        by_run_and_table[(row["run_id"], row["table_name"])].append(row)
    out = {}
    for (run_id, table), rows in sorted(by_run_and_table.items()):
        suite = suites.get(table)
        if suite is None:
            continue
        configs = {result_id(run_id, table, e.configuration): e.configuration for e in suite.expectations}
        expectation_results = [
            _expectation_result(row, configs[row["result_id"]]) for row in rows if row["result_id"] in configs
        ]
        if not expectation_results:
            continue
        validated_at: datetime = rows[0]["validated_at"]
        identifier = RunIdentifier(run_name=run_id, run_time=validated_at)
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=table),
            run_id=identifier,
            batch_identifier=table,
        )
        successful = sum(1 for r in expectation_results if r.success)
        out[key] = ExpectationSuiteValidationResult(
            success=successful == len(expectation_results),
            results=expectation_results,
            suite_name=table,
            meta={
                "run_id": identifier,
                "validation_time": validated_at.isoformat(),
                "active_batch_definition": {
                    "datasource_name": DATASOURCE_NAME,
                    "data_asset_name": table,
                    "batch_definition_name": table,
                },
                "pipeline_version": rows[0]["pipeline_version"],
            },
            statistics={
                "evaluated_expectations": len(expectation_results),
                "successful_expectations": successful,
                "unsuccessful_expectations": len(expectation_results) - successful,
                "success_percent": 100.0 * successful / len(expectation_results),
            },
        )
    return out


def _expectation_result(row: dict[str, Any], config: ExpectationConfiguration) -> ExpectationValidationResult:
    detail: str | None = row["detail"]
    error = detail[len(ERROR_PREFIX) :] if detail and detail.startswith(ERROR_PREFIX) else None
    result: dict[str, Any] = {"element_count": row["row_count"]}
    if row["unexpected_count"] is not None:
        result["unexpected_count"] = row["unexpected_count"]
        result["unexpected_percent"] = 100.0 * row["unexpected_count"] / row["row_count"] if row["row_count"] else 0.0
    if detail and error is None:
        # The run kept a sample of the unexpected values and keys as one line: shown as the sample.
        result["partial_unexpected_list"] = [detail]
    return ExpectationValidationResult(
        success=row["success"],
        expectation_config=config,
        result=result,
        exception_info={"raised_exception": error is not None, "exception_message": error, "exception_traceback": None},
    )


def _page_folder(site_dir: Path, key: ValidationResultIdentifier) -> Path:
    # GX's layout: validations/<suite>/<run name>/<run time>/<batch>.html
    return site_dir / "validations" / key.expectation_suite_identifier.name / key.run_id.run_name


def _context(site_dir: Path) -> Any:
    context = in_memory_context()
    context.add_data_docs_site(
        SITE_NAME,
        {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(site_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def _vendor_assets(site_dir: Path) -> None:
    """Copy the vendored files into the site and point every page's CDN addresses at them."""
    vendor_root = site_dir / VENDOR_FOLDER
    for package in VENDORED_PACKAGES:
        source = vendor.vendor_dir() / package.folder
        for file in package.files:
            vendor.asset_path(package, file)  # raises MissingAsset with the way to fetch it
        shutil.copytree(source, vendor_root / package.folder, dirs_exist_ok=True)
    for page in site_dir.rglob("*.html"):
        _relink(page, site_dir, vendor_root)


def _relink(page: Path, site_dir: Path, vendor_root: Path) -> None:
    text = page.read_text(encoding="utf-8")
    relinked = text
    for address, (package, file) in CDN_ASSETS.items():
        local = os.path.relpath(vendor_root / package.folder / file, page.parent)
        relinked = relinked.replace(f'"{address}"', f'"{local}"')  # whole attribute values only
    images = os.path.relpath(site_dir / SITE_IMAGES, page.parent)

    def local_image(match: re.Match[str]) -> str:
        quote, name = match.group(1), match.group(2)
        shipped = name if (site_dir / SITE_IMAGES / name).is_file() else STAND_IN_IMAGE
        return f"{quote}{images}/{shipped}{quote}"

    relinked = GX_WEB_IMAGE.sub(local_image, relinked)
    if relinked != text:
        page.write_text(relinked, encoding="utf-8")
