"""A `.repo-lint-cache` planted in a checkout (a fork's pull request, a restored CI cache) cannot run code or
change results, and repo-lint touches only its own files in the cache directory."""

from __future__ import annotations

import json
import os
import pathlib
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from repo_lint import cache, datacodec
from repo_lint.cache import Cache
from repo_lint.config import load_config
from repo_lint.registry import check_sections
from tests.helpers import DRIFTED_COPY, make_repo
from tests.realtrees import TreeUnavailable, fetch_tree, fresh_copy

CACHE = ".repo-lint-cache"

# Records the name of every cache file a run opens, then runs the CLI.
PROBE = """
import sys
from repo_lint import cache
opened = []
original = cache.read_table
def recording(path):
    opened.append(path.name)
    return original(path)
cache.read_table = recording
from repo_lint.cli import main
record, sys.argv = sys.argv[1], ["repo-lint", *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
finally:
    open(record, "w").write("\\n".join(opened))
"""


class Planted:
    """Unpickling this creates the sentinel file: proof that a loader ran code from the file."""

    def __init__(self, sentinel: Path) -> None:
        self.sentinel = sentinel

    def __reduce__(self):
        return pathlib.Path.touch, (self.sentinel,)


def lint(root: Path, *args: str) -> tuple[int, list[dict]]:
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--output-format", "json", *args],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def names_opened(root: Path, *args: str) -> set[str]:
    """The cache files `repo-lint check <args>` opens (whether they exist or not)."""
    record = root.parent / f"opened-{os.getpid()}.txt"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(record), "check", *args], cwd=root, capture_output=True, check=True
    )
    return set(record.read_text().split())


def namespace(root: Path) -> str:
    return Cache(root / CACHE, load_config(root, None, check_sections()).fingerprint).namespace


def payload(sentinel: Path) -> bytes:
    data = pickle.dumps(Planted(sentinel))
    pickle.loads(data)  # the payload works: loading it with pickle does create the sentinel
    assert sentinel.exists()
    sentinel.unlink()
    return data


def framed(body: bytes, types: bytes = b"[]") -> bytes:
    """Our header and a valid digest around `body`: only the content can refuse it."""
    content = types + b"\n" + body
    return b"repo-lint-cache %d %s\n" % (datacodec.FORMAT_VERSION, datacodec.payload_digest(content).encode()) + content


def plantings(sentinel: Path) -> dict[str, bytes]:
    """What a planter puts under every name: raw pickle, pickle in our frame, and valid frames naming
    types outside the allow-list, unknown tags and a nesting bomb."""
    bomb = payload(sentinel)
    return {
        "pickle": bomb,
        "framed pickle": framed(bomb),
        "pickle as the types line": framed(b"1", types=bomb.replace(b"\n", b" ")),
        "foreign type": framed(b'{"0":["touch planted"]}', types=b'[["posix:system",[]]]'),
        "path type": framed(b'{"0":["planted"]}', types=b'[["pathlib:Path",[]]]'),
        "unknown tag": framed(b'{"R":["os","system"]}'),
        "nesting": framed(b"[" * 50_000 + b"]" * 50_000),
        "wrong shape": framed(b'[["posix","system"],[1]]\n\t\t\t'),
    }


def copy_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"src/mylib/b.py": DRIFTED_COPY})


@pytest.mark.slow
def test_a_planted_cache_runs_no_code_and_changes_no_result(tmp_path):
    root = copy_repo(tmp_path)
    expected = lint(root, "--no-cache")
    assert expected[0] == 1 and expected[1], "the repository must have findings to compare"
    names = names_opened(root) | names_opened(root, "--diff") | names_opened(root)
    shutil.rmtree(root / CACHE)
    ours = namespace(root)
    assert any(name.startswith(f"facts-{ours}-") for name in names) and f"shared-{ours}.rlc" in names
    assert any(name.startswith(f"runs-{ours}-") for name in names)
    # The pickle files of earlier versions, and the same names in the new layout, are never opened either.
    names |= {f"{kind}-{ours}.pickle" for kind in ("facts", "shared", "runs")}
    sentinel = tmp_path / "SENTINEL"
    for label, data in plantings(sentinel).items():
        (root / CACHE).mkdir(exist_ok=True)
        for name in names:
            (root / CACHE / name).write_bytes(data)
        assert lint(root) == expected, label
        assert lint(root) == expected, label  # and again, from what the first run wrote
        assert not sentinel.exists(), label
        shutil.rmtree(root / CACHE)


def test_fix_with_a_planted_cache_writes_what_an_uncached_fix_writes(tmp_path):
    reference = copy_repo(tmp_path / "reference")
    subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--fix", "--no-cache"],
        cwd=reference,
        capture_output=True,
        check=False,
    )
    root = copy_repo(tmp_path / "planted")
    names = names_opened(root, "--diff") | names_opened(root)
    sentinel = tmp_path / "SENTINEL"
    for data in plantings(sentinel).values():
        for name in names:
            (root / CACHE / name).write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--fix"], cwd=root, capture_output=True, text=True
    )
    assert "Traceback" not in result.stderr
    assert not sentinel.exists()
    assert (root / "src/mylib/b.py").read_text() == (reference / "src/mylib/b.py").read_text()


