"""``chidao extract`` through click's CliRunner: formats, errors, exit status."""

from __future__ import annotations

import json

from click.testing import CliRunner

from chidao.cli import main


def test_jsonl_one_record_per_file(sample_paths) -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *map(str, sample_paths)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [r["document"]["number"] for r in lines] == ["761-CV/TU", "629-CV/TU", None, "1747-CV/TU"]


def test_json_array(sample_paths) -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(sample_paths[1])])
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["document"]["issuer"]["name"] == "Tỉnh ủy Lai Châu"


def test_table_is_readable(sample_paths) -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "table", str(sample_paths[0])])
    assert result.exit_code == 0
    assert "761-CV/TU" in result.output
    assert "lead      Ban Tuyên giáo Tỉnh ủy" in result.output
    assert "bí thư các huyện ủy, thành ủy → Ban Thường vụ Tỉnh ủy" in result.output


def test_folder_argument(sample_paths) -> None:
    result = CliRunner().invoke(main, ["extract", str(sample_paths[0].parent)])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 4


def test_bad_file_is_one_line_and_others_still_print(tmp_path, sample_paths) -> None:
    empty = tmp_path / "trống.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["extract", str(empty), str(sample_paths[1]), str(missing)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == [f"error: {empty}: empty file", f"error: {missing}: no such file"]
    assert json.loads(result.stdout.splitlines()[0])["document"]["number"] == "629-CV/TU"


def test_help_lists_extract() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "extract" in result.output
