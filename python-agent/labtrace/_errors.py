"""The client's one error type: a code (as the daemon's), a message and a hint."""


class LabtraceError(Exception):
    def __init__(self, code, message, hint=None):
        Exception.__init__(self, message + ("\nhint: " + hint if hint else ""))
        self.code = code
        self.message = message
        self.hint = hint
