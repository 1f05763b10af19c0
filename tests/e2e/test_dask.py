"""The batch on a Dask cluster: the same bytes as the process pool, no shared file system, a dead worker retried.

The clusters are local (``distributed.LocalCluster`` on 127.0.0.1), started and closed by each test.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from spakanalysis.core.errors import ParameterError
from spakanalysis.pipeline import batch, dask_run
from spakanalysis.pipeline.runner import FAILED, SUCCEEDED, SatkerResult

if not os.environ.get("CI"):  # CI installs the dask extra (./jalankan): there the test must run
    pytest.importorskip("distributed")

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw"
MINI = ROOT / "tests" / "data" / "mini"
PARAMS = {"aturan": "ntt-2024", "galat": 0.05, "lantai": None, "tanggal_data": "2024-09-18", "tanggal_rapat": "2024-09-19",
          "kecualikan_tanda": False}
#: manifest fields that differ between two runs of the same batch (times; papermill's random cell ids)
_VOLATILE = {"dibuat_pada", "durasi_detik", "durasi_total_detik", "mulai"}


def _files(period_dir: Path) -> dict[str, bytes]:
    """Every output file but the executed notebooks and the manifest, by relative path."""
    return {p.relative_to(period_dir).as_posix(): p.read_bytes() for p in sorted(period_dir.rglob("*"))
            if p.is_file() and p.suffix != ".ipynb" and p.name != "manifest.json"}


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _VOLATILE and not k.endswith(".ipynb")}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _manifest(period_dir: Path) -> dict:
    return _stable(json.loads((period_dir / "manifest.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sample_on_both(tmp_path_factory):
    """The sample batch rendered by the process pool and by a 2 x 2 local Dask cluster."""
    from distributed import Client, LocalCluster

    pool, on_dask = tmp_path_factory.mktemp("pool"), tmp_path_factory.mktemp("dask")
    assert batch.run_batch(data=SAMPLE, keluaran=pool, periode="2024-Q3", parameter=PARAMS, pekerja=2, echo=lambda s: None) == 0
    with LocalCluster(n_workers=2, threads_per_worker=2, dashboard_address=None) as cluster, Client(cluster) as client:
        rc = batch.run_batch(data=SAMPLE, keluaran=on_dask, periode="2024-Q3", parameter=PARAMS, dask=client,
                             echo=lambda s: None)
    assert rc == 0
    return pool / "2024-Q3", on_dask / "2024-Q3"


def test_dask_outputs_are_byte_identical_to_the_process_pool(sample_on_both):
    pool, on_dask = sample_on_both
    a, b = _files(pool), _files(on_dask)
    assert sorted(a) == sorted(b)
    kinds = {name.rsplit("/", 1)[-1] for name in a}
    assert {"ringkasan.json", "laporan.html", "laporan.pdf", "rekap.html", "rekap.pdf", "index.html"} <= kinds
    assert sum(name.endswith("/ringkasan.json") for name in a) == 21
    assert [name for name in a if a[name] != b[name]] == []


def test_dask_manifest_agrees_with_the_process_pool(sample_on_both):
    pool, on_dask = sample_on_both
    assert _manifest(pool) == _manifest(on_dask)
    on = json.loads((on_dask / "manifest.json").read_text(encoding="utf-8"))
    assert len(on["satker"]) == 21
    for h in on["satker"]:  # every file the manifest lists was written here, not left on a worker
        assert h["status"] == SUCCEEDED and all((on_dask / h["kode_satker"] / name).is_file() for name in h["berkas"])


def test_dask_leaves_no_temporary_folder(sample_on_both):
    _, on_dask = sample_on_both
    assert [p.name for p in on_dask.iterdir() if p.name.startswith(".")] == []


def _kill_once(key_prefix: str, marker: str):
    """A worker plugin that ends its worker process when ``key_prefix`` starts executing, once (a marker file)."""
    from distributed import WorkerPlugin

    class KillOnce(WorkerPlugin):
        name = "mati-sekali"

        def transition(self, key, start, finish, **kwargs) -> None:
            if finish == "executing" and str(key).startswith(key_prefix) and not os.path.exists(marker):
                Path(marker).write_text("mati", encoding="utf-8")
                os._exit(1)

    return KillOnce()


def test_a_worker_that_dies_has_its_satker_retried_elsewhere(tmp_path):
    from distributed import Client

    marker, said = tmp_path / "mati", []
    client, cluster = dask_run.connect(dask_run.LOCAL, 2)
    try:
        assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures) == 1
        client.register_plugin(_kill_once("laporan-RBKUPANG", str(marker)))
        rc = batch.run_batch(data=MINI, keluaran=tmp_path / "out", periode="2024-Q3",
                             parameter={"tanggal_data": "2024-09-18"}, pdf=False, dask=client, echo=said.append)
    finally:
        client.close()
        cluster.close()
    assert isinstance(client, Client) and marker.exists()  # the worker did die once
    assert rc == 0, "\n".join(said)
    manifest = json.loads((tmp_path / "out" / "2024-Q3" / "manifest.json").read_text(encoding="utf-8"))
    assert {h["kode_satker"]: h["status"] for h in manifest["satker"]} == {
        "KWNTT": SUCCEEDED, "LPKUPANG": SUCCEEDED, "RBKUPANG": SUCCEEDED}
    assert (tmp_path / "out" / "2024-Q3" / "RBKUPANG" / "ringkasan.json").is_file()


def test_wrong_address_is_refused_before_anything_is_loaded(tmp_path):
    with pytest.raises(ParameterError, match='"localhost:8786" bukan alamat penjadwal Dask'):
        batch.run_batch(data=MINI, keluaran=tmp_path / "out", periode="2024-Q3", dask="localhost:8786")
    assert not (tmp_path / "out").exists()


def test_no_scheduler_at_the_address_is_a_clear_error():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ParameterError, match=rf"Penjadwal Dask di tcp://127.0.0.1:{port} tidak dapat dihubungi"):
        dask_run.connect(f"tcp://127.0.0.1:{port}")


def test_without_distributed_the_error_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ParameterError, match=r'pip install "spakanalysis\[dask\]"'):
        dask_run.connect(dask_run.LOCAL)


class _FakeClient:
    def __init__(self, versions):
        self.versions = versions

    def run(self, fn):
        return self.versions


def test_workers_without_this_version_are_refused():
    from spakanalysis import __version__

    dask_run.check_workers(_FakeClient({"tcp://a:1": __version__}))
    with pytest.raises(ParameterError, match="tidak punya pekerja"):
        dask_run.check_workers(_FakeClient({}))
    with pytest.raises(ParameterError, match=r"berbeda di: tcp://b:1 \(0.1\), tcp://c:1 \(tidak terpasang\)"):
        dask_run.check_workers(_FakeClient({"tcp://a:1": __version__, "tcp://b:1": "0.1", "tcp://c:1": None}))


def test_data_bundle_holds_every_visible_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "satker.csv").write_bytes(b"a;b\n")
    (tmp_path / "sub" / "respons.csv").write_bytes(b"x\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_bytes(b"ref")
    (tmp_path / ".satker.csv.swp").write_bytes(b"")
    bundle = dask_run.data_bundle(tmp_path)
    assert bundle["files"] == {"satker.csv": b"a;b\n", "sub/respons.csv": b"x\n"}
    (tmp_path / "sub" / "respons.csv").write_bytes(b"y\n")
    assert dask_run.data_bundle(tmp_path)["digest"] != bundle["digest"]
    folder = dask_run._materialize(bundle)
    assert (folder / "sub" / "respons.csv").read_bytes() == b"x\n"
    assert dask_run._materialize(bundle) == folder  # once per worker


def test_a_failed_report_keeps_only_its_partial_notebook(tmp_path):
    result = SatkerResult("RTSOE", FAILED, 1.0, folder="/elsewhere/RTSOE", pesan="Notebook gagal",
                          notebook_parsial="/elsewhere/_gagal/RTSOE.ipynb")
    written = dask_run._write_report(tmp_path, result, {}, b'{"cells": []}')
    assert written.notebook_parsial == str(tmp_path / "_gagal" / "RTSOE.ipynb")
    assert (tmp_path / "_gagal" / "RTSOE.ipynb").read_bytes() == b'{"cells": []}'
    assert written.folder is None and not (tmp_path / "RTSOE").exists()
    ok = dask_run._write_report(tmp_path, SatkerResult("KWNTT", SUCCEEDED, 1.0, folder="/w/KWNTT"),
                                {"laporan.html": b"<p>", "ringkasan.json": b"{}"}, None)
    assert ok.berkas == {"laporan.html": str(tmp_path / "KWNTT" / "laporan.html"),
                         "ringkasan.json": str(tmp_path / "KWNTT" / "ringkasan.json")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["KWNTT", "_gagal"]


def test_cli_dask_lokal_renders_the_batch(tmp_path):
    import subprocess

    from _perintah import spakanalysis_cmd

    out = tmp_path / "out"
    cmd = [*spakanalysis_cmd(), "laporan", "--semua", "--data", str(MINI), "--keluaran", str(out),
           "--dask", "lokal", "--pekerja", "1", "--tanpa-pdf", "--tanggal-data", "2024-09-18"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env={**os.environ, "CI": "true"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 dari 3 laporan satker berhasil" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
    assert all((out / "2024-Q3" / k / "laporan.html").is_file() for k in ("KWNTT", "LPKUPANG", "RBKUPANG"))
    assert (out / "2024-Q3" / "rekap.html").is_file() and (out / "2024-Q3" / "index.html").is_file()


@pytest.fixture(scope="module")
def national_on_both(tmp_path_factory):
    """Nine satkers in three Kanwils (generated), without PDFs: the process pool and a 2 x 2 Dask cluster."""
    import subprocess
    import sys

    from distributed import Client, LocalCluster

    data = tmp_path_factory.mktemp("data_nasional")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(data), "--diam",
                    "--tanpa-jan-jun", "--satker", "9", "--kanwil", "3"], check=True)
    pool, on_dask = tmp_path_factory.mktemp("pool_nasional"), tmp_path_factory.mktemp("dask_nasional")
    kw = {"data": data, "periode": "2024-Q3", "parameter": PARAMS, "pdf": False, "echo": lambda s: None}
    assert batch.run_batch(keluaran=pool, pekerja=2, **kw) == 0
    with LocalCluster(n_workers=2, threads_per_worker=2, dashboard_address=None) as cluster, Client(cluster) as client:
        assert batch.run_batch(keluaran=on_dask, dask=client, **kw) == 0
    return pool / "2024-Q3", on_dask / "2024-Q3"


def test_dask_national_set_is_byte_identical_to_the_process_pool(national_on_both):
    pool, on_dask = national_on_both
    a, b = _files(pool), _files(on_dask)
    assert sorted(a) == sorted(b)
    assert {"rekap_nasional.html", "rekap_nasional.json", "index.html"} <= set(a)
    per_kanwil = [name.split("/")[2] for name in a if name.startswith("kanwil/") and name.count("/") == 2]
    assert per_kanwil.count("rekap.html") == per_kanwil.count("index.html") == 3
    assert [name for name in a if a[name] != b[name]] == []
    assert _manifest(pool) == _manifest(on_dask)
