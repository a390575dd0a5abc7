#!/usr/bin/env python3
"""generate_scenarios.py — drafts scenarios/<pattern>/<variant>.toml for every variant that has none yet.

Reads `interleave list --json`, then runs each variant over a range of seeds (and, for a broken variant that
does not show its bug, other policies and processor counts) to choose a schedule and expectations that hold:
  - a correct variant: completes in all of 20+ seeds; its invariants; bounds on constant metrics and on the
    depth of every object with a capacity;
  - a broken variant: the outcome its bug gives (deadlock, invariant_violation, panic; outcome "starvation": completes
    with the starving role's longest wait at or above the variant's threshold), "always" if every seed shows it, else "sometimes" with the schedule's seed
    set to the first seed that does, so `interleave run` on the file shows the bug straight away.
Existing files are never overwritten: lessons are meant to be edited by hand afterwards.

    scenarios/engine/generate_scenarios.py build/interleave scenarios
"""
import json, os, subprocess, sys, tempfile

BIN, OUT = sys.argv[1], sys.argv[2]
SEEDS = 30

def run(toml_text, seed):
    with tempfile.TemporaryDirectory() as d:
        f, n = os.path.join(d, "s.toml"), os.path.join(d, "r.native")
        open(f, "w").write(toml_text)
        p = subprocess.run([BIN, "run", f, "-q", "--seed", str(seed), "--trace-out", n], capture_output=True, text=True)
        if p.returncode == 1:
            raise SystemExit("cannot run:\n" + toml_text + p.stderr)
        r = json.load(open(n))
        return r

def schedule(policy, procs, seed, spurious):
    s = f'[schedule]\nprocs = {procs}\npolicy = "{policy}"\nseed = {seed}\n'
    if spurious:
        s += "spurious_wakeups = true\n"
    return s

def q(s):
    return json.dumps(s, ensure_ascii=False)

def lesson(v, extra_notes):
    text = v["lesson"].strip()
    out = f'[lesson]\ntitle = {q(v["pattern_title"] + ": " + v["title"])}\ntext = """\n{text}\n"""\n'
    for n in extra_notes:
        out += "\n[[lesson.note]]\n" + n
    return out

def shows(v, r):
    bug, o = v["bug"], r["outcome"]
    if bug == "deadlock": return o == "deadlock"
    if bug == "invariant violation": return o == "invariant violation"
    if bug == "panic": return o == "panic"
    if bug == "starvation":
        return o == "completed"  # judged by the bound below
    return o == "completed"

def max_wait(r, role):
    # From the native events: longest blocked interval of goroutines whose name starts with the role.
    names = {g["id"]: g["name"] for g in r["goroutines"]}
    open_at, best = {}, 0
    for t, val, g, obj, loc, typ, a, b in r["events"]:
        if typ != 1: continue  # State
        if g in open_at:
            best = max(best, t - open_at.pop(g)) if names.get(g, "").startswith(role) else best
        if a == 2: open_at[g] = t  # Blocked
    return best

def parse_ns(s):
    units = {"ns": 1, "us": 1000, "ms": 10**6, "s": 10**9}
    for u in ("ns", "us", "ms", "s"):
        if s.endswith(u) and s[:-len(u)].replace(".", "").isdigit():
            return float(s[:-len(u)]) * units[u]
    raise ValueError(s)

