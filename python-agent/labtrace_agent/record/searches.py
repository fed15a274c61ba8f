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


def _direction(study):
    try:
        return ",".join(str(getattr(d, "name", d)).lower() for d in study.directions)
    except Exception:
        return ""


def study_label(study):
    """The label of an optuna study's trials: `optuna study (minimize, TPESampler) trial N`."""
    sampler = type(getattr(study, "sampler", None)).__name__
    return "optuna study (%s, %s)" % (_direction(study), sampler)


def study_params(params):
    """An optuna trial's parameters as a trial row's params."""
    out = {}
    for k, v in (params.items() if isinstance(params, dict) else ()):
        x = plain_value(v)
        out[str(k)] = x if x is not None else " ".join(repr(v).split())[:120]
    return out


def record_study(study, where, trial, name, est, metrics, trials):
    """optuna Study.optimize returned: its sampler and direction (parameter rows, source 'study'), best
    parameters (source 'best_params') and best value (metric `<study variable>.best_value`), one trial row
    per finished optuna trial (kind 'study': its parameters, value as mean_score, rank by value in the
    study's direction; the trial number its suggest_* calls opened, else a new one). Several optimize
    calls of one study: each sends the study's trials again, under the same numbers."""
    sr = trials.end_study(study) if trials is not None else None
    t = perf_counter_ns()
    label = "optuna.study.Study"
    direction = _direction(study)
    est.out.append(_param(label, "sampler", type(getattr(study, "sampler", None)).__name__, False, where, t, "study", id(study), trial))
    est.out.append(_param(label, "direction", direction, False, where, t, "study", id(study), trial))
    multi = "," in direction
    if not multi:
        try:
            best = study.best_trial
        except Exception:
            best = None
        if best is not None:
            for k, v in sorted(best.params.items(), key=lambda kv: str(kv[0])):
                est.out.append(_param(label, str(k), v, False, where, t, "best_params", id(study), trial))
            v = _num(best.value)
            if v is not None:
                metrics._row("optuna.study.Study.best_value", (name or "study") + ".best_value", v, where, t, trial)
    if trials is None:
        return
    done = list(getattr(study, "trials", []))[:MAX_CANDIDATES]
    values = {}
    for ft in done:
        v = _num(getattr(ft, "value", None)) if not multi and getattr(getattr(ft, "state", None), "name", "") == "COMPLETE" else None
        if v is not None:
            values[ft.number] = v
    order = sorted(values, key=lambda n: values[n], reverse=direction == "maximize")
    ranks = dict((n, i + 1) for i, n in enumerate(order))
    nums = sr.nums if sr is not None else {}
    slabel = sr.label if sr is not None else study_label(study)
    parent = sr.parent if sr is not None else trial
    for ft in done:
        no = nums.get(ft.number)
        if no is None:
            no = nums[ft.number] = trials.next
            trials.next += 1
        params = study_params(getattr(ft, "params", None))
        state = getattr(getattr(ft, "state", None), "name", "")
        if state and state != "COMPLETE":
            params["state"] = state.lower()
        row = {"trial": no, "kind": "study", "code_id": where[0], "line": where[1], "params": _json(params),
               "t": t, "label": "%s trial %s" % (slabel, ft.number), "parent": parent}
        if ft.number in values:
            row["mean_score"] = values[ft.number]
            row["rank"] = ranks[ft.number]
        trials.out.append(row)
