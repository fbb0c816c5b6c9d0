"""Prints the side-by-side tables of benchmarks/RESULTS.md and the README's headline from the raw JSON lines that
benchmarks/run_all.sh (or one row's run.sh) wrote to a results/DATE folder, so that every number there can be traced
to a committed run.
Usage: /usr/bin/python3 benchmarks/report.py [--only gmm|hmm|bn|vae|gan] [--write] RESULTS_DIR
--write replaces the generated blocks of benchmarks/RESULTS.md and README.md (between their GENERATED markers)."""
import json
import os
import re
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(folder, row):
    path = os.path.join(folder, row + ".jsonl")
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.startswith("{")]


def impl(r):
    return r.get("impl") or r["implementation"]


def is_gen4j(r):
    return impl(r) == "gen4j"


def ratio(ours, theirs):
    r = ours / theirs
    return f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"          # two significant digits for the far-apart rows


def side_by_side(rows, group, timing, header, extra, threads_column=True):
    """One markdown table: per group (rows of one task), gen4j first, then each peer with gen4j's time over theirs.
    timing(r) gives (cold, warm median, min, max, number format, unit); extra(r, ours) the row's own columns."""
    groups = []
    for r in rows:
        if group(r) not in groups:
            groups.append(group(r))
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for g in groups:
        mine = [r for r in rows if group(r) == g]
        ours = next(r for r in mine if is_gen4j(r))
        o = timing(ours)
        for r in [ours] + [r for r in mine if not is_gen4j(r)]:
            cold, warm, low, high, number, unit = timing(r)
            cells = list(g) + [impl(r)] + ([str(r.get("threads", ""))] if threads_column else []) + [number % cold + unit,
                               f"{number % warm}{unit} ({number % low}–{number % high})",
                               "—" if r is ours else ratio(o[1], warm), "—" if r is ours else ratio(o[0], cold)] + extra(r, ours)
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def timings(r, keys=("coldSeconds", "seconds", "minSeconds", "maxSeconds"), scale=1.0):
    return [r[k] * scale for k in keys]


def forward_check(r, ours):
    if r is ours:
        return "—"
    return f"{r['forwardPassMaxAbsDifference']:.1e}" if "forwardPassMaxAbsDifference" in r else "not checked"


def gmm(folder):
    rows = load(folder, "gmm")
    if not rows:
        return []
    timing = lambda r: (*timings(r, scale=1000 / r["iterations"]), "%.1f", " ms")
    header = ["covariance", "implementation", "threads", "cold: first fit, per iteration", "warm: median (min–max), per iteration",
              "gen4j / peer, warm", "gen4j / peer, cold", "final mean log-likelihood", "\\|Δ\\| vs gen4j"]
    extra = lambda r, ours: [f"{r['meanLogLikelihood']:.8f}",
                             "—" if r is ours else f"{abs(r['meanLogLikelihood'] - ours['meanLogLikelihood']):.1e}"]
    return side_by_side(rows, lambda r: (r["covariance"],), timing, header, extra)


def hmm(folder):
    rows = sorted(load(folder, "hmm"), key=lambda r: (["baum-welch", "forward", "viterbi"].index(r["task"]), r["threads"]))
    if not rows:
        return []
    def timing(r):
        per = r.get("iterations", 1) if r["task"] == "baum-welch" else 1
        unit = " / iteration" if r["task"] == "baum-welch" else ""
        return (*timings(r, scale=1000 / per), "%.1f", " ms" + unit)
    header = ["task", "threads", "implementation", "cold (first call)", "warm, median (min–max)", "gen4j / peer, warm",
              "gen4j / peer, cold", "log-likelihood", "\\|Δ\\| vs gen4j"]
    extra = lambda r, ours: [f"{r['logLikelihood']:.4f}", "—" if r is ours else f"{abs(r['logLikelihood'] - ours['logLikelihood']):.1e}"]
    return side_by_side(rows, lambda r: (r["task"], str(r["threads"])), timing, header, extra, threads_column=False)