variants = json.loads(subprocess.run([BIN, "list", "--json"], capture_output=True, text=True, check=True).stdout)
for v in variants:
    path = os.path.join(OUT, v["pattern"], v["variant"] + ".toml")
    if os.path.exists(path):
        continue
    os.makedirs(os.path.dirname(path), exist_ok=True)
    head = f'# {v["pattern_title"]} — {v["title"]}\npattern = "{v["pattern"]}"\nvariant = "{v["variant"]}"\n\n'
    spurious = v["needs_spurious_wakeups"]
    if v["bug"] == "none":
        sched = schedule("random", 2, 1, False)
        runs = [run(head + sched, s) for s in range(1, SEEDS + 1)]
        bad = [r for r in runs if r["outcome"] != "completed"]
        if bad:
            print(f"!! {v['pattern']}/{v['variant']}: correct variant did not complete: {bad[0]['outcome']} {bad[0]['outcome_message']}")
            continue
        bounds = []
        metrics = {}
        for r in runs:
            for m in r["metrics"]:
                metrics.setdefault(m["name"], set()).add(m["value"])
        for name, vals in metrics.items():
            if len(vals) == 1:
                val = vals.pop()
                if val == int(val): bounds.append(f"{name} == {int(val)}")
        caps = {}
        for o in runs[0]["objects"]:
            if o["capacity"] > 0 and o["kind"] in (4, 2, 10):  # channel, semaphore, variable
                caps[o["name"]] = max(caps.get(o["name"], 0), o["capacity"])
        bounds += [f"max_depth({n}) <= {c}" for n, c in caps.items()]
        inv = ", ".join(q(i) for i in v["invariants"])
        exp = f'[expect]\noutcome = "completes"\nseeds = 20\ninvariants = [{inv}]\n'
        if bounds:
            exp += "bounds = [\n" + "".join(f"  {q(b)},\n" for b in bounds) + "]\n"
        notes = ['on = "end"\ntext = "Every goroutine finished and no invariant broke, in every seed `interleave check` tries."\n']
        text = head + sched + "\n" + lesson(v, notes) + "\n" + exp
        open(path, "w").write(text)
        print(f"ok {path}: completes; bounds {bounds}")
        continue
    found = None
    for policy, procs in (("random", 2), ("random", 1), ("pct", 2), ("random", 4), ("fifo", 1), ("fifo", 2)):
        sched0 = schedule(policy, procs, 1, spurious)
        runs = [(s, run(head + sched0, s)) for s in range(1, SEEDS + 1)]
        if v["bug"] == "starvation":
            thr = parse_ns(v["starvation_threshold"])
            good = [s for s, r in runs if r["outcome"] == "completed" and max_wait(r, v["starvation_role"]) >= thr]
        else:
            good = [s for s, r in runs if shows(v, r)]
        if good:
            found = (policy, procs, good, runs)
            break
    if not found:
        print(f"!! {v['pattern']}/{v['variant']}: bug '{v['bug']}' not shown by any schedule tried")
        continue
    policy, procs, good, runs = found
    always = len(good) == SEEDS
    first = good[0]
    sched = schedule(policy, procs, first, spurious)
    seeds = 20
    happens = "" if always else 'happens = "sometimes"\n'
    if v["bug"] == "deadlock":
        exp = f'[expect]\noutcome = "deadlock"\n{happens}seeds = {seeds}\n'
        notes = ['on = "deadlock"\ntext = "Every goroutine is blocked: look at what each one waits for in the dump, and find the cycle."\n']
    elif v["bug"] == "invariant violation":
        r = dict(runs)[first]
        inv = r["outcome_message"].split(":")[0]
        exp = f'[expect]\noutcome = "invariant_violation"\nviolates = {q(inv)}\n{happens}seeds = {seeds}\n'
        notes = ['on = "invariant_violation"\ntext = "The invariant just broke: scrub back to see the interleaving that let it happen."\n']
    elif v["bug"] == "panic":
        exp = f'[expect]\noutcome = "panic"\n{happens}seeds = {seeds}\n'
        notes = ['on = "panic"\ntext = "The program panicked: read the message and the goroutine that raised it."\n']
    else:
        role, thr = v["starvation_role"], v["starvation_threshold"]
        exp = f'[expect]\noutcome = "starvation"   # completes, with a {role} waiting at least {thr}\n{happens}seeds = {seeds}\n'
        notes = [f'on = "first_block"\ntext = "Watch the {role} lanes: how long does a {role} wait while the others keep going?"\n']
    open(path, "w").write(head + sched + "\n" + lesson(v, notes) + "\n" + exp)
    print(f"ok {path}: {v['bug']} {'always' if always else f'sometimes ({len(good)}/{SEEDS})'} with {policy} procs {procs}, seed {first}")
