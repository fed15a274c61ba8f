"""Library calls whose file never reaches Python's `open` (pyarrow's parquet, feather and CSV readers
and writers open files in C++; HDF5 through h5py or PyTables in C; torch's zip files in C++): the path is
taken from the argument values of the call that user code made (RecordHub.lib_call), never from
source text.

A backend sees such a call at its start with its first argument only (sys.monitoring's CALL event:
the callable and arg0; setprofile's call event: the library frame, whose first parameter is `self` for
a method). A path in first position is recorded then; one further along (write_table(table, where),
df.to_hdf(path)) is read from the library frame's locals when the call returns (a FileCall token goes
the way of the metric tokens: RecordHub.lib_return)."""
import sys

# name -> (module prefix, parameter, position (after self for methods), write, mode parameter or "")
# A `mode` parameter decides read or write where the library has one (its default first).
CALLS = {
    "read_table": ("pyarrow.", "source", 0, False, ""),
    "read_feather": ("pyarrow.", "source", 0, False, ""),
    "ParquetFile": ("pyarrow.", "source", 0, False, ""),
    "ParquetDataset": ("pyarrow.", "path_or_paths", 0, False, ""),
    "read_csv": ("pyarrow.", "input_file", 0, False, ""),
    "read_json": ("pyarrow.", "input_file", 0, False, ""),
    "write_table": ("pyarrow.", "where", 1, True, ""),
    "write_feather": ("pyarrow.", "dest", 1, True, ""),
    "write_csv": ("pyarrow.", "output_file", 1, True, ""),
    "ParquetWriter": ("pyarrow.", "where", 0, True, ""),
    "read_hdf": ("pandas", "path_or_buf", 0, False, ""),
    "to_hdf": ("pandas", "path_or_buf", 1, True, ""),
    "HDFStore": ("pandas", "path", 0, False, "mode:a"),
    "File": ("h5py", "name", 0, False, "mode:r"),
    "open_file": ("tables", "filename", 0, False, "mode:r"),
    "save": ("torch", "f", 1, True, ""),
    "load": ("torch", "f", 0, False, ""),
}
_WRITE_MODES = frozenset("wax+")


class FileCall(object):
    """A library call whose path is read from its frame when it returns."""
    __slots__ = ("code_name", "param", "write", "mode_param", "where")

    def __init__(self, code_name, param, write, mode_param, where):
        self.code_name, self.param, self.write, self.mode_param, self.where = code_name, param, write, mode_param, where


def _mode(spec, value):
    """(mode, write) from a library's mode argument ("" spec: the call's fixed direction)."""
    m = value if isinstance(value, str) and value else spec.partition(":")[2]
    return m, any(c in _WRITE_MODES for c in m)


def on_call(module, name, receiver, args, where, add):
    """User code at `where` calls library callable `name` of `module` (receiver: self, if any; args:
    (first argument,) as the backend saw it). Records at once through add(path, mode, write, where,
    source), or returns a FileCall for on_return, or None."""
    init = name == "__init__"
    if init:  # setprofile sees a constructor as its __init__ frame: named after the class
        name = type(receiver).__name__
    spec = CALLS.get(name)
    if spec is None or not module.startswith(spec[0]):
        return None
    prefix, param, pos, write, mode_param = spec
    if pos == 0 and not init and not mode_param and args and args[0] is not receiver:
        add(args[0], "w" if write else "r", write, where, "call")
        return None
    if pos == 0 and not init and mode_param and args and name[:1].isupper():
        # a class seen through sys.monitoring's CALL (its return is not watched): its mode argument
        # is not visible here, the library's default mode is recorded
        mode, w = _mode(mode_param, None)
        add(args[0], mode, w, where, "call")
        return None
    return FileCall("__init__" if init else name, param, write, mode_param, where)


def on_return(call, add):
    """The call returned: its frame (still on the stack, above the hook) holds the arguments."""
    f = sys._getframe(1)
    for _ in range(8):
        if f is None:
            return
        if f.f_code.co_name == call.code_name and call.param in f.f_code.co_varnames:
            break
        f = f.f_back
    else:
        return
    loc = f.f_locals
    if call.mode_param:
        mode, write = _mode(call.mode_param, loc.get(call.mode_param.partition(":")[0]))
    else:
        mode, write = ("w" if call.write else "r"), call.write
    add(loc.get(call.param), mode, write, call.where, "call")