def bn(folder):
    rows = load(folder, "bn")
    if not rows:
        return []
    def timing(r):
        if r["task"].startswith("queries"):
            return (*timings(r, scale=1000 / r["queries"]), "%.3f", " ms / query")
        return (*timings(r), "%.3f", " s")
    def quality(r, ours):
        if r["task"].startswith("queries"):
            return [r["method"], "exact" if is_gen4j(r) else f"max abs error {r['maxAbsErrorVsExact']:.3f} vs exact"]
        shd = f", SHD {r['shd']}" if "shd" in r else ""
        return [r.get("method", "—"), f"mean log-lik {r['meanLogLikelihood']:.4f}; {r['edges']} edges, precision {r['edgePrecision']:.2f}, "
                    f"recall {r['edgeRecall']:.2f}{shd}"]
    header = ["network", "task", "implementation", "threads", "cold (first call)", "warm, median (min–max)",
              "gen4j / peer, warm", "gen4j / peer, cold", "method", "quality"]
    task = lambda r: (r.get("network", "child"), r["task"].replace("structure greedy", "structure hill-climb"))
    return side_by_side(rows, task, timing, header, quality)


def vae(folder):
    rows = load(folder, "vae")
    if not rows:
        return []
    timing = lambda r: (*timings(r, ("coldSecondsPerEpoch", "secondsPerEpoch", "minSecondsPerEpoch", "maxSecondsPerEpoch")), "%.3f", " s")
    header = ["workload", "implementation", "threads", "cold: first epoch", "warm: median (min–max), per epoch",
              "gen4j / peer, warm", "gen4j / peer, cold", "parameters", "warm-up epochs", "last-epoch mean loss (−ELBO)",
              "forward pass from shared parameters, max \\|Δ\\|"]
    extra = lambda r, ours: [str(r["parameters"]), str(r["warmupEpochs"]), f"{r['lastEpochTrainLoss']:.2f}",
                             forward_check(r, ours)]
    return side_by_side(rows, lambda r: (f"{r['workload']} ({r['rows']} rows)",), timing, header, extra)


def gan(folder):
    rows = load(folder, "gan")
    if not rows:
        return []
    timing = lambda r: (*timings(r, ("coldSecondsPerIteration", "secondsPerIteration", "minSecondsPerIteration",
                                     "maxSecondsPerIteration")), "%.4f", " s")
    header = ["workload", "implementation", "threads", "cold: first epoch, per iteration", "warm: median (min–max), per iteration",
              "gen4j / peer, warm", "gen4j / peer, cold", "parameters G / D", "warm-up epochs", "last-epoch mean D / G loss",
              "forward pass from shared parameters, max \\|Δ\\|"]
    extra = lambda r, ours: [f"{r['generatorParameters']} / {r['discriminatorParameters']}", str(r["warmupEpochs"]),
                             f"{r['lastEpochDiscriminatorLoss']:.3f} / {r['lastEpochGeneratorLoss']:.3f}",
                             forward_check(r, ours)]
    return side_by_side(rows, lambda r: (r["workload"],), timing, header, extra)


ROWS = {
    "gmm": ("GMM EM: N = 100,000, D = 16, K = 8, 50 iterations from shared initial parameters (`gmm/run.sh`)", gmm),
    "hmm": ("Gaussian HMM: 4 states, D = 8, full covariance, 200 sequences × 500 steps, 20 Baum–Welch iterations from "
            "shared initial parameters; forward and Viterbi over all sequences (`hmm/run.sh`)", hmm),
    "bn": ("Discrete Bayesian networks, child (20 variables) and alarm (37): 1,000 queries with their own target and "
           "evidence each; on child also the same 1,000 with three shared evidence variables, batched (labelled as "
           "such), and structure learning from 20,000 rows (`bn/run.sh`)", bn),
    "vae": ("MLP VAE, Bernoulli, Adam 1e-3, batch 128, from shared initial parameters (`vae/run.sh`)", vae),
    "gan": ("DCGAN on 28×28 MNIST, batch 64, from shared initial parameters (`gan/run.sh`)", gan),
}


def factor(ours, theirs):
    """'9.6× faster' or '1.06× slower', from gen4j's time and the peer's."""
    return f"{theirs / ours:.1f}× faster" if ours < theirs else f"{ours / theirs:.2f}× slower"


def pick(rows, **match):
    return next(r for r in rows if all(r.get(k) == v or (k == "impl" and impl(r).startswith(v)) for k, v in match.items()))


