"""Results of hyperparameter searches, read when their fit returns (issue 11): scikit-learn's
GridSearchCV / RandomizedSearchCV / Halving*SearchCV (anything with cv_results_) and Optuna studies
(Study.optimize).

A search gives: its best parameters (hyperparameter rows, source 'best_params'), its best estimator's
parameters, flattened and with defaults marked (source 'best_estimator'), its best score (a metric
named `<search variable>.best_score_`), and one trial row per candidate (kind 'candidate': the
candidate's parameters, mean and std of its test score, its rank; parent = the loop trial the search
ran in, for nested cross-validation)."""
from time import perf_counter_ns

from .estimators import _param, _public_module
from .trials import _json, plain_value

MAX_CANDIDATES = 1000


def is_search(obj):
    tp = type(obj)
    return hasattr(tp, "get_params") and ("param_grid" in getattr(obj, "__dict__", {}) or "param_distributions" in getattr(obj, "__dict__", {})
                                          or tp.__name__.endswith("SearchCV"))


def _score_key(search, res):
    refit = getattr(search, "refit", True)
    if isinstance(refit, str) and "mean_test_" + refit in res:
        return refit
    if "mean_test_score" in res:
        return "score"
    for k in res:
        if k.startswith("mean_test_"):
            return k[len("mean_test_"):]
    return None


def _num(x):
    try:
        v = float(x)
        return v if v == v else None
    except Exception:
        return None


def record_search(search, where, trial, name, est, metrics, trials):
    """search.fit returned: its results as parameter, metric and trial rows."""
    t = perf_counter_ns()
    label = _public_module(type(search))
    best = getattr(search, "best_params_", None)
    if isinstance(best, dict):
        for k in sorted(best, key=str):
            est.out.append(_param(label, str(k), best[k], False, where, t, "best_params", id(search), trial))
    be = getattr(search, "best_estimator_", None)
    if be is not None and hasattr(be, "get_params"):
        est.params_rows(be, where, "best_estimator", trial)
    score = _num(getattr(search, "best_score_", None))
    if score is not None:
        metrics._row(label + ".best_score_", (name or "search") + ".best_score_", score, where, t, trial)
    res = getattr(search, "cv_results_", None)
    if not isinstance(res, dict) or trials is None:
        return
    key = _score_key(search, res)
    params = res.get("params") or []
    means = res.get("mean_test_" + key) if key else None
    stds = res.get("std_test_" + key) if key else None
    ranks = res.get("rank_test_" + key) if key else None
    for i, p in enumerate(params[:MAX_CANDIDATES]):
        flat = {}
        for k, v in (p.items() if isinstance(p, dict) else ()):
            x = plain_value(v)
            flat[str(k)] = x if x is not None else " ".join(repr(v).split())[:120]
        row = {"trial": trials.next, "kind": "candidate", "code_id": where[0], "line": where[1], "params": _json(flat),
               "t": t, "label": "%s candidate %d" % (type(search).__name__, i), "parent": trial}
        if means is not None:
            m = _num(means[i])
            if m is not None:
                row["mean_score"] = m
        if stds is not None:
            s = _num(stds[i])
            if s is not None:
                row["std_score"] = s
        if ranks is not None:
            try:
                row["rank"] = int(ranks[i])
            except Exception:
                pass
        trials.next += 1
        trials.out.append(row)


def record_study(study, where, trial, name, metrics, trials):
    """optuna Study.optimize returned: best value and one candidate row per finished trial."""
    t = perf_counter_ns()
    try:
        best = study.best_value
        metrics._row("optuna.study.Study.best_value", (name or "study") + ".best_value", float(best), where, t, trial)
    except Exception:
        pass
    if trials is None:
        return
    for ft in list(getattr(study, "trials", []))[:MAX_CANDIDATES]:
        params = getattr(ft, "params", None) or {}
        flat = dict((str(k), plain_value(v) if plain_value(v) is not None else repr(v)[:120]) for k, v in params.items())
        row = {"trial": trials.next, "kind": "candidate", "code_id": where[0], "line": where[1], "params": _json(flat),
               "t": t, "label": "optuna trial %s" % getattr(ft, "number", "?"), "parent": trial}
        v = _num(getattr(ft, "value", None))
        if v is not None:
            row["mean_score"] = v
        trials.next += 1
        trials.out.append(row)
