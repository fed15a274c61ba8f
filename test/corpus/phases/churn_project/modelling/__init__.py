from .forest import forest_on, holdout_report  # phase: setup
