"""Reading only regular files of bounded size; writing through links; never onto the input."""
import os
import threading

import pytest

from dafu.checks.engine import read_checkable
from dafu.draftio import MAX_DRAFT_BYTES, read_draft
from dafu.errors import CheckInputError, DraftError
from dafu.fileio import read_regular, same_file, write_target


def run_with_timeout(func, seconds=10):
    """Call func in a thread; fail the test (instead of hanging the suite) if it does not return."""
    outcome = {}

    def target():
        try:
            outcome["value"] = func()
        except BaseException as exc:  # noqa: BLE001
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung (a FIFO or device read as a file)"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.dafu"
    os.mkfifo(path)
    return path


def test_draft_from_a_fifo_is_refused_without_hanging(fifo):
    with pytest.raises(DraftError) as err:
        run_with_timeout(lambda: read_draft(fifo))
    assert "not a regular file" in str(err.value) and str(fifo) in str(err.value)


def test_draft_from_dev_zero_is_refused_without_reading_it():
    with pytest.raises(DraftError, match="not a regular file"):
        run_with_timeout(lambda: read_draft("/dev/zero"))


def test_text_to_check_from_a_fifo_is_refused(tmp_path):
    path = tmp_path / "reply.txt"
    os.mkfifo(path)
    with pytest.raises(CheckInputError, match="not a regular file"):
        run_with_timeout(lambda: read_checkable(path))


def test_a_folder_is_not_a_draft(tmp_path):
    folder = tmp_path / "x.dafu"
    folder.mkdir()
    with pytest.raises(DraftError, match="folder"):
        read_draft(folder)


def test_oversized_draft_is_refused_with_its_size(tmp_path):
    big = tmp_path / "big.dafu"
    big.write_bytes(b"# " + b"x" * MAX_DRAFT_BYTES + b"\n")
    with pytest.raises(DraftError, match="too large"):
        read_draft(big)


def test_read_regular_stops_at_the_limit(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_regular(path, limit=5) == b"12345"
    with pytest.raises(Exception, match="too large"):
        read_regular(path, limit=4)


def test_write_target_follows_a_link_and_same_file_sees_through_links(tmp_path):
    real = tmp_path / "real.docx"
    link = tmp_path / "link.docx"
    link.symlink_to(real.name)
    assert write_target(link) == real.resolve()
    assert write_target(real) == real
    real.write_text("x")
    assert same_file(link, real) and same_file(tmp_path / "sub" / ".." / "real.docx", real)
    assert not same_file(link, tmp_path / "other")
