"""Benchmark of interpretation (SPEC §4): fn calls and median wall time per interpret().

    python bench/interpret.py [--runs N]

Targets: default on a 20-word text ≤ 2 ms, shap (num_shap=5) ≤ 6 ms, with a trivial fn.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import niceface as gr

TEXT = " ".join(f"word{i}" for i in range(20))


class Counted:
    """A fn wrapper that counts calls."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn, self.calls, self.__name__ = fn, 0, fn.__name__

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.fn(*args)


def length_label(text: str) -> dict[str, float]:
    share = min(len(text) / 200, 1.0)
    return {"long": share, "short": 1 - share}


def batched_length_label(texts: list[str]) -> list[list[dict[str, float]]]:
    return [[length_label(text) for text in texts]]


def slow_length_label(text: str) -> dict[str, float]:
    time.sleep(0.01)
    return length_label(text)


def measure(fn: Callable[..., Any], runs: int, **options: Any) -> tuple[int, float]:
    """(fn calls in one interpret(), median ms over ``runs`` interpret() calls after a warm-up)."""
    counted = Counted(fn)
    iface = gr.Interface(counted, "text", "label", **options)
    iface.interpret(TEXT)  # warm-up: imports (shap) and caches
    counted.calls = 0
    iface.interpret(TEXT)
    calls = counted.calls
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        iface.interpret(TEXT)
        times.append(1000 * (time.perf_counter() - started))
    return calls, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    runs = parser.parse_args().runs
    rows = [
        ("default, 20 words", *measure(length_label, runs, interpretation="default"), "≤ 2 ms"),
        ("shap num_shap=5, 20 words", *measure(length_label, runs, interpretation="shap", num_shap=5), "≤ 6 ms"),
        ("default, batch=True max_batch_size=32", *measure(batched_length_label, runs, interpretation="default",
                                                           batch=True, max_batch_size=32), "1 call"),
        ("shap num_shap=5, batch=True max_batch_size=32",
         *measure(batched_length_label, runs, interpretation="shap", num_shap=5, batch=True, max_batch_size=32), ""),
    ]
    slow_calls, slow_ms = measure(slow_length_label, 3, interpretation="default")
    rows.append(("default, fn sleeps 10 ms", slow_calls, slow_ms, f"≈ calls × 10 ms = {slow_calls * 10} ms"))
    print(f"{'case':48} {'fn calls':>9} {'median ms':>10}  target")
    for name, calls, ms, target in rows:
        print(f"{name:48} {calls:>9} {ms:>10.2f}  {target}")


if __name__ == "__main__":
    main()
