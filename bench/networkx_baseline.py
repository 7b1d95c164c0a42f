"""Baseline (b): crude Monte Carlo as a user would write it with networkx, for `npm run bench` (bench/run.ts).

Reads a model exported by bench/run.ts (JSON: nodes, links, risk groups, services, and a list of service
subsets to time), and for each subset samples scenarios for about `budgetSeconds`: one random() per element,
group event and member; a copy of the MultiGraph without the failed nodes and links (6x faster to traverse
than nx.restricted_view on the default model); then either one node_connected_component search (a single
two-terminal or k-terminal service) or, when more searches would be needed, one connected_components labelling
shared by all services (1.6-2.3x faster than a search per service and `from` node). Connected: every terminal
up and in one component; reach: each `from` node up and with at least k up `to` nodes in its component.
Prints one JSON object with scenarios per second per subset, timed like the TypeScript side: the best ~0.15 s
chunk, with the median chunk and the overall rate. The sampled stream is Python's random, not the engine's.

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
    link_count = len(model["links"])
    down = set()
    for element, p in enumerate(model["elementFailureProbability"]):
        if rng.random() < p:
            down.add(element)
    for group in model["groups"]:
        occurred = rng.random() < group["eventProbability"]
        for element, p in zip(group["members"], group["memberFailureProbability"]):
            if rng.random() < p and occurred:
                down.add(element)
    # Layers: a logical link is down when its working route is cut and its protection route (if any) is cut;
    # carrier-only links (after the service graph's) are not graph edges.
    for layer in model["layers"]:
        if any(e in down for e in layer["working"]) and (
            not layer["protection"] or any(e in down for e in layer["protection"])
        ):
            down.add(node_count + layer["link"])
    failed_nodes = [e for e in down if e < node_count]
    failed_links = [e - node_count for e in down if node_count <= e < node_count + link_count]
    return failed_nodes, failed_links


def searches_needed(services):
    return sum(1 if s["kind"] == "connected" else len(s["from"]) for s in services)


def is_up_labelled(label, service):
    if service["kind"] == "connected":
        terminals = service["terminals"]
        if any(t not in label for t in terminals):
            return False
        first = label[terminals[0]]
        return all(label[t] == first for t in terminals)
    for f in service["from"]:
        if f not in label:
            return False
        if sum(1 for t in service["to"] if t in label and label[t] == label[f]) < service["k"]:
            return False
    return True


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


def run_subset(model, graph, services, budget_seconds, chunk_seconds, seed):
    """Times like bench/run.ts: rates of ~chunk_seconds chunks; reports the best chunk, the median and overall."""
    rng = random.Random(seed)
    links = model["links"]
    down = [0] * len(services)
    scenarios = 0
    rates = []
    started = time.perf_counter()
    chunk_start = started
    chunk_scenarios = 0
    label_once = searches_needed(services) > 1
    while True:
        for _ in range(4):
            failed_nodes, failed_links = sample_failures(model, rng)
            view = graph.copy()
            view.remove_nodes_from(failed_nodes)
            view.remove_edges_from([(links[j][0], links[j][1], j) for j in failed_links])
            if label_once:
                label = {}
                for index, component in enumerate(nx.connected_components(view)):
                    for node in component:
                        label[node] = index
                for s, service in enumerate(services):
                    if not is_up_labelled(label, service):
                        down[s] += 1
            else:
                failed = set(failed_nodes)
                for s, service in enumerate(services):
                    if not is_up(view, service, failed):
                        down[s] += 1
            scenarios += 1
            chunk_scenarios += 1
        now = time.perf_counter()
        if now - chunk_start >= chunk_seconds:
            rates.append(chunk_scenarios / (now - chunk_start))
            chunk_start = now
            chunk_scenarios = 0
        elapsed = now - started
        if elapsed >= budget_seconds:
            if not rates:
                rates.append(scenarios / elapsed)
            rates.sort()
            return {
                "scenarios": scenarios,
                "seconds": elapsed,
                "scenariosPerSecond": rates[-1],
                "medianScenariosPerSecond": rates[len(rates) // 2],
                "overallScenariosPerSecond": scenarios / elapsed,
                "chunks": len(rates),
                "unavailability": [d / scenarios for d in down],
            }


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        model = json.load(handle)
    graph = build_graph(model)
    results = {}
    for subset in model["subsets"]:
        services = [model["services"][i] for i in subset["services"]]
        results[subset["name"]] = run_subset(
            model, graph, services, model["budgetSeconds"], model["chunkSeconds"], model["seed"]
        )
    print(json.dumps({"networkx": nx.__version__, "python": sys.version.split()[0], "subsets": results}))


if __name__ == "__main__":
    main()
