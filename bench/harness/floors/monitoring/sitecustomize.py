"""No-op floor of the sys.monitoring backend (3.12+): a PY_START callback that returns DISABLE for
every code object, so each code object costs one callback and then nothing. This is the floor of what
the agent has to do (it must at least look at each code object once)."""
import sys

_mon = getattr(sys, "monitoring", None)
if _mon is not None:
    _TOOL = 4
    _DISABLE = _mon.DISABLE

    def _py_start(code, offset):
        return _DISABLE

    _mon.use_tool_id(_TOOL, "labtrace-bench-floor")
    _mon.register_callback(_TOOL, _mon.events.PY_START, _py_start)
    _mon.set_events(_TOOL, _mon.events.PY_START)
