"""Precision, recall and F1 from counts: what every scoring module reports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    """Precision over predictions and recall over gold, each from its own count of hits (when
    scores are split by kind, a prediction and the gold item it matched may fall in different splits)."""

    predicted_right: int
    predicted: int
    gold_right: int
    gold: int

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.gold_right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Score(PRF):
    """One-to-one matching: the same true positives count for precision and recall."""

    def __init__(self, true_positives: int, predicted: int, gold: int) -> None:
        super().__init__(true_positives, predicted, true_positives, gold)

    @property
    def true_positives(self) -> int:
        return self.predicted_right

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives, self.predicted + other.predicted, self.gold + other.gold
        )
