"""Top-level package -> (distribution, version), from *.dist-info / *.egg-info on sys.path.

Built lazily once, in the sender thread, without importing importlib.metadata (its imports would show
up as the program's imports and cost start-up time).
"""
import os
import sys


class DistributionIndex(object):
    def __init__(self):
        self.map = None

    def _build(self):
        m = {}
        for entry in list(sys.path):
            if not entry or not os.path.isdir(entry):
                continue
            try:
                names = os.listdir(entry)
            except OSError:
                continue
            for name in names:
                if name.endswith(".dist-info"):
                    stem = name[:-10]
                elif name.endswith(".egg-info"):
                    stem = name[:-9]
                else:
                    continue
                dist, _, version = stem.partition("-")
                version = version.split("-")[0] if version else ""
                d = os.path.join(entry, name)
                tops = set()
                try:
                    with open(os.path.join(d, "top_level.txt")) as f:
                        tops.update(ln.strip() for ln in f if ln.strip())
                except (OSError, ValueError):
                    pass
                if not tops:
                    try:
                        with open(os.path.join(d, "RECORD")) as f:
                            for ln in f:
                                first = ln.split(",", 1)[0].split("/", 1)[0]
                                if first.endswith(".py"):
                                    first = first[:-3]
                                if first and not first.endswith((".dist-info", ".data")) and first != "__pycache__":
                                    tops.add(first)
                    except (OSError, ValueError):
                        pass
                if not tops:
                    tops.add(dist.replace("-", "_").lower())
                for t in tops:
                    m.setdefault(t, (dist, version))
        self.map = m

    def lookup(self, module_name):
        if self.map is None:
            self._build()
        return self.map.get(module_name.split(".", 1)[0], ("", ""))
