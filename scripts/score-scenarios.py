#!/usr/bin/env python3
"""Scores `netra rules check --jsonl` output against labelled scenarios: verdict accuracy and
behaviour micro-F1, and lists every disagreement."""
import json
import subprocess
import sys

netra, scenarios = sys.argv[1], sys.argv[2]
expected = {}
for line in open(scenarios, encoding="utf-8"):
    if line.strip():
        item = json.loads(line)
        expected[item["id"]] = item
out = subprocess.run([netra, "rules", "check", "--jsonl", scenarios], capture_output=True, text=True, check=True).stdout
tp = fp = fn = correct = 0
for line in out.splitlines():
    got = json.loads(line)
    want = expected[got["id"]]["expected"]
    correct += got["verdict"] == want["verdict"]
    g, w = set(got["behaviours"]), set(want["behaviours"])
    tp += len(g & w); fp += len(g - w); fn += len(w - g)
    if got["verdict"] != want["verdict"] or g != w:
        print(f"{got['id']} {expected[got['id']]['date']} want {want['verdict']} {sorted(w)} got {got['verdict']} {sorted(g)}")
        print("   ", expected[got["id"]]["text"][:200])
precision = tp / (tp + fp) if tp + fp else 1.0
recall = tp / (tp + fn) if tp + fn else 1.0
f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
print(f"verdict accuracy {correct / len(expected):.3f}  behaviour P {precision:.3f} R {recall:.3f} micro-F1 {f1:.3f}")
