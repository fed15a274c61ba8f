"""Field tables of proto/labtrace.proto (the wire contract), used by encoder.py and wiredecode.py.

Each message maps to a tuple of (field_number, name, type, repeated, oneof) in field-number order.
type is a scalar name or the name of another message.
"""

SCALARS = frozenset(("uint32", "uint64", "sint32", "sint64", "int32", "bool", "string", "bytes", "enum"))

MESSAGES = {
    "AgentMessage": (
        (1, "hello", "Hello", False, "body"),
        (2, "batch", "EventBatch", False, "body"),
        (3, "end", "RunEnd", False, "body"),
    ),
    "DaemonMessage": (
        (1, "ack", "Ack", False, "body"),
        (2, "batch_ack", "BatchAck", False, "body"),
        (3, "error", "ErrorReply", False, "body"),
    ),
    "Hello": (
        (1, "protocol_version", "uint32", False, None),
        (2, "token", "string", False, None),
        (3, "run_id", "string", False, None),
        (4, "parent_run_id", "string", False, None),
        (5, "agent_version", "string", False, None),
        (6, "run", "RunInfo", False, None),
    ),
    "RunInfo": (
        (1, "argv", "string", True, None),
        (2, "cwd", "string", False, None),
        (3, "pid", "uint32", False, None),
        (4, "ppid", "uint32", False, None),
        (5, "python_version", "string", False, None),
        (6, "python_implementation", "string", False, None),
        (7, "executable", "string", False, None),
        (8, "script", "string", False, None),
        (9, "script_sha256", "string", False, None),
        (10, "hostname", "string", False, None),
        (11, "os", "string", False, None),
        (12, "cpu_model", "string", False, None),
        (13, "cpu_count", "uint32", False, None),
        (14, "memory_bytes", "uint64", False, None),
        (15, "start_time_ns", "uint64", False, None),
        (16, "backend", "string", False, None),
        (17, "backend_reason", "string", False, None),
        (18, "project_root", "string", False, None),
        (19, "monotonic_origin_ns", "uint64", False, None),
    ),
    "EventBatch": (
        (1, "seq", "uint64", False, None),
        (2, "string_base", "uint32", False, None),
        (3, "strings", "string", True, None),
        (4, "code_objects", "CodeObject", True, None),
        (5, "imports", "Import", True, None),
        (10, "kind", "enum", True, None),
        (11, "t_delta", "sint64", True, None),
        (12, "code_id", "uint32", True, None),
        (13, "line", "uint32", True, None),
        (14, "thread", "uint32", True, None),
        (15, "caller_id", "uint32", True, None),
        (16, "duration", "uint64", True, None),
        (20, "function_stats", "FunctionStats", True, None),
        (21, "threads", "ThreadInfo", True, None),
        (22, "exceptions", "ExceptionInfo", True, None),
    ),
    "CodeObject": (
        (1, "id", "uint32", False, None),
        (2, "file", "uint32", False, None),
        (3, "qualname", "uint32", False, None),
        (4, "first_line", "uint32", False, None),
        (5, "user", "bool", False, None),
        (6, "module", "uint32", False, None),
    ),
    "Import": (
        (1, "module", "uint32", False, None),
        (2, "file", "uint32", False, None),
        (3, "distribution", "string", False, None),
        (4, "version", "string", False, None),
        (5, "t", "uint64", False, None),
    ),
    "FunctionStats": (
        (1, "code_id", "uint32", False, None),
        (2, "calls", "uint64", False, None),
        (3, "total_ns", "uint64", False, None),
        (4, "timed_calls", "uint64", False, None),
    ),
    "ThreadInfo": (
        (1, "thread", "uint32", False, None),
        (2, "name", "string", False, None),
        (3, "ident", "uint64", False, None),
    ),
    "ExceptionInfo": (
        (1, "code_id", "uint32", False, None),
        (2, "line", "uint32", False, None),
        (3, "type", "string", False, None),
        (4, "message", "string", False, None),
        (5, "t", "uint64", False, None),
    ),
    "RunEnd": (
        (1, "seq", "uint64", False, None),
        (2, "exit_code", "sint32", False, None),
        (3, "exception_type", "string", False, None),
        (4, "exception_message", "string", False, None),
        (5, "end_time_ns", "uint64", False, None),
        (6, "events_recorded", "uint64", False, None),
        (7, "events_dropped", "uint64", False, None),
        (8, "batches_spooled", "uint64", False, None),
        (9, "agent_cpu_ns", "uint64", False, None),
        (10, "end_reason", "string", False, None),
    ),
    "Ack": (
        (1, "protocol_version", "uint32", False, None),
        (2, "run_id", "string", False, None),
        (3, "committed_seq", "uint64", False, None),
    ),
    "BatchAck": (
        (1, "run_id", "string", False, None),
        (2, "seq", "uint64", False, None),
    ),
    "ErrorReply": (
        (1, "code", "uint32", False, None),
        (2, "message", "string", False, None),
    ),
}

# EventKind
CALL = 1
RETURN = 2
STATEMENT = 3
LIB_CALL = 4
EXCEPTION = 5
PROTOCOL_VERSION = 1
