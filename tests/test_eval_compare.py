"""lintas eval compare: paired bootstrap as sacrebleu computes it; refuses results whose setup
differs (a changed data file, another translator behind a downstream stage); shows what differs
in the system under test (e.g. a model revision)."""

from __future__ import annotations

import json

import pytest

from eval import check as check_eval
from eval import translation
from service.cli import main
from service.translation import Translator

from .conftest import FakeBackend
from .test_eval_translation import HYPS, REFS

BETTER = [r.replace("The ", "A ") for r in REFS]  # close to the references


def _result(tmp_path, name, hyps, refs=REFS, ref_name="ref.txt"):
    h, r = tmp_path / f"{name}.txt", tmp_path / ref_name
    h.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    r.write_text("\n".join(refs) + "\n", encoding="utf-8")
    res = translation.run(hyp=str(h), ref=str(r), n_bootstrap=200, seed=3)
    out = tmp_path / f"{name}.json"
    out.write_text(json.dumps(res), encoding="utf-8")
    return out


def test_paired_bootstrap_p_values_equal_sacrebleus(tmp_path, capsys, monkeypatch):
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.significance import PairedTest

    refs, a, b = REFS * 4, HYPS * 4, BETTER * 4
    pa = _result(tmp_path, "a", a, refs)
    pb = _result(tmp_path, "b", b, refs)
    assert main(["eval", "compare", str(pa), str(pb), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("SACREBLEU_SEED", "3")
    _, theirs = PairedTest([("a", a), ("b", b)], {"bleu": BLEU(), "chrf": CHRF()}, [refs], test_type="bs", n_samples=200)()
    for name, their_name in (("bleu", "BLEU"), ("chrf", "chrF2")):
        m, t = res["metrics"][name], theirs[their_name]  # sacrebleu keys results by the score's name
        assert m["p_value"] == pytest.approx(t[1].p_value)
        assert m["b"] == pytest.approx(t[1].score) and m["a"] == pytest.approx(t[0].score)
        assert m["delta"] > 0 and m["delta_low"] <= m["delta"] <= m["delta_high"]
    assert res["metrics"]["chrf"]["significant"] is True
    assert res["metrics"]["ter"]["delta"] < 0  # TER: lower is better
    assert [d["key"] for d in res["system_differences"]] == ["hypotheses.name", "hypotheses.sha256"]
    assert main(["eval", "compare", str(pa), str(pb)]) == 0
    text = capsys.readouterr().out
    assert "system under test differs in:" in text and "hypotheses.name: a.txt → b.txt" in text


def test_same_system_is_not_significant(tmp_path, capsys):
    pa = _result(tmp_path, "a", HYPS)
    pb = _result(tmp_path, "b", HYPS)
    res = json.loads(main(["eval", "compare", str(pa), str(pb), "--json"]) == 0 and capsys.readouterr().out)
    assert all(m["delta"] == 0 and m["p_value"] == 1.0 and not m["significant"] for m in res["metrics"].values())


def test_a_changed_data_file_is_refused(tmp_path, capsys):
    pa = _result(tmp_path, "a", HYPS)
    changed = list(REFS)
    changed[2] = changed[2].replace("October", "November")
    pb = _result(tmp_path, "b", HYPS, changed, ref_name="ref2.txt")
    code = main(["eval", "compare", str(pa), str(pb)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Not comparable" in err and "setup.data.ref.sha256" in err and "setup.data.ref.name: ref.txt → ref2.txt" in err


def test_other_seed_or_limit_is_refused(tmp_path, capsys):
    pa = _result(tmp_path, "a", HYPS)
    res = json.loads(pa.read_text())
    res["signature"]["setup"]["seed"] = 4
    pb = tmp_path / "b.json"
    pb.write_text(json.dumps(res))
    assert main(["eval", "compare", str(pa), str(pb)]) == 2
    assert "setup.seed: 3 → 4" in capsys.readouterr().err


def _fake_translator(revision: str) -> Translator:
    be = FakeBackend()
    be.info = {**be.info, "revision": revision}
    return Translator(be)


def test_a_changed_model_revision_is_shown_as_the_system_difference(tmp_path, capsys):
    src, ref = tmp_path / "src.txt", tmp_path / "ref.txt"
    src.write_text("Harga beras naik.\nWarga protes di Jakarta.\n", encoding="utf-8")
    ref.write_text("Rice prices rose.\nResidents protested in Jakarta.\n", encoding="utf-8")
    paths = []
    for rev in ("1111111", "2222222"):
        res = translation.run(src=str(src), ref=str(ref), system=True, translator=_fake_translator(rev), n_bootstrap=50)
        p = tmp_path / f"{rev}.json"
        p.write_text(json.dumps(res))
        paths.append(p)
    assert main(["eval", "compare", *map(str, paths), "--json"]) == 0
    diffs = {d["key"]: (d["a"], d["b"]) for d in json.loads(capsys.readouterr().out)["system_differences"]}
    assert diffs["model.revision"] == ("1111111", "2222222")
    assert diffs["models"] == (["fake@1111111|fake|-"], ["fake@2222222|fake|-"])


def test_downstream_result_with_another_translator_revision_is_refused(tmp_path, capsys):
    from service.sourcecheck import Checker
    from service.sourcecheck.embed import LexicalSimilarity

    pairs = [json.loads(line) for line in check_eval.DATA.read_text(encoding="utf-8").splitlines()[:4]]
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    checker = Checker(similarity=LexicalSimilarity(), nli=None)
    paths = []
    for rev in ("1111111", "2222222"):
        res = check_eval.run(data=str(data), translator=_fake_translator(rev), checker=checker, n_bootstrap=50)
        assert res["signature"]["setup"]["translation"]["mode"] == "model"
        p = tmp_path / f"check-{rev}.json"
        p.write_text(json.dumps(res))
        paths.append(p)
    assert main(["eval", "compare", *map(str, paths)]) == 2
    err = capsys.readouterr().err
    assert "setup.translation.models" in err and "fake@1111111" in err and "fake@2222222" in err


def test_compare_rejects_files_that_are_not_results(tmp_path, capsys):
    p = tmp_path / "x.json"
    p.write_text('{"scores": {}}')
    assert main(["eval", "compare", str(p), str(p)]) == 3
    assert "is not a lintas evaluation result" in capsys.readouterr().err
