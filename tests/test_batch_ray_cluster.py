"""Issue #19: the Ray engine on a multi-node cluster on one machine (``ray.cluster_utils.Cluster``:
a head and two worker nodes, separate raylets, 1 CPU each, all on this machine). The job joins it by
address, as it would join a real cluster; its records equal the local engine's, and both worker
nodes made some of them (the node ids are in the run's stats, never in the records)."""

from __future__ import annotations

import os

import pytest

from .raybatch import BROKEN, ENV_KEYS, by_line, listening_addresses, records, tiny_registry_env, write_articles

ray = pytest.importorskip("ray")
cluster_utils = pytest.importorskip("ray.cluster_utils")

from service.batch import run  # noqa: E402
from service.settings import Settings  # noqa: E402

# Every node on the loopback address (tests/conftest.py sets RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 before
# Ray is imported: Ray then takes 127.0.0.1 as each node's address instead of the machine's own).
NODE = {"num_cpus": 1, "object_store_memory": 100 * 1024**2, "include_dashboard": False}


@pytest.fixture(scope="module")
def cluster(tiny_marian, tmp_path_factory):
    keep = {k: os.environ.get(k) for k in ENV_KEYS}
    os.environ.update(tiny_registry_env(tiny_marian, tmp_path_factory.mktemp("registry")))
    # the head has no CPU for work: every article must go to a worker node
    c = cluster_utils.Cluster(initialize_head=True, head_node_args={**NODE, "num_cpus": 0})
    workers = [c.add_node(**{k: v for k, v in NODE.items() if k != "include_dashboard"}) for _ in range(2)]
    c.wait_for_nodes()
    yield c, {w.node_id for w in workers}
    if ray.is_initialized():
        ray.shutdown()
    c.shutdown()
    for k, v in keep.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def test_two_worker_nodes_make_the_local_engines_records(cluster, tmp_path):
    c, worker_nodes = cluster
    settings = Settings.load()
    inp = tmp_path / "in.jsonl"
    ids = write_articles(inp, 16)
    counts = run(inp, tmp_path / "ray.jsonl", engine="ray", address=c.address, workers=2, settings=settings)
    assert not ray.is_initialized(), "the job disconnected from the cluster at the end"
    assert (counts["total"], counts["ok"], counts["failed"]) == (19, 16, BROKEN)
    recs = records(tmp_path / "ray.jsonl")
    assert sorted(r["id"] for r in recs if r["ok"]) == ids
    run(inp, tmp_path / "local.jsonl", settings=settings)
    assert by_line(recs) == by_line(records(tmp_path / "local.jsonl")), "the local engine's records, apart from timings"
    nodes = counts["stats"]["nodes"]
    assert set(nodes) == worker_nodes, "records made on both worker nodes (and none on the head)"
    assert sum(nodes.values()) == 19 and min(nodes.values()) > 0
    assert not any(n in (tmp_path / "ray.jsonl").read_text() for n in worker_nodes), "node ids stay out of the records"


def test_the_cluster_listens_on_loopback_only(cluster):
    c, _ = cluster
    assert c.address.startswith("127.0.0.1:")
    listening = listening_addresses(os.getpid())
    assert listening, "the cluster's processes listen somewhere"
    beyond = {a for a in listening if not _loopback(a)}
    assert not beyond, f"a Ray process listens beyond loopback: {beyond}"


def _loopback(address: str) -> bool:
    import ipaddress

    ip = ipaddress.ip_address(address)
    mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:127.0.0.1, as /proc/net/tcp6 shows a dual-stack socket
    return ip.is_loopback or bool(mapped and mapped.is_loopback)
