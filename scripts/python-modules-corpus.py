"""Expected outputs of test/unit/jinja-runtime/python-modules.cases.json, rendered by real Jinja2 with Python's re,
datetime and (for pytz, absent here) zoneinfo standing in for pytz's localize. Run: python3 scripts/python-modules-corpus.py"""
import datetime
import json
import pathlib
import re
from zoneinfo import ZoneInfo

from jinja2.sandbox import SandboxedEnvironment


class Timezone(datetime.tzinfo):
    """pytz's zone object as dbt packages use it: localize() keeps the wall clock."""

    def __init__(self, name):
        self.zone = name
        self._info = datetime.timezone.utc if name == "UTC" else ZoneInfo(name)

    def localize(self, dt):
        return dt.replace(tzinfo=self._info)

    def utcoffset(self, dt):
        return self._info.utcoffset(dt)

    def __str__(self):
        return self.zone


class Pytz:
    utc = Timezone("UTC")
    UTC = utc

    @staticmethod
    def timezone(name):
        return Timezone(name)


here = pathlib.Path(__file__).resolve().parent.parent / "test" / "unit" / "jinja-runtime"
cases = json.loads((here / "python-modules.cases.json").read_text())
env = SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
modules = {"re": re, "datetime": datetime, "pytz": Pytz}
expected = []
for case in cases:
    context = {"modules": modules, **case.get("context", {})}
    try:
        expected.append(env.from_string(case["template"]).render(context))
    except Exception as error:  # noqa: BLE001 - recorded as the expected error
        expected.append({"error": type(error).__name__})
(here / "python-modules.expected.json").write_text(json.dumps(expected, indent=1) + "\n")
