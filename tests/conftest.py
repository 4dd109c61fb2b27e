# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest configuration of the tier-3 suite (see tests/README.md).

pytest-odoo loads the Odoo registry of ``--odoo-database``; this file

* makes pytest collect the benchmarks, whose modules are named ``bench_*.py``
  so that they are recognisable as benchmarks and not as unit tests;
* gives ``unittest`` subtests (``self.subTest``) a meaning under pytest
  without the pytest-subtests plugin: Odoo's test case reports a failing
  subtest to ``result.addSubTest``, which pytest's unittest item lacks (the
  test would stop at the first failing cell with an AttributeError). Here
  every failing subtest is recorded, the test goes on with the next cell, and
  at the end the test fails with one line per failing subtest (role,
  operation, ...) followed by their tracebacks.
"""

import sys
import traceback
from pathlib import Path

import pytest
from _pytest.unittest import TestCaseFunction

# The helpers of the suite (t3_common.py) live next to this file; make them
# importable from tests/benchmarks/ too, whatever the import mode.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


def pytest_collect_file(file_path, parent):
    """Collect tests/benchmarks/bench_*.py like test modules (a benchmark
    named on the command line is collected by pytest itself: not twice)."""
    if (
        file_path.suffix == ".py"
        and file_path.name.startswith("bench_")
        and file_path.parent.name == "benchmarks"
        and not parent.session.isinitpath(file_path)
    ):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


def _add_sub_test(self, test_case, subtest, exc_info):
    if exc_info is None:  # a passing subtest
        return
    self.__dict__.setdefault("_t3_subtest_failures", []).append(
        (subtest._subDescription(), exc_info)
    )


if not hasattr(TestCaseFunction, "addSubTest"):
    TestCaseFunction.addSubTest = _add_sub_test


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    failures = item.__dict__.pop("_t3_subtest_failures", None)
    if failures:
        lines = [f"{len(failures)} subtest(s) failed:"]
        lines += [
            f"  - {description}: {exc_info[1]}" for description, exc_info in failures
        ]
        for description, exc_info in failures:
            lines.append(f"\n--- {description}")
            lines.append("".join(traceback.format_exception(*exc_info)).rstrip())
        raise AssertionError("\n".join(lines))
    return result
