"""--source NAME=PATH: names, roots, the files a source holds, and every way a source is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.ingest.sources import SourceError, check_against_history, glob_matcher, resolve_sources, source_files


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in (
        "bbc/politics/001.txt",
        "bbc/business/001.txt",
        "bbc/business/.hidden.txt",
        "bbc/politics/sub/002.txt",
        "My Folder/story.json",
        "odd/notes.csv",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("A story with enough words in it.")
    return tmp_path


def test_a_folder_is_named_after_itself_and_its_files_are_relative_to_it(tree):
    [politics, business] = resolve_sources([str(tree / "bbc/politics"), str(tree / "bbc/business")])
    assert (politics.name, politics.root, politics.explicit_name) == ("politics", tree / "bbc/politics", False)
    assert business.spec == f"business={tree / 'bbc/business'}"
    assert [rel for _, rel in source_files(politics).files] == ["001.txt", "sub/002.txt"]
    assert [rel for _, rel in source_files(business).files] == ["001.txt"]  # hidden files skipped


def test_an_explicit_name_a_file_and_a_glob(tree, monkeypatch):
    monkeypatch.chdir(tree)
    named, single, pattern = resolve_sources(["news=bbc", "bbc/politics/001.txt", "wire=bbc/*/001.txt"])
    assert (named.name, named.root, named.explicit_name) == ("news", tree / "bbc", True)
    assert [rel for _, rel in source_files(named).files] == [
        "business/001.txt",
        "politics/001.txt",
        "politics/sub/002.txt",
    ]
    # A file belongs to its folder: the same identity as when the folder is the source.
    assert (single.name, single.root, [rel for _, rel in source_files(single).files]) == (
        "politics",
        tree / "bbc/politics",
        ["001.txt"],
    )
    assert (pattern.name, pattern.root, pattern.spec) == ("wire", tree / "bbc", f"wire={tree / 'bbc/*/001.txt'}")
    assert [rel for _, rel in source_files(pattern).files] == ["business/001.txt", "politics/001.txt"]
    # The spec a run records resolves to the same source again (how the ingest child and a deployment get it).
    assert resolve_sources([named.spec, pattern.spec]) == [named, pattern]
    [again] = resolve_sources([single.spec])
    assert (again.name, again.root, again.pattern, again.is_file) == ("politics", single.root, "001.txt", True)


def test_two_globs_in_one_folder_are_one_source_name(tree):
    first, second = resolve_sources([f"{tree}/bbc/*/001.txt", f"{tree}/bbc/*/sub/*.txt"])
    assert (first.name, first.root) == (second.name, second.root) == ("bbc", tree / "bbc")


def test_a_default_name_keeps_only_the_characters_the_rule_allows(tree):
    [source] = resolve_sources([str(tree / "My Folder")])
    assert source.name == "My-Folder"


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["{tree}/nowhere"], r"source '.*/nowhere' does not exist"),
        (["{tree}/odd/notes.csv"], r"is a \.csv file; Broadsheet reads .*\.html.*\.txt"),
        (["{tree}/bbc/*/nothing-*.txt"], r"is a glob that matches no file"),
        (["{tree}/bbc/politics", "{tree}/bbc/politics"], r"source .*/bbc/politics is given twice$"),
        (
            ["{tree}/bbc/politics", "pol={tree}/bbc/politics/"],
            r"source .*/bbc/politics is given twice \(as 'politics' and 'pol'\)",
        ),
        (["{tree}/bbc/politics", "politics={tree}/bbc/business"], r"two sources would be named 'politics'"),
        (["bad name={tree}/bbc"], r"source name 'bad name' breaks the rule: letters, digits"),
        (["-x={tree}/bbc"], r"source name '-x' breaks the rule"),
    ],
)
def test_sources_that_cannot_be_read_or_clash_are_refused(tree, specs, message):
    with pytest.raises(SourceError, match=message):
        resolve_sources([spec.format(tree=tree) for spec in specs])


def test_history_refuses_a_default_name_for_another_folder_and_a_known_folder_under_a_new_default_name(tree):
    politics = resolve_sources([str(tree / "bbc/politics")])
    check_against_history(politics, {"politics": str(tree / "bbc/politics")})  # the same folder again: fine
    with pytest.raises(SourceError, match=r"already names /elsewhere/politics in this warehouse"):
        check_against_history(politics, {"politics": "/elsewhere/politics"})
    with pytest.raises(SourceError, match=r"was read as source 'pol'; pass --source pol="):
        check_against_history(politics, {"pol": str(tree / "bbc/politics")})
    # An explicit name is the user's word: the folder moved, or a new source on purpose.
    check_against_history(resolve_sources([f"politics={tree / 'bbc/politics'}"]), {"politics": "/elsewhere/politics"})


def test_the_cli_refuses_a_bad_source_in_one_line_before_any_work(tree):
    warehouse = tree / "warehouse"
    result = CliRunner().invoke(app, ["run", "--source", str(tree / "nowhere"), "--warehouse", str(warehouse)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: source '{tree / 'nowhere'}' does not exist"]
    assert not warehouse.exists()


def test_links_that_leave_the_source_are_counted_not_read_unless_followed(tmp_path):
    source, outside = tmp_path / "src", tmp_path / "outside"
    (source / "a").mkdir(parents=True)
    outside.mkdir()
    (source / "a" / "story.txt").write_text("A story.")
    (outside / "secret.txt").write_text("Not news.")
    (source / "passwd.txt").symlink_to(outside / "secret.txt")
    (source / "elsewhere").symlink_to(outside, target_is_directory=True)
    (source / "again.txt").symlink_to(source / "a" / "story.txt")  # a link inside the source is fine
    (source / "a" / "loop").symlink_to(source, target_is_directory=True)
    [named] = resolve_sources([f"src={source}"])

    listing = source_files(named)
    assert [rel for _, rel in listing.files] == ["a/story.txt", "again.txt"]
    assert listing.links_outside == ["elsewhere", "passwd.txt"]

    followed = source_files(named, follow_symlinks=True)
    assert [rel for _, rel in followed.files] == ["a/story.txt", "again.txt", "elsewhere/secret.txt", "passwd.txt"]
    assert followed.links_outside == []
    [pattern] = resolve_sources([f"src={source}/**/*.txt"])
    assert [rel for _, rel in source_files(pattern).files] == ["a/story.txt", "again.txt"]


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*/001.txt", "politics/001.txt", True),
        ("*/001.txt", "a/b/001.txt", False),
        ("*.txt", "sub/x.txt", False),
        ("**/*.txt", "x.txt", True),
        ("**/*.txt", "a/b/x.txt", True),
        ("a/**", "a/b/c.json", True),
        ("[ab]?.txt", "b1.txt", True),
        ("[!ab]?.txt", "b1.txt", False),
        ("x+y.txt", "x+y.txt", True),
    ],
)
def test_glob_patterns_match_paths_inside_a_source_as_glob_does(pattern, path, matches):
    assert bool(glob_matcher(pattern).fullmatch(path)) is matches
