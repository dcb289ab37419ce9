"""Sources: the named folders, files and globs a run reads, and the files under them.

A source's name is the first segment of every ``source_uri`` it yields, so a file's identity is
(source name, path inside the source): the same wherever the folder is mounted, and never the same
for ``001.txt`` in two folders.  ``--source NAME=PATH`` names a source; a bare ``PATH`` takes the
name of its folder.  Everything here is checked before a run does any work.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from transforms.ids import SOURCE_NAME_PATTERN, SOURCE_NAME_RULE
from transforms.ingest.parse import FORMAT_BY_EXTENSION

GLOB_CHARACTERS = re.compile(r"[*?\[]")
# A default name is the folder's name with every character the rule does not allow turned into this.
NAME_FILLER = "-"
NOT_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")
COMPRESSED_SUFFIX = ".gz"


class SourceError(ValueError):
    """A --source that cannot be read, or whose name would give two different files one identity."""


@dataclass(frozen=True)
class Source:
    """One --source: ``root`` is the folder its files' paths are relative to."""

    name: str
    root: Path
    # What the files are: the root itself (a folder), one file in it, or a glob relative to it.
    pattern: str | None
    is_file: bool
    explicit_name: bool

    @property
    def spec(self) -> str:
        """NAME=PATH, absolute: how runs record it and how a deployment stores it."""
        target = self.root / self.pattern if self.pattern else self.root
        return f"{self.name}={target}"


def resolve_sources(specs: list[str]) -> list[Source]:
    """Each spec as a Source, or SourceError (one line) for the first that cannot be read or clashes."""
    sources = [_resolve(spec) for spec in specs]
    by_target: dict[tuple[Path, str | None], Source] = {}
    for source in sources:
        other = by_target.setdefault((source.root, source.pattern), source)
        if other is not source:
            target = source.spec.split("=", 1)[1]
            raise SourceError(
                f"source {target} is given twice"
                + (f" (as {other.name!r} and {source.name!r})" if other.name != source.name else "")
            )
    by_name: dict[str, Source] = {}
    for source in sources:
        other = by_name.setdefault(source.name, source)
        if other is not source:
            if other.root == source.root:
                continue  # two globs in one folder: one identity space, a file they share is read once
            raise SourceError(
                f"two sources would be named {source.name!r} ({other.spec.split('=', 1)[1]} and "
                f"{source.spec.split('=', 1)[1]}); name them apart with --source NAME=PATH"
            )
    return sources


def check_against_history(sources: list[Source], roots_by_name: Mapping[str, str]) -> None:
    """Refuse a default name the warehouse already knows for another folder, and a folder it knows by another name.

    ``roots_by_name`` is each source name's folder as of the last run that read it.  A name given
    explicitly is the user's word that it is the same source (a folder moved or mounted elsewhere).
    """
    names_by_root = {root: name for name, root in roots_by_name.items()}
    for source in sources:
        if source.explicit_name:
            continue
        root = str(source.root)
        known_root = roots_by_name.get(source.name)
        if known_root is not None and known_root != root:
            raise SourceError(
                f"source name {source.name!r} (from {root}) already names {known_root} in this warehouse; give "
                f"another name with --source NAME={root}, or --source {source.name}={root} if it is that folder moved"
            )
        known_name = names_by_root.get(root)
        if known_name is not None and known_name != source.name:
            raise SourceError(
                f"{root} was read as source {known_name!r}; pass --source {known_name}={root} "
                f"(a new name would read every file again under new ids)"
            )


@dataclass(frozen=True)
class SourceListing:
    files: list[tuple[Path, str]]  # (path, path inside the source), in a stable order
    links_outside: list[str]  # paths inside the source of symbolic links that lead out of it, not followed


def source_files(source: Source, *, follow_symlinks: bool = False) -> SourceListing:
    """Every file the source holds; hidden files skipped.  A symbolic link that leads outside the source's
    folder (to /etc/passwd, another tree) is not read unless ``follow_symlinks``; links within it are."""
    if source.is_file:
        assert source.pattern is not None
        candidates: Iterator[Path] = iter([source.root / source.pattern])
    elif source.pattern is None:
        candidates = _walk(source.root, follow_symlinks)
    else:
        # Not glob.glob: its "**" follows every link, round a loop until the path is too long.
        matches = glob_matcher(source.pattern)
        candidates = (
            p for p in _walk(source.root, follow_symlinks) if matches.fullmatch(p.relative_to(source.root).as_posix())
        )
    files, outside = [], []
    for path in candidates:
        inside = path.relative_to(source.root).as_posix()
        if any(part.startswith(".") for part in inside.split("/")):
            continue
        # Not following, the walk never enters a linked folder: only the entry itself can be a link.
        if not follow_symlinks and path.is_symlink() and not path.resolve().is_relative_to(source.root):
            outside.append(inside)
        elif path.is_file():
            files.append((path, inside))
    return SourceListing(sorted(files), sorted(outside))


