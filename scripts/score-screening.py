#!/usr/bin/env python3
"""Scores `netra scan` against labelled posts: partisan precision/recall/F1, election+pair accuracy on
true positives, signal micro-F1; lists disagreements with -v."""
import json
import subprocess
import sys

netra, region, posts = sys.argv[1:4]
verbose = "-v" in sys.argv
labels = {}
for line in open(posts, encoding="utf-8"):
    if line.strip():
        item = json.loads(line)
        labels[item["id"]] = item
out = subprocess.run([netra, "scan", "--region", region, "--jsonl", posts, "--json"], capture_output=True, text=True, check=True).stdout
tp = fp = fn = pair_ok = stp = sfp = sfn = 0
for line in out.splitlines():
    got = json.loads(line)
    want = labels[got["id"]]["label"]
    if got["partisan"] and want["partisan"]:
        tp += 1
        pair_ok += (got["election"], got["pair"]) == (want["election"], want["pair"])
    elif got["partisan"]:
        fp += 1
    elif want["partisan"]:
        fn += 1
    g, w = set(got["signals"]), set(want["signals"])
    stp += len(g & w); sfp += len(g - w); sfn += len(w - g)
    if verbose and (got["partisan"] != want["partisan"] or (got["election"], got["pair"]) != (want["election"], want["pair"]) or g != w):
        item = labels[got["id"]]
        print(f"{got['id']} {item.get('kind')} want {want['partisan']} {want['election']} {want['pair']} {sorted(w)}")
        print(f"      got  {got['partisan']} {got['election']} {got['pair']} {sorted(g)} :: {item.get('text','')[:90]} || {(item.get('target') or {}).get('text','')[:60]}")
p = tp / (tp + fp) if tp + fp else 0
r = tp / (tp + fn) if tp + fn else 0
f = 2 * p * r / (p + r) if p + r else 0
sf = 2 * stp / (2 * stp + sfp + sfn) if stp else 0
print(f"partisan P {p:.3f} R {r:.3f} F1 {f:.3f}; election+pair on true positives {pair_ok}/{tp}; signal micro-F1 {sf:.3f}")
