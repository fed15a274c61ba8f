"""The experiment record: data read and written, variable summaries, hyperparameters, metrics,
sources and environment. Everything here runs on rare events (a file opened, a module-level
statement ended, an estimator fitted) or in the sender thread, never per executed line."""