def glob_matcher(pattern: str) -> re.Pattern[str]:
    """A glob relative to a folder as a regex over '/'-separated paths: '*', '?' and '[…]' within one path
    segment, '**' for any number of folders (recursive, as glob's recursive=True)."""
    parts = []
    segments = pattern.strip("/").split("/")
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        if segment == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
            continue
        parts.append("".join(_glob_character(segment, i) for i in range(len(segment))) + ("" if last else "/"))
    return re.compile("".join(parts))


def _glob_character(segment: str, index: int) -> str:
    character = segment[index]
    inside_class = segment.rfind("[", 0, index) > segment.rfind("]", 0, index)
    if inside_class or character in "[]":
        return "^" if character == "!" and segment[index - 1] == "[" else character
    return {"*": "[^/]*", "?": "[^/]"}.get(character, re.escape(character))


def _walk(root: Path, follow_symlinks: bool) -> Iterator[Path]:
    """Files under ``root``; into linked folders only when following links, and each real folder once
    (a link back up would loop forever)."""
    seen: set[str] = set()
    for folder, subfolders, names in os.walk(root, followlinks=follow_symlinks):
        real = os.path.realpath(folder)
        if real in seen:
            subfolders.clear()
            continue
        seen.add(real)
        yield from (Path(folder, name) for name in names)
        if not follow_symlinks:
            # os.walk lists a link to a folder among the subfolders without entering it: it is one path to report.
            yield from (Path(folder, name) for name in subfolders if os.path.islink(os.path.join(folder, name)))


def _resolve(spec: str) -> Source:
    name, path_text = _split_name(spec)
    if name is not None and not SOURCE_NAME_PATTERN.fullmatch(name):
        raise SourceError(f"source name {name!r} breaks the rule: {SOURCE_NAME_RULE}")
    path = Path(path_text).expanduser()
    if path.is_dir():
        root, pattern, is_file = path.resolve(), None, False
    elif path.is_file():
        _check_readable_kind(path)
        root, pattern, is_file = path.resolve().parent, path.name, True
    elif GLOB_CHARACTERS.search(path_text):
        root, pattern = _glob_root(path_text)
        is_file = False
        if not root.is_dir() or not any(Path(p).is_file() for p in glob.iglob(str(root / pattern), recursive=True)):
            raise SourceError(f"source {path_text!r} is a glob that matches no file")
    else:
        raise SourceError(f"source {path_text!r} does not exist")
    return Source(
        name=name or _default_name(root, path_text),
        root=root,
        pattern=pattern,
        is_file=is_file,
        explicit_name=name is not None,
    )


def _split_name(spec: str) -> tuple[str | None, str]:
    """NAME=PATH → (NAME, PATH); a bare PATH → (None, PATH).  A '=' after a '/' belongs to the path."""
    before, sep, after = spec.partition("=")
    if not sep or "/" in before or os.sep in before:
        return None, spec
    return before, after


def _check_readable_kind(path: Path) -> None:
    name = path.name.lower().removesuffix(COMPRESSED_SUFFIX)
    suffix = Path(name).suffix
    # A file without an extension is sniffed by the parser; any other extension must be one it reads.
    if suffix and suffix not in FORMAT_BY_EXTENSION:
        readable = ", ".join(sorted(FORMAT_BY_EXTENSION))
        raise SourceError(f"source {str(path)!r} is a {suffix} file; Broadsheet reads {readable} (and those .gz)")


def _glob_root(pattern: str) -> tuple[Path, str]:
    """The folder before the first segment with a wildcard, and the rest of the pattern relative to it."""
    parts = Path(pattern).expanduser().parts
    fixed = next(i for i, part in enumerate(parts) if GLOB_CHARACTERS.search(part))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    return root.resolve(), str(Path(*parts[fixed:]))


def _default_name(root: Path, given: str) -> str:
    name = NOT_IN_NAME.sub(NAME_FILLER, root.name).lstrip("._-")[:64]
    if not name:
        raise SourceError(f"no source name can be made from {given!r}; give one with --source NAME={given}")
    return name
