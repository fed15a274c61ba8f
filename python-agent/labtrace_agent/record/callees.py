"""Which library calls make the experiment record (record/experiment.py), decided without importing it.

The hub loads the experiment's modules (experiment, trials, searches, estimators, metrics, datasets) the
first time a call passes `is_record_call`, or earlier from the sender thread once the program imported a
library that makes such calls (PRELOAD): a script that fits no model never imports them (issue 10:
start-up). ExperimentRecorder.on_call acts on the same call_kind."""

FIT_METHODS = frozenset(("fit", "fit_transform", "fit_predict", "partial_fit", "fit_resample"))
SCORING_NAMES = frozenset(("score", "cross_val_score", "cross_validate", "evaluate"))
# Decorator wrappers that stand for the functions they wrap (the resolved callee decides).
WRAPPER_MODULES = ("sklearn.base", "sklearn.utils._param_validation", "sklearn.utils._set_output",
                   "sklearn.utils._available_if", "torch.optim.optimizer", "torch.utils._contextlib")
RECORD_NAMES = FIT_METHODS | frozenset(("step", "train", "score", "cross_val_score", "cross_validate", "evaluate",
                                        "optimize", "dump", "load", "save", "save_model", "load_model", "load_dataset",
                                        "suggest_float", "suggest_int", "suggest_categorical"))
# top-level packages whose presence in sys.modules makes the sender thread load the record's modules
PRELOAD = ("sklearn", "optuna", "torch", "keras", "tensorflow", "lightgbm", "xgboost", "catboost", "statsmodels",
           "seaborn", "scipy")


def is_metric(module, name):
    """sklearn.metrics functions (not plotting), estimators' score, cross-validation scores, Keras evaluate."""
    if module.startswith("sklearn.metrics") and "_plot" not in module and not name.startswith("_") and name[:1].islower():
        return not name.startswith(("make_", "get_", "check_"))
    if name in SCORING_NAMES:
        return True
    return module.startswith(("scipy.stats", "statsmodels.tools.eval_measures")) and name in ("pearsonr", "spearmanr", "rmse", "mse", "meanabs")


def is_dataset(module, name):
    if module.startswith("sklearn.datasets"):
        return name.startswith(("load_", "fetch_", "make_")) and name not in ("load_files",)
    if module.startswith("seaborn") and name == "load_dataset":
        return True
    return module.startswith("statsmodels.datasets") and name in ("load", "load_pandas")


def is_record_callee(module, name):
    """The first code a call enters (module of its globals, co_name) may be a record call."""
    if name in ("wrapper", "wrapped", "decorate_context") and module.startswith(WRAPPER_MODULES):
        return True
    if name in RECORD_NAMES:
        return True
    return is_metric(module, name) or is_dataset(module, name)


def call_kind(module, name, receiver, args):
    """What a call of the resolved callable module.name is to the record: "suggest" (an optuna trial's
    parameter), "fit" (an estimator's), "step" (an optimiser's), "train" (train(params)), "study"
    (Study.optimize), "metric", "dataset" (a loader), or None. ExperimentRecorder.on_call acts on it."""
    if name.startswith("suggest_") and module.startswith("optuna.") and hasattr(receiver, "number"):
        return "suggest"
    if name in FIT_METHODS and receiver is not None and hasattr(receiver, "get_params"):
        return "fit"
    if name == "step" and receiver is not None and hasattr(receiver, "param_groups"):
        return "step"
    if name == "train" and args and isinstance(args[0], dict):
        return "train"
    if name == "optimize" and type(receiver).__name__ == "Study":
        return "study"
    if is_metric(module, name):
        return "metric"
    return "dataset" if is_dataset(module, name) else None


def is_record_call(module, name, receiver, args):
    """Would ExperimentRecorder.on_call record this call? (Before the record's modules are loaded.)"""
    return call_kind(module, name, receiver, args) is not None


class Token(object):
    """What on_call hands to on_return (experiment.py)."""
    __slots__ = ("kind", "function", "receiver", "where", "trial", "name", "args")

    def __init__(self, kind, function, receiver, where, trial, name, args=""):
        self.kind, self.function, self.receiver, self.where, self.trial, self.name, self.args = \
            kind, function, receiver, where, trial, name, args
