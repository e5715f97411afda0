"""Flag store at volume: the cost of one flag at 1k, 10k and 100k existing flags, and the memory
of `niceface flags export` of 100k flags.

    python bench/flags.py [--sizes 1000,10000,100000] [--flags 300] [--shard-size N ...]
        [--export 100000] [--folder DIR]

Existing flags are loaded in bulk (FlagStore.add_records: each shard appended to once), then
--flags single flags are timed through FlagStore.add, as a page or API call stores them (an
image's bytes go to files/, the record appended to the current shard and flushed to disk). The
export is measured in a fresh process (tracemalloc peak while writing the CSV to /dev/null)
at a tenth of the size and at the full size: flat means the two peaks are alike.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from niceface.storage.flags import SHARD_SIZE, Blob, FlagStore

PNG = (ROOT / "examples" / "images" / "digit_7.png").read_bytes()
INPUTS, OUTPUTS = ["picture", "note"], ["verdict", "shouted"]
VERDICT = {"label": "seven", "confidences": [{"label": "seven", "confidence": 0.91},
                                             {"label": "one", "confidence": 0.09}]}


def sample(store: FlagStore, n: int) -> dict[str, object]:
    """A record like the page's, without writing a picture (bulk filling)."""
    record = store.record([None, f"note {n}: looks like a seven"], [VERDICT, f"NOTE {n}"], option="wrong")
    record["inputs"]["picture"] = f"files/{n:032x}.png"
    return record


def fill(store: FlagStore, total: int) -> None:
    have = store.count()
    store.add_records(sample(store, n) for n in range(have, total))


def time_flags(store: FlagStore, flags: int) -> list[float]:
    times = []
    for n in range(flags):
        start = time.perf_counter()
        store.add([Blob(PNG, "image/png"), f"note {n}"], [VERDICT, f"NOTE {n}"], option="wrong")
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


EXPORT = """
import sys, tracemalloc, time
from niceface.storage.flags import FlagStore
store = FlagStore(sys.argv[1])
tracemalloc.start()
start = time.perf_counter()
with open("/dev/null", "w", newline="") as out:
    rows = store.export_csv(out)
seconds = time.perf_counter() - start
print(rows, tracemalloc.get_traced_memory()[1], seconds)
"""


def export_peak(folder: Path) -> tuple[int, float, float]:
    """Rows, tracemalloc peak (MB) and seconds of an export in a fresh process."""
    out = subprocess.run([sys.executable, "-c", EXPORT, str(folder)], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    return int(out[0]), int(out[1]) / 1e6, float(out[2])


def write_table(sizes: list[int], shard_sizes: list[int], flags: int, where: Path) -> None:
    print(f"\n### One flag (ms), {flags} flags timed at each size\n")
    print("| shard size | existing flags | p50 | p99 | max | mean |")
    print("|---:|---:|---:|---:|---:|---:|")
    for shard_size in shard_sizes:
        store = FlagStore(Path(tempfile.mkdtemp(dir=where)) / "flagged", INPUTS, OUTPUTS, shard_size=shard_size)
        for size in sizes:
            fill(store, size)
            times = time_flags(store, flags)
            print(f"| {shard_size} | {size:,} | {percentile(times, 0.5):.2f} | {percentile(times, 0.99):.2f} | "
                  f"{max(times):.2f} | {statistics.fmean(times):.2f} |", flush=True)


def export_table(total: int, where: Path) -> None:
    print(f"\n### Export to CSV (tracemalloc peak), shard size {SHARD_SIZE}\n")
    print("| flags | rows | peak memory | time |")
    print("|---:|---:|---:|---:|")
    for size in (total // 10, total):
        store = FlagStore(Path(tempfile.mkdtemp(dir=where)) / "flagged", INPUTS, OUTPUTS)
        fill(store, size)
        rows, peak, seconds = export_peak(store.directory)
        print(f"| {size:,} | {rows:,} | {peak:.1f} MB | {seconds:.1f} s |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--flags", type=int, default=300)
    parser.add_argument("--shard-size", type=int, nargs="*", default=[SHARD_SIZE])
    parser.add_argument("--export", type=int, default=100_000, help="flags to export (0: skip)")
    parser.add_argument("--folder", type=Path, default=ROOT, help="where the stores go (a disk, not tmpfs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=".bench-flags-", dir=args.folder) as where:
        write_table([int(size) for size in args.sizes.split(",")], args.shard_size, args.flags, Path(where))
        if args.export:
            export_table(args.export, Path(where))


if __name__ == "__main__":
    main()