def headline(folder):
    """The README's paragraph of headline ratios, from the same files."""
    parts = []
    g = load(folder, "gmm")
    if g:
        def vs_sklearn(cov, key):
            return factor(pick(g, impl="gen4j", covariance=cov)[key], pick(g, impl="scikit-learn", covariance=cov)[key])
        parts.append(f"GMM EM {vs_sklearn('full', 'seconds')} than scikit-learn warm with full covariances "
                     f"({vs_sklearn('full', 'coldSeconds')} cold), {vs_sklearn('diag', 'seconds')} with diagonal ones "
                     f"({vs_sklearn('diag', 'coldSeconds')} cold)")
    h = load(folder, "hmm")
    if h:
        def vs_pomegranate(task, threads):
            return factor(pick(h, impl="gen4j", task=task, threads=threads)["seconds"],
                          pick(h, impl="pomegranate", task=task, threads=threads)["seconds"])
        parts.append(f"Baum–Welch {vs_pomegranate('baum-welch', 1)} than pomegranate warm on 1 thread and "
                     f"{vs_pomegranate('baum-welch', 2)} on 2, Viterbi {vs_pomegranate('viterbi', 1)} and "
                     f"{vs_pomegranate('viterbi', 2)}")
    b = load(folder, "bn")
    if b:
        net = "alarm" if any(r.get("network") == "alarm" for r in b) else "child"
        task = "queries, distinct evidence"
        q, pq = pick(b, impl="gen4j", task=task, network=net), pick(b, impl="pomegranate", task=task, network=net)
        s, ps = pick(b, impl="gen4j", task="structure hill-climb"), pick(b, impl="pomegranate", task="structure greedy")
        parts.append(f"1,000 queries on the {net} network, each with its own evidence, answered exactly in {q['seconds']:.2f} s "
                     f"where pomegranate's loopy belief propagation takes {pq['seconds']:.1f} s and is up to "
                     f"{pq['maxAbsErrorVsExact']:.2f} off; hill-climbing structure learning {factor(s['seconds'], ps['seconds'])} "
                     f"than pomegranate's greedy search")
    v = load(folder, "vae")
    if v:
        ours, torch = pick(v, implementation="gen4j", workload="mnist"), pick(v, impl="pytorch", workload="mnist")
        parts.append(f"an MNIST VAE epoch {factor(ours['secondsPerEpoch'], torch['secondsPerEpoch'])} than PyTorch's on the CPU "
                     f"warm ({factor(ours['coldSecondsPerEpoch'], torch['coldSecondsPerEpoch'])} in its first epoch)")
    n = load(folder, "gan")
    if n:
        ours, torch = pick(n, implementation="gen4j"), pick(n, impl="pytorch")
        parts.append(f"a DCGAN iteration {factor(ours['secondsPerIteration'], torch['secondsPerIteration'])} than PyTorch's warm "
                     f"({factor(ours['coldSecondsPerIteration'], torch['coldSecondsPerIteration'])} in its first epoch), "
                     f"both networks from the same initial parameters")
    date = os.path.basename(os.path.normpath(folder))
    return (f"Against the peers on this 2-core machine (`benchmarks/RESULTS.md`, measured {date} by "
            f"`benchmarks/run_all.sh`: both sides with the same data, starting parameters, threads and repeat policy; "
            f"cold = the first call in a fresh process): " + "; ".join(parts) + ".")


def tables(folder, only=None):
    out = []
    for row, (title, render) in ROWS.items():
        if only and row != only:
            continue
        lines = render(folder)
        if lines:
            out += [f"### {title}", "", f"Raw: `results/{os.path.basename(os.path.normpath(folder))}/{row}.jsonl`.", ""] + lines + [""]
    return "\n".join(out)


def replace_block(path, text):
    content = open(path).read()
    begin, end = "<!-- GENERATED by benchmarks/report.py: begin -->", "<!-- GENERATED by benchmarks/report.py: end -->"
    if begin not in content or end not in content:
        sys.exit(f"{path} has no generated block to replace")
    head, rest = content.split(begin, 1)
    tail = rest.split(end, 1)[1]
    with open(path, "w") as f:
        f.write(head + begin + "\n" + text.rstrip("\n") + "\n" + end + tail)


def main(args):
    only = args[args.index("--only") + 1] if "--only" in args else None
    folder = [a for a in args if not a.startswith("--") and a != only][-1]
    text = tables(folder, only)
    print(text)
    if "--write" in args:
        replace_block(os.path.join(ROOT, "benchmarks", "RESULTS.md"), text)
        replace_block(os.path.join(ROOT, "README.md"), textwrap.fill(headline(folder), 118, break_long_words=False))
        print(headline(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
