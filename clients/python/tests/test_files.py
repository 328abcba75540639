import json
import logging

from beamtime_registry import FileHandler
from beamtime_registry.files import summarize_folder


async def test_file_handler_writes_concert_metadata_next_to_the_data(tmp_path):
    handler = await FileHandler()
    path = await handler.handle('{"experiment": {"iteration": "0"}}', ds_name="scan_0000", src_dir=str(tmp_path))
    assert path == tmp_path / "experiment.json"
    assert json.loads(path.read_text()) == {"experiment": {"iteration": "0"}}
    assert [p.name for p in tmp_path.iterdir()] == ["experiment.json"]  # no temporary left
    await handler.aclose()


async def test_file_handler_keeps_text_that_is_not_json(tmp_path):
    handler = await FileHandler(filename="meta.json")
    path = await handler.handle("not json", src_dir=str(tmp_path), filename="other.json")
    assert path.name == "other.json"
    assert json.loads(path.read_text()) == {"text": "not json"}


class RecordingWalker:
    def __init__(self, current):
        self.current = current
        self.calls = []

    async def get_current(self):
        return self.current

    async def log_to_json(self, payload, filename="experiment.json"):
        self.calls.append((payload, filename))


async def test_file_handler_writes_through_the_walker_standing_in_the_folder(tmp_path):
    walker = RecordingWalker(str(tmp_path))
    handler = await FileHandler(walker=walker)
    await handler.handle('{"a": 1}', filename="x.json", src_dir=str(tmp_path))
    assert walker.calls and walker.calls[0][1] == "x.json"
    assert json.loads(walker.calls[0][0]) == {"a": 1}

    # A walker that has ascended already would write into the wrong folder: write directly.
    walker.current = str(tmp_path.parent)
    path = await handler.handle('{"a": 2}', filename="x.json", src_dir=str(tmp_path))
    assert len(walker.calls) == 1 and json.loads(path.read_text()) == {"a": 2}


def test_folder_summary_counts_files_recursively_and_excludes_our_own(tmp_path):
    (tmp_path / "darks").mkdir()
    (tmp_path / "darks" / "frame_000000.tif").write_bytes(b"x" * 10)
    (tmp_path / "frame_000001.tif").write_bytes(b"y" * 5)
    (tmp_path / "registry_metadata.json").write_text("{}")
    summary = summarize_folder(tmp_path, exclude=frozenset({"registry_metadata.json"}))
    assert (summary.number_of_files, summary.size) == (2, 15)
    assert summary.by_extension == {".tif": 2}
