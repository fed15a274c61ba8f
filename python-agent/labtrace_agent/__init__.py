"""labtrace Python agent (stdlib only). Loaded by ../sitecustomize.py; see bootstrap.initialize()."""
__version__ = "0.1.0"
