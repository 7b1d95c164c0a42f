"""Baseline (b): crude Monte Carlo as a user would write it with networkx, for `npm run bench` (bench/run.ts).

Reads a model exported by bench/run.ts (JSON: nodes, links, risk groups, services, and a list of service
subsets to time), and for each subset samples scenarios for about `budgetSeconds`: one random() per element,
group event and member, a restricted view of the graph without the failed nodes and links, then for each
service node_connected_component (connected: all terminals in the first terminal's component; reach: each
`from` node reaches at least k up `to` nodes). Prints one JSON object with scenarios per second per subset.

Usage: python3 bench/networkx_baseline.py model.json
"""

import json
import random
import sys
import time

import networkx as nx


def build_graph(model):
    graph = nx.MultiGraph()
    graph.add_nodes_from(range(model["nodeCount"]))
    for index, (a, b) in enumerate(model["links"]):
        graph.add_edge(a, b, key=index)
    return graph


def sample_failures(model, rng):
    node_count = model["nodeCount"]
    failed_nodes = []
    failed_links = []
    for element, p in enumerate(model["elementFailureProbability"]):
        if rng.random() < p:
            if element < node_count:
                failed_nodes.append(element)
            else:
                failed_links.append(element - node_count)
    for group in model["groups"]:
        occurred = rng.random() < group["eventProbability"]
        for element, p in zip(group["members"], group["memberFailureProbability"]):
            if rng.random() < p and occurred:
                if element < node_count:
                    failed_nodes.append(element)
                else:
                    failed_links.append(element - node_count)
    return failed_nodes, failed_links


def is_up(view, service, failed):
    if service["kind"] == "connected":
        terminals = service["terminals"]
        if any(t in failed for t in terminals):
            return False
        component = nx.node_connected_component(view, terminals[0])
        return all(t in component for t in terminals)
    for f in service["from"]:
        if f in failed:
            return False
        component = nx.node_connected_component(view, f)
        if sum(1 for t in service["to"] if t in component) < service["k"]:
            return False
    return True


def run_subset(model, graph, services, budget_seconds, seed):
    rng = random.Random(seed)
    links = model["links"]
    down = [0] * len(services)
    scenarios = 0
    started = time.perf_counter()
    while True:
        for _ in range(16):
            failed_nodes, failed_links = sample_failures(model, rng)
            view = nx.restricted_view(
                graph, failed_nodes, [(links[j][0], links[j][1], j) for j in failed_links]
            )
            failed = set(failed_nodes)
            for s, service in enumerate(services):
                if not is_up(view, service, failed):
                    down[s] += 1
            scenarios += 1
        elapsed = time.perf_counter() - started
        if elapsed >= budget_seconds:
            return {
                "scenarios": scenarios,
                "seconds": elapsed,
                "scenariosPerSecond": scenarios / elapsed,
                "unavailability": [d / scenarios for d in down],
            }


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        model = json.load(handle)
    graph = build_graph(model)
    results = {}
    for subset in model["subsets"]:
        services = [model["services"][i] for i in subset["services"]]
        results[subset["name"]] = run_subset(model, graph, services, model["budgetSeconds"], model["seed"])
    print(json.dumps({"networkx": nx.__version__, "python": sys.version.split()[0], "subsets": results}))


if __name__ == "__main__":
    main()
