"""Turns the recorder's buffers into EventBatch dicts (runs in the sender thread, never in hooks)."""
import os
import sys
from time import perf_counter_ns

from ..record import loadguard
from ..recorder import take, S_ID, S_CALLS, S_TOTAL, S_TIMED
from ..record.distributions import DistributionIndex

_AGENT_PKG = __name__.rsplit(".", 1)[0]


class BatchBuilder(object):
    def __init__(self, rec, origin_ns, baseline_modules):
        self.rec = rec
        self.origin = origin_ns
        self.strings = {"": 0}
        self.next_string = 1
        self.known_modules = set(baseline_modules)
        self.ambiguous = set()
        self.user_mods = {}       # name -> module of the user modules imported since the baseline
        self.stats_sent = {}
        self.stats_base = {}
        self.dists = DistributionIndex()
        self.file_modules = None
        self.events_recorded = 0
        self.sync = None  # backend hook to fold pending per-thread counters into the states
        self.backend = None  # the hook backend (a kernel's cells switch its main-thread hook on and off)
        self.kernel = None  # kernel.KernelWatch once the program is an IPython kernel (issue 12)
        self.sent = False   # the last build returned a batch

    def ambiguous_modules(self, names):
        """Modules that appeared while the agent imported its transport: the agent's, unless a user
        module's namespace refers to them (then the program imported them too)."""
        self.ambiguous = set(names)
        self.known_modules.update(names)

    def _claimed_by_user(self, new_names):
        """Ambiguous modules a user module's namespace refers to. User modules are learnt from the
        new entries of sys.modules at each flush (a full sys.modules walk per flush cost ~1-2 ms with
        pandas imported: 10/s, under the GIL)."""
        if not self.ambiguous:
            return []
        files = self.rec.files
        mods = sys.modules
        for name in new_names:
            mod = mods.get(name)
            f = getattr(mod, "__file__", None)
            if f and files.get(f):
                self.user_mods[name] = mod
        user_mods = list(self.user_mods.values())
        main = mods.get("__main__")
        if main is not None:
            user_mods.append(main)
        refs = set()
        for um in user_mods:
            try:
                refs.update(id(v) for v in list(vars(um).values()))
            except Exception:
                pass
        claimed = []
        for name in list(self.ambiguous):
            m = mods.get(name)
            if m is not None and id(m) in refs:
                claimed.append(name)
        for name in claimed:
            self.ambiguous.discard(name)
        return claimed

    def _sid(self, s, new):
        i = self.strings.get(s)
        if i is None:
            i = self.next_string
            self.next_string += 1
            self.strings[s] = i
            new.append(s)
        return i

    def _module_for_file(self, filename):
        if self.file_modules is None or filename not in self.file_modules:
            fm = {}
            for name, mod in list(sys.modules.items()):
                f = getattr(mod, "__file__", None)
                if f:
                    fm.setdefault(os.path.abspath(f), name)
            self.file_modules = fm
            if filename not in fm:
                base = os.path.basename(filename)
                fm[filename] = base[:-3] if base.endswith(".py") else base
        return self.file_modules[filename]

    def build(self, seq, final=False):
        """Return an EventBatch dict, or None when there is nothing new (unless final)."""
        rec = self.rec
        if self.sync is not None:
            self.sync()
        new_strings = []
        base = self.next_string
        sid = self._sid
        batch = {"seq": seq, "string_base": base, "strings": new_strings}

        codes = []
        for cid, fname, qual, first, user, module in take(rec.new_codes):
            if module is None:
                module = self._module_for_file(fname) if fname else ""
            codes.append({"id": cid, "file": sid(fname, new_strings), "qualname": sid(qual, new_strings),
                          "first_line": first, "user": user, "module": sid(module, new_strings)})
        batch["code_objects"] = codes

        batch["imports"] = self._imports(new_strings)

        evs = take(rec.events)
        if evs:
            origin = self.origin
            kinds, tds, cids, lines, threads, callers, durs = [], [], [], [], [], [], []
            prev = 0
            for k, t, c, ln, th, caller, d in evs:
                t -= origin
                kinds.append(k)
                tds.append(t - prev)
                prev = t
                cids.append(c)
                lines.append(ln)
                threads.append(th)
                callers.append(caller)
                durs.append(d if d > 0 else 0)
            batch.update(kind=kinds, t_delta=tds, code_id=cids, line=lines, thread=threads,
                         caller_id=callers, duration=durs)
            self.events_recorded += len(evs)

        stats = []
        n_stream = rec.config.stream_calls
        base = self.stats_base  # fork child: what the parent had counted before the fork
        for st in list(rec.states):
            calls = st[S_CALLS]
            if calls > n_stream:
                b = base.get(st[S_ID], (0, 0, 0))
                key = (calls - b[0], st[S_TOTAL] - b[1], st[S_TIMED] - b[2])
                if key[0] > 0 and self.stats_sent.get(st[S_ID]) != key:
                    self.stats_sent[st[S_ID]] = key
                    stats.append({"code_id": st[S_ID], "calls": key[0], "total_ns": max(0, key[1]),
                                  "timed_calls": max(0, key[2])})
        batch["function_stats"] = stats

        threads = []
        new_threads = take(rec.new_threads)
        if new_threads:
            tmod = sys.modules.get("threading")
            active = getattr(tmod, "_active", {}) if tmod is not None else {}
            for num, ident, name in new_threads:
                if not name:
                    t = active.get(ident)
                    name = getattr(t, "name", "") if t is not None else ""
                threads.append({"thread": num, "name": name, "ident": ident})
        batch["threads"] = threads

        batch["exceptions"] = [{"code_id": c, "line": ln, "type": tp, "message": msg,
                                "t": max(0, t - self.origin)}
                               for c, ln, tp, msg, t in take(rec.excinfo)]
        hub = rec.hub
        recorded = False
        if hub is not None:
            # classified already by the hooks: no per-flush filtering of thousands of library files
            user_files = [f for f, user in list(rec.files.items()) if user and not f.startswith("<")]
            recorded = hub.fill(batch, self.origin, final, user_files)
        kw = self.kernel
        if kw is None and "ipykernel" in sys.modules:  # a dict lookup per flush until then
            loadguard.load("labtrace_agent.lifecycle.kernel")
            from ..lifecycle.kernel import KernelWatch
            kw = self.kernel = KernelWatch(self.origin, self.backend)
        if kw is not None and kw.poll() and kw.fill(batch):
            recorded = True
        if not final and not (codes or evs or stats or threads or batch["exceptions"] or batch["imports"] or recorded):
            # nothing new: roll back the string table additions (there are none without codes/imports)
            self.sent = False
            return None
        self.sent = True
        return batch

    def pause(self, interval):
        """The sender's next pause (an idle kernel backs off, see kernel.KernelWatch.pause)."""
        kw = self.kernel
        return interval if kw is None else kw.pause(interval, self.sent)

    def _imports(self, new_strings):
        mods = sys.modules
        out = []
        seen = self.rec.file_seen
        names = [n for n in list(mods) if n not in self.known_modules]
        names += self._claimed_by_user(names)
        for name in names:
            self.known_modules.add(name)
            if name.startswith(_AGENT_PKG):
                continue
            mod = mods.get(name)
            if mod is None:
                continue
            f = getattr(mod, "__file__", None) or ""
            if f:
                f = os.path.abspath(f)
            dist = ver = ""
            if f and ("site-packages" in f or "dist-packages" in f):
                try:
                    dist, ver = self.dists.lookup(name)
                except Exception:
                    pass
            t = seen.get(f)
            if t is None:
                t = seen.get(f[:-1]) if f.endswith(".pyc") else None
            imp = {"module": self._sid(name, new_strings), "file": self._sid(f, new_strings),
                   "distribution": dist, "version": ver}
            if t is None:
                t = perf_counter_ns()
            imp["t"] = max(0, t - self.origin)
            out.append(imp)
        return out
