"""Getis-Ord Gi* and its false-discovery-rate correction, against figures computed by hand."""

import math

import numpy as np
import pytest

from mapping.getis_ord import confidence, gi_star


def test_gi_star_matches_the_formula_worked_by_hand():
    # Five units in a row, each a neighbour of itself and the next ones.
    values = np.array([10.0, 8.0, 1.0, 0.0, 1.0])
    neighbours = [np.array(found) for found in ([0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4])]
    # n = 5, mean = 4, S = sqrt((100 + 64 + 1 + 0 + 1) / 5 - 16) = sqrt(17.2)
    s = math.sqrt(17.2)
    # unit 0: W = 2, sum = 18; (18 - 4 * 2) / (S * sqrt((5 * 2 - 4) / 4))
    expected_first = 10 / (s * math.sqrt(1.5))
    # unit 2: W = 3, sum = 9; (9 - 12) / (S * sqrt((15 - 9) / 4))
    expected_middle = -3 / (s * math.sqrt(1.5))
    z = gi_star(values, neighbours)
    assert z[0] == pytest.approx(expected_first)
    assert z[2] == pytest.approx(expected_middle)
    assert z[0] > 0 > z[3]


def test_values_that_do_not_vary_say_nothing():
    z = gi_star(
        np.array([3.0, 3.0, 3.0]), [np.array([0, 1]), np.array([0, 1, 2]), np.array([1, 2])]
    )
    assert list(z) == [0, 0, 0]


def test_the_false_discovery_rate_is_stricter_than_each_test_alone():
    # 100 tests: one z of 2.5 (p = 0.0124) alone would pass at 95 %, but among 99 nulls the
    # Benjamini-Hochberg threshold for the best of 100 is 0.05 / 100.
    z = np.array([2.5] + [0.0] * 99)
    assert confidence(z)[0] == 0
    # Ten strong ones pass together, at the level their p-values reach.
    z = np.array([4.0] * 10 + [0.0] * 90)  # p = 6.3e-5 <= 0.01 * 10 / 100
    levels = confidence(z)
    assert list(levels[:10]) == [99] * 10 and not levels[10:].any()
    assert list(confidence(np.array([1.8, 0.1]))) == [0, 0]  # p = 0.072 > 0.10 * 1 / 2
    assert list(confidence(np.array([1.8, 1.8]))) == [90, 90]  # p = 0.072 <= 0.10 * 2 / 2
