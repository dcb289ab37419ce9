"""The browser scripts and styles the warehouse's HTML pages need (the run report's charts, GX Data Docs), kept
on disk so that no page loads anything from a network when it is opened.

Each package is pinned by version and by npm's integrity hash; ``make setup`` fetches them once from the npm
registry (``python -m warehouse.vendor``) into ``<environment>/share/broadsheet/vendor`` (or
``$BROADSHEET_VENDOR_DIR``), keeping only the files the pages use.  Nothing is fetched during a run.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR_VARIABLE = "BROADSHEET_VENDOR_DIR"


class MissingAsset(FileNotFoundError):
    """A vendored file is not on disk: the environment was set up without ``make setup``."""


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # npm's dist.integrity of the tarball: sha512, base64
    files: tuple[str, ...]  # paths inside the tarball's package/ folder

    @property
    def folder(self) -> str:
        return f"{self.name.replace('/', '__')}@{self.version}"


VEGA = Package(
    "vega",
    "5.33.1",
    "sha512-1fArfVDUqVbb5z8n+/nVQb+VNBzx8svY6CrsyTK4Ujm4yrd9I1auoKxBAPXLCavY1LcrbHUskQbGUP8gXOzyQw==",
    ("build/vega.min.js", "package.json"),  # BSD-3-Clause; the tarball has no LICENSE file
)
VEGA_LITE = Package(
    "vega-lite",
    "5.23.0",
    "sha512-l4J6+AWE3DIjvovEoHl2LdtCUkfm4zs8Xxx7INwZEAv+XVb6kR6vIN1gt3t2gN2gs/y4DYTs/RPoTeYAuEg6mA==",
    ("build/vega-lite.min.js", "LICENSE"),
)
VEGA_EMBED = Package(
    "vega-embed",
    "6.29.0",
    "sha512-PmlshTLtLFLgWtF/b23T1OwX53AugJ9RZ3qPE2c01VFAbgt3/GSNI/etzA/GzdrkceXFma+FDHNXUppKuM0U6Q==",
    ("build/vega-embed.min.js", "LICENSE"),
)
# What GX 1.24's Data Docs templates load from CDNs, at the versions they name.
JQUERY = Package(
    "jquery",
    "3.7.1",
    "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
    ("dist/jquery.min.js", "LICENSE.txt"),
)
BOOTSTRAP = Package(
    "bootstrap",
    "4.3.1",
    "sha512-rXqOmH1VilAt2DyPzluTi2blhk17bO7ef+zLLPlWvG494pDxcM234pJ8wTc/6R40UWizAIIMgxjvxZg5kmsbag==",
    ("dist/css/bootstrap.min.css", "dist/js/bootstrap.min.js", "LICENSE"),
)
POPPER = Package(
    "popper.js",
    "1.12.9",
    "sha512-s0EEi9xiSCdqz9lV4IiVH5yIZnDX/U1t0tCjB+0jXx9jW8lrR7kOpVupiUg175ogqVoudpDXHF1p6dKATCHMeg==",
    ("dist/umd/popper.min.js", "package.json"),  # MIT; the tarball has no LICENSE file
)
BOOTSTRAP_TABLE = Package(
    "bootstrap-table",
    "1.19.1",
    "sha512-WvV+l1AI/C+zThaKmfHmi/IuayVNB0qdFyEhFx1jyZhO0oLtNJNANkCR3rvJf6Dkh72dsLElxpE/bzK9seEQLA==",
    (
        "dist/bootstrap-table.min.css",
        "dist/bootstrap-table.min.js",
        "dist/extensions/filter-control/bootstrap-table-filter-control.css",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
        "LICENSE",
    ),
)
BOOTSTRAP_DATEPICKER = Package(
    "bootstrap-datepicker",
    "1.9.0",
    "sha512-9rYYbaVOheGYxjOr/+bJCmRPihfy+LkLSg4fIFMT9Od8WwWB/MB50w0JO1eBgKUMbb7PFHQD5uAfI3ArAxZRXA==",
    ("dist/css/bootstrap-datepicker.min.css", "dist/js/bootstrap-datepicker.min.js", "LICENSE"),
)
FONT_AWESOME = Package(
    "@fortawesome/fontawesome-free",
    "6.6.0",
    "sha512-60G28ke/sXdtS9KZCpZSHHkCbdsOGEhIUGlwq6yhY74UpTiToIh8np7A8yphhM4BWsvNFtIvLpi4co+h9Mr9Ow==",
    (
        "css/all.min.css",
        "webfonts/fa-brands-400.woff2",
        "webfonts/fa-regular-400.woff2",
        "webfonts/fa-solid-900.woff2",
        "webfonts/fa-v4compatibility.woff2",
        "webfonts/fa-brands-400.ttf",
        "webfonts/fa-regular-400.ttf",
        "webfonts/fa-solid-900.ttf",
        "webfonts/fa-v4compatibility.ttf",
        "LICENSE.txt",
    ),
)
BOOTSTRAP_DARK = Package(
    "@forevolve/bootstrap-dark",
    "1.1.0",
    "sha512-A3ucpEpxPoTVO490lZZCfjPXxv832l7mm1IxX3bXyxvgwnPGXDLyh7dWrphXKO8YBAu3EswbBEu3VSW8NRMW3A==",
    ("dist/css/bootstrap-prefers-dark.css", "LICENSE"),
)
PACKAGES = (
    VEGA,
    VEGA_LITE,
    VEGA_EMBED,
    JQUERY,
    BOOTSTRAP,
    POPPER,
    BOOTSTRAP_TABLE,
    BOOTSTRAP_DATEPICKER,
    FONT_AWESOME,
    BOOTSTRAP_DARK,
)


def vendor_dir() -> Path:
    configured = os.environ.get(VENDOR_DIR_VARIABLE)
    return Path(configured) if configured else Path(sys.prefix) / "share" / "broadsheet" / "vendor"


def asset_path(package: Package, file: str) -> Path:
    """Where a vendored file is; raises MissingAsset when setup has not fetched it."""
    if file not in package.files:
        raise ValueError(f"{file} is not among the files vendored from {package.name}")
    path = vendor_dir() / package.folder / file
    if not path.is_file():
        raise MissingAsset(
            f"{path} is missing: the pages' scripts are fetched by `make setup` (python -m warehouse.vendor)"
        )
    return path


def read_asset(package: Package, file: str) -> str:
    return asset_path(package, file).read_text(encoding="utf-8")


def fetch(destination: Path | None = None) -> list[Path]:
    """Every package's files, from the npm registry the machine's npm is configured for, each tarball checked
    against its pinned integrity; packages already on disk are left as they are."""
    destination = destination or vendor_dir()
    written = []
    for package in PACKAGES:
        folder = destination / package.folder
        if all((folder / file).is_file() for file in package.files):
            continue
        with tempfile.TemporaryDirectory() as scratch:
            tarball = _npm_pack(package, Path(scratch))
            _check_integrity(package, tarball)
            written += _extract(package, tarball, folder)
    return written


def _npm_pack(package: Package, folder: Path) -> Path:
    command = ["npm", "pack", "--silent", "--pack-destination", str(folder), f"{package.name}@{package.version}"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    [tarball] = folder.glob("*.tgz")
    return tarball


def _check_integrity(package: Package, tarball: Path) -> None:
    algorithm, expected = package.integrity.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise ValueError(f"{package.name}@{package.version}: the tarball's {algorithm} is {digest}, pinned {expected}")


def _extract(package: Package, tarball: Path, folder: Path) -> list[Path]:
    written = []
    with tarfile.open(tarball) as archive:
        for file in package.files:
            member = archive.extractfile(f"package/{file}")
            if member is None:
                raise ValueError(f"{package.name}@{package.version} has no file {file}")
            target = folder / file
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(member.read())
            tmp.replace(target)  # a fetch cut short never leaves half a file under the real name
            written.append(target)
    return written


if __name__ == "__main__":
    for path in fetch():
        print(path)
