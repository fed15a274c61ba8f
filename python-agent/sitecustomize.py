import labtrace_agent.lifecycle.bootstrap as _labtrace_bootstrap
_labtrace_bootstrap.initialize()
