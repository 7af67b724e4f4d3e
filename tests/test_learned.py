"""The learned event layer: training (deterministic, the numpy reader matches scikit-learn),
the shipped model, model events in the coder, --no-model and the pre-pass gate."""
from __future__ import annotations

import subprocess
import sys

import pytest

from communique.events.learned import MODEL_FILE, EventModel
from communique.records import Document

# sentences written for these tests: what each says is plain
EVENTS = [
    ("Rebels shelled the army base in the north overnight, killing four soldiers.", "19"),
    ("Troops opened fire on the convoy near the border.", "19"),
    ("The president condemned the attack on the embassy.", "11"),
    ("The minister criticised the decision of the court.", "11"),
    ("The two governments signed a trade agreement on Monday.", "05"),
    ("The foreign ministers met in Geneva to discuss the crisis.", "04"),
    ("The government sent food and medicine to the flooded region.", "07"),
    ("Police arrested dozens of protesters outside parliament.", "17"),
    ("Thousands of workers marched through the capital to demand higher wages.", "14"),
    ("The army deployed tanks along the frontier.", "15"),
]
NON_EVENTS = [
    "The company reported a rise in quarterly profits.",
    "Rain is expected across the north of the country on Sunday.",
    "The central bank kept its interest rate unchanged.",
    "Shares of the carmaker fell three percent in early trading.",
    "The museum will open a new wing next spring.",
]


def _tiny_training_set():
    from communique.events.learned.classes import CLASS_OF_ROOT
    from communique.learn import collect
    from communique.learn.fit import TrainingSet

    coder, recorder = collect.make_coder(prepass=False)
    items = [("t", Document(f"e{i}", t)) for i, (t, _) in enumerate(EVENTS)]
    items += [("t", Document(f"n{i}", t)) for i, t in enumerate(NON_EVENTS)]
    examples = collect.longest_per_document(collect.record(coder, recorder, items, None))
    data = TrainingSet()
    for i, (_, root) in enumerate(EVENTS):
        ex = examples[f"e{i}"]
        row = data.sentence({"word": ex.word, "parse": ex.parse})
        data.heads["penta"].add(row, str(CLASS_OF_ROOT[root]))
        data.heads["root"].add(row, root)
        data.heads["gate"].add(row, "1")
        data.heads["pregate"].add(row, "1")
    for i in range(len(NON_EVENTS)):
        ex = examples[f"n{i}"]
        row = data.sentence({"word": ex.word, "parse": ex.parse})
        data.heads["gate"].add(row, "0")
        data.heads["pregate"].add(row, "0")
    return data


def test_training_is_deterministic_and_the_reader_matches(tmp_path):
    pytest.importorskip("sklearn")
    from communique.learn.fit import arrays, fit, write
    from communique.learn.train import reader_difference

    data = _tiny_training_set()
    paths = []
    for n in range(2):
        fitted = fit(data)
        paths.append(tmp_path / f"m{n}.npz")
        write(arrays(fitted, {"test": True}), paths[-1])
    assert paths[0].read_bytes() == paths[1].read_bytes()
    diff = reader_difference(fitted, paths[0], data)
    assert set(diff) == {"gate", "penta", "root", "pregate"}
    assert max(diff.values()) < 2e-3  # float16 weights
    model = EventModel.load(paths[0])
    p = model.proba("gate", model.vectors({"word": data.terms[0]["word"], "parse": data.terms[0]["parse"]}))
    assert p["1"] > p["0"]  # a training event


