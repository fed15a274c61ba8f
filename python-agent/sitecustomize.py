from labtrace_agent import codeblob as _labtrace_codeblob
_labtrace_finder = _labtrace_codeblob.install()  # the agent's start-up modules from one file (issue 10)
try:
    import labtrace_agent.lifecycle.bootstrap as _labtrace_bootstrap
    _labtrace_bootstrap.initialize()
finally:
    _labtrace_codeblob.uninstall(_labtrace_finder)
