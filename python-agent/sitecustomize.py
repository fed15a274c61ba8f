import labtrace_agent.bootstrap as _labtrace_bootstrap
_labtrace_bootstrap.initialize()
