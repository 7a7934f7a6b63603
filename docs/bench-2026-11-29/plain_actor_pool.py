# Experiment (2026-11-29, fourth session), not product code: the Ray engine's ArticleWorker as plain Ray actors fed
# by the driver (8 articles a call, one call in flight per actor), without Ray Data. Run from the repo root:
#   HF_HUB_OFFLINE=1 LINTAS_CT2_CACHE=DIR LINTAS_MODEL_PATH_OPUS_MT_ID_EN=MODEL python docs/bench-2026-11-29/plain_actor_pool.py WORKERS ARTICLES
# Results on our 2-core Xeon, 32 articles: 1 worker 95.7 s, 2 workers 60.8 s (1.57x; ray.init not counted).
import sys, time, os, json
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import ray
from eval.bench_batch import bench_articles
n=int(sys.argv[2]); W=int(sys.argv[1])
texts=bench_articles(Path(__file__).resolve().parents[3] / 'shared', n)
rows=[{"file": "x", "line": i+1, "raw": json.dumps({"id": f"b{i}", "text": t})} for i,t in enumerate(texts)]
from service.settings import Settings
from service.batch_ray import ArticleWorker, worker_settings, RayOptions
import pyarrow as pa
ray.init(include_dashboard=False, runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "HF_HUB_OFFLINE": "1"}, "worker_process_setup_hook": "eval.bench_batch.force_lengths"}, log_to_driver=False)
t0=time.perf_counter(); b0=open('/proc/stat').readline()
settings=worker_settings(Settings.load(), RayOptions(cpus_per_worker=1))
A=ray.remote(num_cpus=1)(ArticleWorker)
actors=[A.remote(settings, "translate", None, "", True, frozenset(), 8, "cpu") for _ in range(W)]
calls=[rows[i:i+8] for i in range(0,n,8)]
free=list(actors); pending={}; done=0; first=None
while calls or pending:
    while free and calls:
        a=free.pop(); batch=pa.Table.from_pylist(calls.pop(0)); pending[a.__call__.remote(batch)]=a
    ready,_=ray.wait(list(pending), num_returns=1)
    for r in ready:
        out=ray.get(r); done+=out.num_rows; free.append(pending.pop(r))
        if first is None: first=time.perf_counter()-t0
wall=time.perf_counter()-t0
def busy(l): v=list(map(int,l.split()[1:])); return (sum(v)-v[3]-v[4])/100
print(json.dumps({"workers": W, "articles": done, "wall": round(wall,1), "art_per_min": round(60*done/wall,2), "first": round(first,1), "machine_cpu": round(busy(open('/proc/stat').readline())-busy(b0),1)}))
ray.shutdown()
