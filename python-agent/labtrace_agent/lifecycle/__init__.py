"""The run's life around the program: start-up (bootstrap, sitechain, ignore, chooser), the exit,
signal and fork hooks (exits, sigwatch), IPython kernels (kernel) and our file descriptors (fds)."""

# Shared by exits, sigterm, fork and forkwarning: the running agent (saved["agent"]) and what their
# hooks replaced or remember (keys set where they are used).
saved = {}
