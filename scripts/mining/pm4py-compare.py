#!/usr/bin/env python3
"""Loads an XES exported by `GET /v1/mining/{process}/event-log?format=xes` in PM4Py and compares PM4Py's
directly-follows graph (discover_dfg, discover_performance_dfg on the complete events) with the API's `/dfg` answer.

Usage: pm4py-compare.py <log.xes> <dfg.json>. Prints {"matches": bool, "differences": [...]} and exits 0 either way
(the caller decides); exits 2 when the inputs cannot be read.
"""
import json
import math
import sys

import pm4py


def main(xes_path, dfg_path):
    with open(dfg_path, encoding="utf-8") as handle:
        ordo = json.load(handle)
    log = pm4py.read_xes(xes_path)
    complete = log[log["lifecycle:transition"] == "complete"]
    dfg, starts, ends = pm4py.discover_dfg(complete)
    performance, _, _ = pm4py.discover_performance_dfg(complete)
    variants = pm4py.get_variants(complete)

    differences = []

    def compare(what, theirs, ours):
        if theirs != ours:
            differences.append({"what": what, "pm4py": theirs, "ordo": ours})

    compare("edges", {f"{a} -> {b}": n for (a, b), n in dfg.items()},
            {f"{e['from']} -> {e['to']}": e["count"] for e in ordo["edges"]})
    compare("startActivities", dict(starts), {a["name"]: a["count"] for a in ordo["startActivities"]})
    compare("endActivities", dict(ends), {a["name"]: a["count"] for a in ordo["endActivities"]})
    activity_counts = complete["concept:name"].value_counts().to_dict()
    compare("activities", {k: int(v) for k, v in activity_counts.items()},
            {a["name"]: a["count"] for a in ordo["activities"]})
    compare("variants",
            {",".join(k): (v if isinstance(v, int) else len(v)) for k, v in variants.items()},
            {",".join(v["activities"]): v["count"] for v in ordo["variants"]})
    for edge in ordo["edges"]:
        stats = performance.get((edge["from"], edge["to"]))
        if stats is None:
            continue
        for measure in ("mean", "median"):
            if not math.isclose(stats[measure], edge["duration"][measure], rel_tol=1e-6, abs_tol=1e-3):
                differences.append({"what": f"duration.{measure} {edge['from']} -> {edge['to']}",
                                    "pm4py": stats[measure], "ordo": edge["duration"][measure]})

    print(json.dumps({"matches": not differences, "differences": differences,
                      "cases": int(complete["case:concept:name"].nunique()), "events": int(len(complete))}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