def test_a_forged_row_in_a_valid_facts_file_is_a_miss(tmp_path):
    import repo_lint.checks.copies.judge  # noqa: F401 - its fact types, for reading the files here

    root = copy_repo(tmp_path)
    expected = lint(root)
    for path in (root / CACHE).glob("facts-*.rlc"):
        table = datacodec.Table(path.read_bytes())
        writer = datacodec.TableWriter(table.types)
        rows = [line.rsplit("\t", 1)[0] + '\t{"zz":[1]}' for line in table.lines[1:]]  # unknown tag in every row
        path.write_bytes(writer.file([table.lines[0], *rows]))
    for path in [*(root / CACHE).glob("runs-*.rlc"), *(root / CACHE).glob("verdicts-*.rlc")]:
        path.unlink()
    assert lint(root) == expected


MALFORMED_READS = [
    "{",
    "[1, 2]",
    '[[], [], ["a.py"], [], [], []]',
    '[[], [], ["src/mylib/b.py"], ["x"], [0], ["0:zz;"]]',
    '[[], [], ["src/mylib/b.py"], ["x"], [0], ["nonsense"]]',
    '[[["os", "system", []]], [], ["src/mylib/b.py"], ["x"], [0], ["0:zz;"]]',
]


@pytest.mark.parametrize("payload", MALFORMED_READS)
def test_a_verdict_whose_reads_are_malformed_is_a_miss(tmp_path, payload):
    root = copy_repo(tmp_path)
    lint(root)  # creates the cache folder (the root's mtime is part of the search path `python -m` runs with)
    (root / "src/mylib/b.py").write_text((root / "src/mylib/b.py").read_text() + "# first change\n")
    lint(root)
    verdicts = list((root / CACHE).glob("verdicts-*.rlc"))
    assert verdicts
    for path in verdicts:
        key, (listing, _, side_effects, _) = cache.read_value(path)
        path.write_bytes(datacodec.encode([key, [listing, [], side_effects, payload]]))  # "no findings"
    for path in (root / CACHE).glob("runs-*.rlc"):
        path.unlink()
    for path in (root / "src").rglob("*.py"):  # every file changed: the reads are looked at
        path.write_text(path.read_text() + "# changed\n")
    expected = lint(root, "--no-cache")
    assert expected[1] and lint(root) == expected


# -- the cache directory holds only repo-lint's own files ---------------------------------------------------
def age(path: Path, days: float) -> None:
    then = time.time() - days * 24 * 3600
    os.utime(path, (then, then))


def test_pruning_deletes_only_repo_lint_files_by_their_exact_names(tmp_path):
    root = copy_repo(tmp_path)
    folder = root / CACHE
    folder.mkdir()
    other = "0123456789abcdef"
    theirs = [
        "notes.pickle",
        "facts-old.pickle",
        f"facts-{other}.pickle.bak",
        f"x-facts-{other}.rlc",
        f"facts-{other}-0123456789abcdef.rlc.keep",
        "data.json",
        f"facts-{other.upper()}.rlc",
    ]
    ours_stale = [
        f"facts-{other}.pickle",
        f"runs-{other}.pickle",
        f"facts-{other}-0123456789abcdef.rlc",
        f"shared-{other}.rlc",
        f".shared-{other}.rlc.abc_12x9.tmp",
    ]
    ours_recent = [f"shared-{'f' * 16}.rlc"]
    for name in theirs + ours_stale + ours_recent:
        (folder / name).write_bytes(b"x")
    for name in theirs + ours_stale:
        age(folder / name, 30)
    lint(root)
    left = {path.name for path in folder.iterdir()}
    assert set(theirs) <= left, "a file repo-lint did not create was deleted"
    assert not set(ours_stale) & left
    assert set(ours_recent) <= left
    assert ".gitignore" not in left, "the .gitignore goes only into a directory repo-lint created"


def test_gitignore_only_in_a_directory_repo_lint_created_or_that_holds_only_its_files(tmp_path):
    root = copy_repo(tmp_path)
    lint(root)
    assert (root / CACHE / ".gitignore").read_text().strip().endswith("*")
    (root / CACHE / ".gitignore").unlink()
    lint(root, "--ignore", "CPY003")  # a new request: something to write
    assert (root / CACHE / ".gitignore").exists(), "only repo-lint's own files: still its directory"
    shutil.rmtree(root / CACHE)
    (root / CACHE).mkdir()
    (root / CACHE / "mine.txt").write_text("user data")
    lint(root)
    assert not (root / CACHE / ".gitignore").exists()
    assert (root / CACHE / "mine.txt").read_text() == "user data"


