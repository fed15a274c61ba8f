"""Little-endian IEEE 754 doubles for the wire, without `_struct`: on 3.12+ and most builds it is a
shared library, and loading it at exit (the spool-only flush of a short run) cost 0.3-1.4 ms of
dlopen. A memoryview cast uses the machine's own order, right on little-endian machines."""
import sys

if sys.byteorder == "little":
    def pack_double(value):
        out = bytearray(8)
        memoryview(out).cast("d")[0] = value
        return out

    def unpack_double(data):
        return memoryview(bytes(data)).cast("d")[0]
else:  # pragma: no cover (big-endian machines)
    from _struct import Struct as _Struct
    _DOUBLE = _Struct("<d")

    def pack_double(value):
        return _DOUBLE.pack(value)

    def unpack_double(data):
        return _DOUBLE.unpack(bytes(data))[0]
