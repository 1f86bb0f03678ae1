"""The accuracy gate: extraction scores over all fixtures stay at or above the floors kept in
tests/accuracy_floors.json (raise a floor when a change improves a score)."""

import json

from scraper.testkit.accuracy import FLOORS, below_floors, measure


def test_scores_stay_above_the_floors():
    measured = measure()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(measured)
    assert below_floors(measured, floors) == []


def test_the_gate_catches_a_drop():
    measured = {"s": {"headline": 0.9}}
    assert below_floors(measured, {"s": {"headline": 0.95}}) == ["s.headline: 0.9000 < floor 0.95"]
