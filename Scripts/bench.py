"""The workloads of Scripts/bench and the engines that run them.

Each workload is written three times from the same facts: Redline (.rl),
SWI-Prolog with tabling (.pl) and clingo (.lp). Every program ends by
counting the tuples of its answer relation, so engines can be compared.
"""
import os, random, shutil, statistics, subprocess, sys, tempfile, time

def chain():
    return [("edge", (i, i + 1)) for i in range(1999)], "tc"

def random_graph():
    rng = random.Random(42)
    edges = set()
    while len(edges) < 4000:
        a, b = rng.randrange(2000), rng.randrange(2000)
        if a != b:
            edges.add((a, b))
    return [("edge", e) for e in sorted(edges)], "tc"

def same_generation():
    rng = random.Random(7)
    parent = {i: rng.randrange(i) for i in range(1, 2000)}
    children = {}
    for child, p in parent.items():
        children.setdefault(p, []).append(child)
    facts = [("up", (c, p)) for c, p in parent.items()] + [("down", (p, c)) for c, p in parent.items()]
    for siblings in children.values():
        facts += [("flat", (a, b)) for a in siblings for b in siblings if a != b]
    return facts, "sg"

def negation():
    rng = random.Random(11)
    n = 100_000
    facts = [("node", (i,)) for i in range(n)]
    edges = set()
    while len(edges) < 2 * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            edges.add((a, b))
    return facts + [("edge", e) for e in sorted(edges)], "neg"

def startup():
    facts = [("edge", (i, i + 1)) for i in range(10)] + [("node", (i,)) for i in range(10)]
    return facts, "small"

WORKLOADS = {
    "chain": ("transitive closure, 2,000-node chain", chain),
    "random": ("transitive closure, random 2,000 / 4,000", random_graph),
    "samegen": ("same generation, random 2,000-node tree", same_generation),
    "negation": ("reachability + negation, 100k / 200k", negation),
    "startup": ("start-up: 20 facts, 10 rules, one query", startup),
}

RULES = {
    "tc": {
        "rl": "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n?- N = count : { path(_, _) }.\n",
        "pl": ":- table path/2.\npath(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n"
              ":- initialization((aggregate_all(count, path(_, _), N), write(N), nl, halt)).\n",
        "lp": "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\nn(N) :- N = #count { X, Y : path(X, Y) }.\n#show n/1.\n",
    },
    "sg": {
        "rl": "sg(X, Y) :- flat(X, Y).\nsg(X, Y) :- up(X, X1), sg(X1, Y1), down(Y1, Y).\n?- N = count : { sg(_, _) }.\n",
        "pl": ":- table sg/2.\nsg(X, Y) :- flat(X, Y).\nsg(X, Y) :- up(X, X1), sg(X1, Y1), down(Y1, Y).\n"
              ":- initialization((aggregate_all(count, sg(_, _), N), write(N), nl, halt)).\n",
        "lp": "sg(X, Y) :- flat(X, Y).\nsg(X, Y) :- up(X, X1), sg(X1, Y1), down(Y1, Y).\nn(N) :- N = #count { X, Y : sg(X, Y) }.\n#show n/1.\n",
    },
    "neg": {
        "rl": "reach(0).\nreach(Y) :- reach(X), edge(X, Y).\nunreached(X) :- node(X), not reach(X).\n"
              "?- R = count : { reach(_) }, U = count : { unreached(_) }, N = R + U.\n",
        # Subsumptive tabling answers reach(5) from the table of reach(_); with
        # variant tabling each negated check would start a table of its own.
        "pl": ":- table reach/1 as subsumptive.\nreach(0).\nreach(Y) :- reach(X), edge(X, Y).\nunreached(X) :- node(X), \\+ reach(X).\n"
              ":- initialization((aggregate_all(count, reach(_), R), aggregate_all(count, unreached(_), U), N is R + U, write(N), nl, halt)).\n",
        "lp": "reach(0).\nreach(Y) :- reach(X), edge(X, Y).\nunreached(X) :- node(X), not reach(X).\n"
              "n(N) :- N = #count { X : reach(X) ; Y : unreached(Y) }.\n#show n/1.\n",
    },
    "small": {
        "rl": "".join(f"r{i}(X, Y) :- edge(X, Y), node(X).\n" for i in range(8))
              + "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n"
              + "?- N = count : { path(_, _) }.\n",
        "pl": ":- table path/2.\n" + "".join(f"r{i}(X, Y) :- edge(X, Y), node(X).\n" for i in range(8))
              + "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n"
              + ":- initialization((aggregate_all(count, path(_, _), N), write(N), nl, halt)).\n",
        "lp": "".join(f"r{i}(X, Y) :- edge(X, Y), node(X).\n" for i in range(8))
              + "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n"
              + "n(N) :- N = #count { X, Y : path(X, Y) }.\n#show n/1.\n",
    },
}

