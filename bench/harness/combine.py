"""Targets and the readable table from the combined results (bench/results/latest.json)."""
import os
import re

from common import REPO


def _r(case, key, field="script"):
    r = case.get("ratios", {}).get(key)
    return r[field] if r else None


def _fmt_ratio(s, spread=True):
    if not s:
        return "-"
    if not spread:
        return "%.2f" % s["median"]
    return "%.2f (%.2f-%.2f)" % (s["median"], s["min"], s["max"])


def _t(name, figure, holds, detail=""):
    return {"target": name, "figure": figure, "holds": holds, "detail": detail}


# scikit-learn/pandas scripts of our own (3.11 venv), judged together: median and max of their ratios
REALISTIC = ("modloop_pandas", "pandas_regression", "grid_search", "preprocessing", "listing1_numpy", "digits_pipeline", "model_comparison")
AGENT_ROWS = (("agent", "daemon up"), ("agent-spool", "daemon down"), ("agent-nobc", "PYTHONDONTWRITEBYTECODE=1"))


def _invalid(c, variant="agent"):
    return bool((c.get("agent_switched_off") or {}).get(variant))


def targets(res):
    """Every target judged on whole-process wall time (spawn to exit); the in-script ratio is shown
    next to it. 3.12+: agent <= 1.05x untraced; <= 3.11: agent <= 1.10x the no-op hook floor; the
    realistic 3.11 scripts: median <= 1.15x and max <= 1.25x untraced."""
    out = []
    ov = res.get("overhead") or []
    for c in ov:
        mon = c["minor"] >= 12
        for variant, label in AGENT_ROWS:
            base = "untraced" if mon else "floor"
            key = "%s/%s" % (variant, base)
            w = _r(c, key, "wall")
            if not w:
                continue
            limit = 1.05 if mon else 1.10
            inval = _invalid(c, variant)
            out.append(_t("%s %s, %s: %s <= %.2fx %s" % (c["workload"], c["python"], label, "agent", limit, base),
                          "wall %.3fx (in-script %.3fx, process CPU %.3fx)" % (w["median"], _r(c, key)["median"], _r(c, key, "cpu")["median"])
                          + (" (agent switched off: invalid)" if inval else ""),
                          None if inval else w["median"] <= limit))
    real = [c for c in ov if c["workload"] in REALISTIC and c["minor"] <= 11 and _r(c, "agent/untraced", "wall")]
    if real:
        ws = sorted(_r(c, "agent/untraced", "wall")["median"] for c in real)
        med = ws[len(ws) // 2] if len(ws) % 2 else (ws[len(ws) // 2 - 1] + ws[len(ws) // 2]) / 2
        names = ", ".join("%s %.2f" % (c["workload"], _r(c, "agent/untraced", "wall")["median"]) for c in real)
        out.append(_t("realistic scikit-learn/pandas scripts (3.11): median <= 1.15x untraced wall", "%.3fx over %d scripts (%s)" % (med, len(ws), names), med <= 1.15))
        out.append(_t("realistic scikit-learn/pandas scripts (3.11): max <= 1.25x untraced wall", "%.3fx" % ws[-1], ws[-1] <= 1.25))
        cov = [_r(c, "coverage/untraced", "wall")["median"] for c in real if _r(c, "coverage/untraced", "wall")]
        if cov:
            cov.sort()
            out.append(_t("for comparison, coverage.py on the same scripts (not a target)", "median %.3fx max %.3fx wall" % (cov[len(cov) // 2], cov[-1]), None))
    for s in res.get("startup") or []:
        for v, label in (("agent", "daemon up"), ("agent-spool", "daemon down"), ("agent-nobc", "daemon up, PYTHONDONTWRITEBYTECODE=1"),
                         ("agent-spool-nobc", "daemon down, PYTHONDONTWRITEBYTECODE=1")):
            a = s.get("added_ms", {}).get(v)
            if a:
                out.append(_t("start-up + exit <= 20 ms added, %s (%s)" % (label, s["python"]), "+%.1f ms spawn-to-exit (+%.1f to main)" % (a["total"], a["to_main"]), a["total"] <= 20))
    ing = res.get("ingest")
    if ing and "events_per_s" in ing:
        out.append(_t("ingest >= 1,000,000 events/s", "%.0f events/s" % ing["events_per_s"], ing["events_per_s"] >= 1e6))
        d = ing["daemon"]
        where = " (peak in %s; ingest %.0f, correlation %.0f MB)" % (d["rss_max_phase"], d["rss_max_ingest_bytes"] / 2**20, d["rss_max_correlation_bytes"] / 2**20) if "rss_max_phase" in d else ""
        out.append(_t("daemon RSS <= 200 MB during the ingest benchmark (its whole life)", "%.0f MB max" % (d["rss_max_bytes"] / 2**20) + where, d["rss_max_bytes"] <= 200 * 2**20))
        out.append(_t("no event lost", "%s of %s in DuckDB" % (ing.get("events_in_store"), ing.get("events_sent")), ing.get("count_check") == "ok"))
        q = ing.get("query") or {}
        if "rss_max_during_bytes" in q:
            rows = "%s-row" % (q.get("rows_received") or "?")
            ok = not q.get("error")
            peak = q.get("rss_max_bytes", q["rss_max_during_bytes"])
            out.append(_t("daemon RSS <= 300 MB at any time with a %s query answered" % rows, "%.0f MB max" % (peak / 2**20) + ("" if ok else " (query failed: %s)" % q["error"]), ok and peak <= 300 * 2**20))
            out.append(_t("daemon RSS < 150 MB idle after that query", "%.0f MB (%.0f MB before it)" % (q["rss_idle_after_bytes"] / 2**20, q["rss_before_bytes"] / 2**20), ok and q["rss_idle_after_bytes"] < 150 * 2**20))
            out.append(_t("daemon status answers within 1 s during that query", "%.0f ms max" % q["status_ms_max_during"], q["status_ms_max_during"] < 1000))
        elif q:
            out.append(_t("daemon RSS while answering a 2M-row query", q.get("error", "no result"), None))
    elif ing:
        out.append(_t("ingest", ing.get("error", "no result"), None))
    an = res.get("analytics")
    if an and "queries" in an:
        pb = an["queries"].get("phase_breakdown_all_runs")
        if pb:
            out.append(_t("phase breakdown over %s events < 0.5 s, all 1,000 runs (phase_breakdown view)" % an.get("events", "?"), "%.3f s warm (%.3f s cold)" % (pb["warm_s"], pb["cold_s"]), pb["warm_s"] < 0.5))
        pb1 = an["queries"].get("phase_breakdown_one_run")
        if pb1:
            out.append(_t("phase breakdown of one run in the %s-event store < 0.5 s (labtrace show)" % an.get("events", "?"), "%.3f s warm (%.3f s cold)" % (pb1["warm_s"], pb1["cold_s"]), pb1["warm_s"] < 0.5))
        st = an.get("static_analysis") or {}
        if st.get("warm_ms") is not None:
            out.append(_t("static analysis of a %s-line script < 100 ms warm" % st.get("lines", "5,000"), "%.1f ms warm (%.1f ms cold)" % (st["warm_ms"], st.get("cold_ms") or float("nan")), st["warm_ms"] < 100))
        else:
            out.append(_t("static analysis of a 5,000-line script < 100 ms warm", st.get("status", "not available yet"), None))
    return out


def table(res):
    L = []
    m = res.get("meta", {})
    L.append("labtrace bench  %s  commit %s%s  %s%s  (%s cores, load %s -> %s, %.0f s)" % (
        m.get("started_at"), m.get("git_commit"),
        (" (agent measured: %s)" % m["agent_dir"]) if m.get("agent_dir", "python-agent") != "python-agent" else " + uncommitted agent changes" if m.get("agent_uncommitted_changes") else "", "QUICK " if m.get("quick") else "", m.get("platform", ""), m.get("cpu_count"),
        "/".join("%.1f" % x for x in m.get("load_avg_start", [])[:1]), "/".join("%.1f" % x for x in m.get("load_avg_end", [])[:1]), m.get("elapsed_s", 0)))
    ov = res.get("overhead")
    if ov:
        L.append("")
        L.append("Overhead: whole-process wall time (spawn to exit) first, in-script time second; median of paired repeats (min-max of the wall ratio)")
        L.append("%-18s %-12s %-4s %7s  %-18s %-6s %-6s %-18s %-6s %-6s %-6s %-6s %-6s %-6s %-6s" % (
            "workload", "python", "hook", "untr.s", "agent/untr wall", "in-sc", "cpu", "agent/floor wall", "in-sc", "cpu", "floor", "spool", "nobc", "settr", "cov"))
        for c in ov:
            u = c["variants"].get("untraced", {}).get("wall")
            b = c["backend"]
            L.append("%-18s %-12s %-4s %7s  %-18s %-6s %-6s %-18s %-6s %-6s %-6s %-6s %-6s %-6s %-6s" % (
                c["workload"], c["python"], "mon" if b == "monitoring" else "prof", "%.3f" % u["median"] if u else "-",
                _fmt_ratio(_r(c, "agent/untraced", "wall")), _fmt_ratio(_r(c, "agent/untraced"), False), _fmt_ratio(_r(c, "agent/untraced", "cpu"), False),
                _fmt_ratio(_r(c, "agent/floor", "wall")), _fmt_ratio(_r(c, "agent/floor"), False), _fmt_ratio(_r(c, "agent/floor", "cpu"), False),
                _fmt_ratio(_r(c, "floor-%s/untraced" % b, "wall") or _r(c, "floor/untraced", "wall"), False),
                _fmt_ratio(_r(c, "agent-spool/untraced", "wall"), False), _fmt_ratio(_r(c, "agent-nobc/untraced", "wall"), False),
                _fmt_ratio(_r(c, "floor-settrace/untraced", "wall"), False), _fmt_ratio(_r(c, "coverage/untraced", "wall"), False)))
            if _r(c, "agent-b/untraced", "wall"):
                L.append("    agent-b (%s): /untr wall %s, in-sc %s, cpu %s; agent/agent-b wall %s, cpu %s" % (m.get("agent_b"), _fmt_ratio(_r(c, "agent-b/untraced", "wall")),
                         _fmt_ratio(_r(c, "agent-b/untraced"), False), _fmt_ratio(_r(c, "agent-b/untraced", "cpu"), False),
                         _fmt_ratio(_r(c, "agent/agent-b", "wall")), _fmt_ratio(_r(c, "agent/agent-b", "cpu"), False)))
            for v, so in (c.get("agent_switched_off") or {}).items():
                L.append("    !! %s: agent switched itself off in %d runs (figure not valid): %s" % (v, so["runs"], so["message"][:140]))
            if c.get("errors"):
                for v, e in c["errors"].items():
                    L.append("    !! %s failed: %s%s" % (v, e[:40] + " ... " if e.startswith("hung") else "", e.strip().splitlines()[-1][:150] if e.strip() else e))
        L.append("  ratios: wall = spawn to exit (start-up, exit flush included), in-sc = the script's own perf_counter span,")
        L.append("  cpu = the process's user+sys CPU, all threads (what the agent adds, whatever the machine's load does to wall time);")
        L.append("  floor = no-op callback of the agent's hook (setprofile <= 3.11; sys.monitoring PY_START->DISABLE on 3.12+), wall vs untraced;")
        L.append("  spool = agent with the daemon down; nobc = agent with PYTHONDONTWRITEBYTECODE=1; settr = no-op settrace floor; cov = coverage.py (wall vs untraced)")
        for c in ov:
            if c["workload"] == "kernel" and c["variants"].get("agent") and c["variants"].get("untraced"):
                added = (c["variants"]["agent"]["script"]["median"] - c["variants"]["untraced"]["script"]["median"]) / (120 * 4)
                L.append("  long-lived process (kernel, %s): 120 rounds x 4 cells exec'd in one process; %+.2f ms per cell execution traced" % (c["python"], added * 1e3))
    st = res.get("startup")
    if st:
        L.append("")
        L.append("Start-up: `python -c` spawn-to-exit (to main), median ms; added = agent minus untraced; nobc = PYTHONDONTWRITEBYTECODE=1")
        L.append("%-12s %-13s %-24s %-24s %-24s %-24s" % ("python", "untraced", "daemon up (added)", "daemon down (added)", "up, nobc (added)", "down, nobc (added)"))
        for s in st:
            v = s["variants"]

            def cell(name):
                if name not in v:
                    return "-"
                a = s["added_ms"].get(name)
                return "%.1f (%.1f) +%.1f" % (v[name]["total"]["median"] * 1e3, v[name]["to_main"]["median"] * 1e3, a["total"]) if a else "%.1f" % (v[name]["total"]["median"] * 1e3)
            L.append("%-12s %-13s %-24s %-24s %-24s %-24s" % (s["python"], cell("untraced"), cell("agent"), cell("agent-spool"), cell("agent-nobc"), cell("agent-spool-nobc")))
            for v, e in (s.get("errors") or {}).items():
                L.append("    !! %s: %s" % (v, e.strip().splitlines()[0][:150] if e.strip() else e))
    runs = res.get("agent_runs")
    if runs and "error" not in runs[0]:
        L.append("")
        L.append("Traced runs as stored by the daemon (mean per run)")
        L.append("%-22s %-8s %-11s %-7s %5s %9s %9s %8s %9s" % ("script", "python", "backend", "status", "runs", "events", "dropped", "spooled", "agent ms"))
        for r in runs:
            L.append("%-22s %-8s %-11s %-7s %5s %9s %9s %8s %9s" % (r.get("script"), r.get("python_version"), r.get("backend"), r.get("status"),
                     r.get("runs"), r.get("events"), r.get("dropped"), r.get("spooled"), r.get("agent_cpu_ms")))
    src = res.get("agent_batches_by_source")
    if src and "error" not in src[0]:
        L.append("  batches of those runs by path into the store (daemon up): " + ", ".join("%s %s (%s events)" % (r["source"], r["batches"], r["events"]) for r in src)
                 + ("  <- agent did not stream over the WebSocket" if all(r["source"] != "ws" for r in src) else ""))
    ing = res.get("ingest")
    if ing:
        L.append("")
        if "events_per_s" in ing:
            d = ing["daemon"]
            L.append("Ingest: %d fake agents x %d batches x %d events over WebSocket, end to end until BatchAck (committed)" % (
                ing["agents"], ing["batches_per_agent"], ing["events_per_batch"]))
            L.append("  %.0f events/s (%.2f s for %d events, %.1f MB of frames); daemon CPU %.0f%% mean / %.0f%% max, RSS %.0f MB max; count check: %s (%s in store)" % (
                ing["events_per_s"], ing["elapsed_s"], ing["events_sent"], ing["bytes_sent"] / 1e6, d["cpu_mean_pct"], d["cpu_max_pct"],
                d["rss_max_bytes"] / 2**20, ing["count_check"], ing["events_in_store"]))
            if "memory" in d:
                L.append("  daemon RSS max per phase (/proc every %d ms, start to stop): %s; %d runs correlated in %.1f s" % (
                    d["memory"]["interval_ms"], ", ".join("%s %.0f MB" % (p["phase"], p["rss_max_bytes"] / 2**20) for p in d["memory"]["phases"]),
                    d["runs_correlated"], d["correlation_s"]))
            if "cpu_s_per_m_events" in d:
                L.append("  CPU per million events: daemon %.2f s (all threads), fake agents %.2f s; daemon idle RSS %.0f MB" % (
                    d["cpu_s_per_m_events"], ing.get("client_cpu_s_per_m_events", float("nan")), d["idle_rss_bytes"] / 2**20))
            st = ing.get("stages") or {}
            if "decode_events_per_s" in st:
                worker = (", decode worker (decode + typed columns + round trip) %.0f/s" % st["worker_decode_events_per_s"]) if "worker_decode_events_per_s" in st else ""
                L.append("  in-process stages, one agent's %d events (no WebSocket): protobuf decode %.0f/s%s, batch->rows %.0f/s, Ingester commit (rows+append+COMMIT) %.0f/s" % (
                    st["events"], st["decode_events_per_s"], worker, st["rows_events_per_s"], st["commit_events_per_s"]))
            if ing.get("ack_latency_ms"):
                a = ing["ack_latency_ms"]
                L.append("  batch send->ack latency: median %.0f ms, p95 %.0f ms" % (a["median"], a["p95"]))
        else:
            L.append("Ingest: " + str(ing.get("error")))
    an = res.get("analytics")
    if an:
        L.append("")
        if "queries" in an:
            L.append("Analytics over a generated store: %s events, %s runs (generated in %.1f s, %.0f MB)" % (
                an.get("events"), an.get("runs"), an.get("generate_s", 0), an.get("database_bytes", 0) / 1e6))
            co = an.get("correlation")
            if co:
                L.append("  correlated every run as the daemon does after RunEnd (RunAnalyzer, bench labels): %.1f s, %.1f ms a run; %s phase intervals, %s statement times" % (
                    co["correlate_s"], co["ms_per_run"], co["phase_intervals"], co["statement_times"]))
            for name, q in an["queries"].items():
                L.append("  %-34s cold %7.3f s  warm %7.3f s  (%s rows)  %s" % (name, q["cold_s"], q["warm_s"], q.get("rows"), q.get("note", "")))
            st = an.get("static_analysis") or {}
            if st.get("warm_ms") is not None:
                L.append("  static analysis, %s lines (bench/static-analysis.ts): cold %.1f ms, cold parsed %.1f ms, warm after a 1-line edit %.1f ms, cache hit %.2f ms" % (
                    st.get("lines"), st.get("cold_ms") or float("nan"), st.get("cold_parsed_ms") or float("nan"), st["warm_ms"], st.get("cache_hit_ms") or float("nan")))
            else:
                L.append("  static analysis: " + str(st.get("status", "not available yet")))
        else:
            L.append("Analytics: " + str(an.get("error")))
    kr = res.get("kernel")
    if kr:
        import kernel_cells
        L.append("")
        L.extend(kernel_cells.lines(kr))
    tg = res.get("targets")
    if tg:
        L.append("")
        L.append("Targets")
        for t in tg:
            L.append("  [%s] %s: %s" % ({True: "MET", False: "MISSED", None: "n/a"}[t["holds"]].ljust(6), t["target"], t["figure"]))
        n_met = sum(1 for t in tg if t["holds"] is True)
        n_missed = sum(1 for t in tg if t["holds"] is False)
        L.append("  %d MET, %d MISSED" % (n_met, n_missed))
    return "\n".join(L)


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def update_docs(table_text):
    path = os.path.join(REPO, "docs", "performance.md")
    try:
        doc = open(path).read()
    except OSError:
        return
    if BEGIN not in doc or END not in doc:
        return
    block = BEGIN + "\n```\n" + table_text + "\n```\n" + END
    doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, doc, flags=re.S)
    with open(path, "w") as f:
        f.write(doc)