def test_shipped_model_is_small_and_loads_without_scikit_learn():
    assert MODEL_FILE.is_file() and MODEL_FILE.stat().st_size <= 20_000_000
    model = EventModel.load(MODEL_FILE)
    assert set(model.heads) == {"gate", "penta", "root", "pregate"}
    assert len(model.heads["root"].labels) == 20 and model.heads["pregate"].blocks == ("word",)
    code = ("import sys; from communique.coder.core import Coder; c = Coder(); "
            "c.code_text('Troops shelled the rebel town.'); print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_model_events_carry_method_and_confidence(coder):
    text = "Chinese hackers targeted Taiwanese government networks."
    events = coder.code_text(text, date="2019-05-01")
    assert events and all(e.method == "model" and e.pattern is None for e in events)
    e = events[0]
    assert 0 < e.confidence <= 1 and e.cameo.endswith("0") and e.source.actor.country == "CHN"
    assert e.target.actor.country == "TWN" and e.to_dict()["method"] == "model"
    dictionary = coder.code_text("Russia criticised the United States.", date="2019-05-01")
    assert [(e.method, e.confidence) for e in dictionary] == [("dictionary", None)]


def test_no_model_turns_the_layer_off(nlp, coder):
    from communique.coder.core import Coder

    off = Coder(nlp=nlp, event_model=None)
    assert off.learned is None and off.version != coder.version
    assert MODEL_FILE in coder.sources and MODEL_FILE not in off.sources
    assert off.code_text("Chinese hackers targeted Taiwanese government networks.") == []
    # user dictionaries alone: never the model (it was trained on the built-in dictionaries)
    assert Coder(nlp=nlp, only_dictionaries=True).learned is None


def test_model_only_mode_drops_dictionary_events(nlp):
    from communique.coder.core import Coder

    alone = Coder(nlp=nlp, model_mode="alone")
    assert all(e.method == "model" for e in alone.code_text("Russia criticised the United States."))
    with pytest.raises(ValueError):
        Coder(nlp=nlp, model_mode="sometimes")


def test_the_prepass_gate_decides_about_sentences_without_patterns(coder):
    from communique.nlp.prepass import Prepass

    text = "Chinese hackers targeted Taiwanese government networks."
    base = {"patterns": coder.patterns, "actors": coder.actors, "coref": coder.coref}
    assert [p.parse for p in Prepass(**base).plan(text).pieces] == [False]  # no pattern word
    assert [p.parse for p in Prepass(**base, gate=lambda t: True).plan(text).pieces] == [True]
    assert coder.prepass.gate is not None and coder.prepass.gate(text)
    assert not coder.prepass.gate("Japan's trade surplus rose to 8.1 billion dollars in March.")


def test_train_command_without_data_is_a_usage_error(tmp_path):
    from communique.cli.main import main

    assert main(["train", "--data", str(tmp_path), "-o", str(tmp_path / "m.npz")]) == 2
    assert not (tmp_path / "m.npz").exists()


def test_roles_and_features_read_the_parse(coder):
    from datetime import date

    from communique.actors.resolve import Context, find_hits
    from communique.events.learned.features import parse_terms, predicate
    from communique.events.learned.roles import roles

    def parsed(text):
        doc = coder.nlp(text)
        ctx = Context(date(2019, 5, 1), find_hits(doc, 0, coder.actors, text), 0, coder.coref, text)
        return next(iter(doc.sents)), ctx

    sent, ctx = parsed("Moscow has handed Syria's army a new batch of fighter jets.")
    pred, report = predicate(sent)
    source, target = roles(sent, pred, report, lambda t: coder.learned.types.is_actor(t, ctx))
    assert (pred.lemma_, source.text, target.text) == ("hand", "Moscow", "army")
    sent, ctx = parsed("Officials said the rebels had attacked a police station in the north.")
    pred, report = predicate(sent)
    assert (pred.lemma_, report.lemma_) == ("attack", "say")
    terms = parse_terms(sent, ctx, coder.learned.types)
    assert {"p=attack", "rep=say", "s=rebel", "o=station", "perfect"} <= set(terms)
    sent, ctx = parsed("Japan was not invited by the summit's hosts.")
    pred, report = predicate(sent)
    assert "neg" in parse_terms(sent, ctx, coder.learned.types) and roles(
        sent, pred, report, lambda t: False)[1].text == "Japan"  # a passive's subject is its target