def write_programs(directory, name, facts, kind):
    lines = "".join(f"{p}({', '.join(map(str, args))}).\n" for p, args in facts)
    paths = {}
    for ext in ("rl", "pl", "lp"):
        path = os.path.join(directory, f"{name}.{ext}")
        with open(path, "w") as f:
            if ext == "pl":
                f.write(":- style_check(-discontiguous).\n")
            f.write(lines)
            f.write(RULES[kind][ext])
        paths[ext] = path
    return paths

def engines(redline):
    found = [("redline", "rl", lambda p: [redline, "run", p], parse_redline)]
    if shutil.which("swipl"):
        found.append(("swi-prolog", "pl", lambda p: ["swipl", "-q", p], lambda out: int(out.split()[-1])))
    if shutil.which("clingo"):
        found.append(("clingo", "lp", lambda p: ["clingo", "--outf=0", "-V0", p], parse_clingo))
    return found

def parse_redline(output):
    # The answer table's one row; the count is its last column.
    rows = [line.split() for line in output.splitlines()]
    rows = [row for row in rows if row and all(cell.isdigit() for cell in row)]
    return int(rows[-1][-1])

def parse_clingo(output):
    for token in output.split():
        if token.startswith("n("):
            return int(token[2:-1])
    raise ValueError(output)

TIMEOUT = 300

def measure(command):
    """Wall seconds and standard output; None when it ran past TIMEOUT.

    Timed here around the engine's own process: /usr/bin/time reports wall
    time in hundredths of a second, too coarse for start-up."""
    started = time.perf_counter()
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 30):  # clingo exits 30 when it found a model
        raise SystemExit(f"{command[0]} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return seconds, run.stdout

def peak_memory(command):
    """Peak resident KiB of one more run, from /usr/bin/time (a small parent,
    so a child's count is not inflated by a forked Python before exec)."""
    with tempfile.NamedTemporaryFile() as report:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + command, capture_output=True, timeout=TIMEOUT)
        return int(open(report.name).read().split()[-1])

def main():
    redline, runs = sys.argv[1], int(sys.argv[2])
    chosen = sys.argv[3:] or list(WORKLOADS)
    work = tempfile.mkdtemp(prefix="redline-bench-")
    available = engines(redline)
    print(f"engines: {', '.join(e[0] for e in available)}; median of {runs} runs; whole process")
    print(f"{'workload':<42} {'engine':<11} {'tuples':>10} {'median s':>9} {'peak MB':>8} {'peer/redline':>12}", flush=True)
    for name in chosen:
        title, generate = WORKLOADS[name]
        facts, kind = generate()
        paths = write_programs(work, name, facts, kind)
        results = {}
        for engine, ext, command, parse in available:
            times, counts = [], set()
            for _ in range(runs):
                measured = measure(command(paths[ext]))
                if measured is None:
                    break
                seconds, output = measured
                times.append(seconds)
                counts.add(parse(output))
            if not times:
                print(f"  {engine} ran past {TIMEOUT} s on {name}; left out", flush=True)
                continue
            results[engine] = (statistics.median(times), peak_memory(command(paths[ext])), counts)
        base = results["redline"][0]
        for engine, (seconds, kib, counts) in results.items():
            ratio = "" if engine == "redline" else f"{seconds / base:.1f}"
            print(f"{title if engine == 'redline' else '':<42} {engine:<11} {'/'.join(map(str, sorted(counts))):>10} "
                  f"{seconds:>9.4f} {kib / 1024:>8.1f} {ratio:>12}", flush=True)
        all_counts = {c for _, _, counts in results.values() for c in counts}
        if len(all_counts) != 1:
            print(f"  !! engines disagree on the number of tuples: {sorted(all_counts)}")
    shutil.rmtree(work)

if __name__ == "__main__":
    main()
