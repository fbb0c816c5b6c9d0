"""A BIF file read into pomegranate 0.14 (its own reader is not in Debian's build): the benchmarks' shared helper."""
import re

from pomegranate import BayesianNetwork, ConditionalProbabilityTable, DiscreteDistribution, State


def read_bif(path):
    text = open(path).read()
    states = {m.group(1): [s.strip() for s in m.group(2).split(",")]
              for m in re.finditer(r"variable\s+(\S+)\s*\{\s*type discrete \[ \d+ \] \{(.*?)\};", text, re.S)}
    tables = {}
    for m in re.finditer(r"probability \(\s*(\S+?)\s*(?:\|\s*(.*?))?\s*\)\s*\{(.*?)\}", text, re.S):
        child, parents, body = m.group(1), m.group(2), m.group(3)
        parents = [p.strip() for p in parents.split(",")] if parents else []
        rows = []
        for line in body.strip().split(";"):
            line = line.strip()
            if not line:
                continue
            if line.startswith("table"):
                rows.append(([], [float(v) for v in line[5:].split(",")]))
            else:
                cond, values = re.match(r"\((.*?)\)(.*)", line).groups()
                rows.append(([c.strip() for c in cond.split(",")], [float(v) for v in values.split(",")]))
        tables[child] = (parents, rows)
    return states, tables


def build(states, tables, name):
    order, dists = [], {}
    while len(order) < len(tables):
        for child, (parents, rows) in tables.items():
            if child in dists or any(p not in dists for p in parents):
                continue
            if not parents:
                dists[child] = DiscreteDistribution(dict(zip(states[child], rows[0][1])))
            else:
                table = [cond + [s, p] for cond, values in rows for s, p in zip(states[child], values)]
                dists[child] = ConditionalProbabilityTable(table, [dists[p] for p in parents])
            order.append(child)
    model = BayesianNetwork(name)
    nodes = {name: State(dists[name], name=name) for name in order}
    model.add_states(*[nodes[n] for n in order])
    for child, (parents, _) in tables.items():
        for p in parents:
            model.add_edge(nodes[p], nodes[child])
    model.bake()
    return model, order