@pytest.mark.slow
def test_interrupted_writes_and_old_runs_are_cleaned_up(tmp_path):
    root = copy_repo(tmp_path)
    lint(root)
    ours = namespace(root)
    temp = root / CACHE / f".facts-{ours}-0123456789abcdef.rlc.k2j4_x.tmp"
    fresh_temp = root / CACHE / f".facts-{ours}-fedcba9876543210.rlc.k2j4_y.tmp"
    temp.write_bytes(b"half")
    fresh_temp.write_bytes(b"being written")
    age(temp, 1)
    requests = [f"CPY00{n}" for n in range(2, 9)] + [f"CPY002,CPY00{n}" for n in range(3, 7)]
    assert len(requests) == cache.MAX_RUNS + 3
    for ignored in requests:
        lint(root, "--ignore", ignored)
    assert not temp.exists() and fresh_temp.exists()
    assert len(list((root / CACHE).glob(f"runs-{ours}-*.rlc"))) == cache.MAX_RUNS


# -- every value of real runs round-trips ----------------------------------------------------------------------
ALL_FAMILIES = "AUT,CPY,DOC,DUM,INI,NAM,RL,STR,TOC"


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["transformers", "diffusers"])
def test_the_cache_of_a_run_with_every_family_round_trips(name, tmp_path, monkeypatch):
    from repo_lint import engine

    try:
        tree = fetch_tree(name)
    except TreeUnavailable as error:
        pytest.skip(f"REAL TREE UNAVAILABLE, {name} not checked: {error}")
    root = fresh_copy(tree, tmp_path / name)
    shutil.rmtree(root / CACHE, ignore_errors=True)
    caches: list[Cache] = []

    class Recorded(Cache):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            caches.append(self)

    monkeypatch.setattr(engine, "Cache", Recorded)
    config = load_config(root, None, check_sections())
    request = engine.RunRequest(select=ALL_FAMILIES.split(","), cache_dir=root / CACHE)
    first = engine.run(config, request).diagnostics
    written = caches[-1]
    again = Cache(root / CACHE, config.fingerprint)
    rows = 0
    for group, loaded in written._groups.items():
        for key, (content, _, value) in loaded.entries.items():
            assert again.get_facts(key, content) == (True, value), (group, key)
            rows += 1
    assert rows > 1000
    assert again.known_digests() == written.known_digests()
    assert again.shared == written.shared and written.shared
    runs = list((root / CACHE).glob(f"runs-{written.namespace}-*.rlc"))
    assert len(runs) == 1 and cache.read_value(runs[0])[2] == first  # every finding could be stored
    assert engine.run(config, request).diagnostics == first  # answered from the run cache
    request.select = request.select + ["CPY999"]  # another request: judged again, from the cached facts
    assert engine.run(config, request).diagnostics == first


@pytest.mark.parametrize(
    "row",
    [
        "\t\t\t",
        "c\t0\t" + "[" * 50_000 + "\t1",  # a nesting bomb where the path goes
        'c\t0\t"' + "\\" * 3 + "\t1",  # a path that is not a JSON string
        'c\t7\t"p"\t1',  # arguments the group does not have
        'c\tx\t"p"\t1',
        'c\t0\t"p"\t{"zz":1}',  # a value with an unknown tag: a miss when asked for
        'c\t0\t"p"\t' + "[" * 50_000,
    ],
)
def test_a_malformed_row_in_a_valid_facts_file_is_a_miss(tmp_path, row):
    store = Cache(tmp_path, "config")
    key = ("p", "some.module", "extractor", ("argument",))
    writer = datacodec.TableWriter()
    meta = writer.line([["some.module", "extractor"], [("argument",)]])
    store._group_path(key[1:3]).write_bytes(writer.file([meta, row]))
    assert Cache(tmp_path, "config").get_facts(key, "c") == (False, None)
    good = writer.file([meta, 'c\t0\t"p"\t[1]'])
    store._group_path(key[1:3]).write_bytes(good)
    assert Cache(tmp_path, "config").get_facts(key, "c") == (True, [1])


def test_a_verdict_naming_a_module_of_the_checkout_imports_nothing(tmp_path):
    root = copy_repo(tmp_path)
    sentinel = tmp_path / "imported"
    (root / "planted_extractor.py").write_text(f"open({str(sentinel)!r}, 'w').close()\ndef run(text):\n    return 1\n")
    lint(root)  # creates the cache folder: the root's mtime, part of the search path `python -m` runs with, changes
    (root / "src/mylib/b.py").write_text((root / "src/mylib/b.py").read_text() + "# first change\n")
    lint(root)  # verdicts under the key the next run asks for
    for path in (root / CACHE).glob("verdicts-*.rlc"):
        key, (listing, found, side_effects, _) = cache.read_value(path)
        payload = json.dumps([[["planted_extractor", "run", []]], [], ["src/mylib/b.py"], ["x"], [0], ["0:zz;"]])
        path.write_bytes(datacodec.encode([key, [listing, found, side_effects, payload]]))
    for path in (root / CACHE).glob("runs-*.rlc"):
        path.unlink()
    (root / "src/mylib/b.py").write_text((root / "src/mylib/b.py").read_text() + "# changed\n")
    lint(root)
    assert not sentinel.exists()
