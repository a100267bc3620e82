"""Speed, start-up and memory figures for expansion_tracker (issue 5 targets in brackets).

Run from the project root: ``.venv/bin/python benchmarks/bench_parse.py [--profile] [--seconds S]``.

* throughput on the corpus mix (texts of ../shared/corpus/*.json and seeds/*.txt, repeated), one core [>= 1000/s],
  with warm word memos and with the memos cleared before each pass
* ``import expansion_tracker`` in a fresh interpreter [< 0.3 s], with a bytecode cache (as an
  installed package imports) and as run here (PYTHONDONTWRITEBYTECODE=1 here: compiled from source)
* the first ``parse_article`` call, language data and gazetteer included, fresh interpreter [< 1.5 s]
* peak memory with every language and the gazetteer loaded [< 300 MB]
* a 1 MB and a 2 MB article [< 2 s, growing linearly], and runs of hostile shapes at 5k and 10k chars
* ``parse_many`` with workers=2 against workers=1
* the CPU time per article of each stage of ``parse_article``, to show where the time goes

Without the shared corpus the seeds alone are used. ``--profile`` prints the slowest functions
of the throughput run (cProfile, cumulative time), to show which stage to optimize.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import expansion_tracker as et  # noqa: E402
from expansion_tracker.memo import clear_memos  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "seeds"


def corpus_texts() -> list[str]:
    """The development corpus texts and the seeds (just the seeds when the corpus is absent)."""
    texts = []
    for p in sorted(CORPUS.glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(data.get("text"), str):
            texts.append(data["text"])
    texts.extend(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    if not texts:
        raise SystemExit("no texts found: neither ../shared/corpus/*.json nor seeds/*.txt")
    return texts


def fresh(code: str, env: dict[str, str] | None = None) -> str:
    """Run ``code`` in a new interpreter (same venv, src on the path) and return its stdout."""
    prelude = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r})\n"
    out = subprocess.run([sys.executable, "-c", prelude + code], check=True, capture_output=True, text=True, env=env)
    return out.stdout.strip()


def best_of(n: int, code: str, env: dict[str, str] | None = None) -> float:
    return min(float(fresh(code, env)) for _ in range(n))


def bytecode_env(cache_dir: str) -> dict[str, str]:
    """The environment for a fresh interpreter that reads and writes its bytecode cache in
    ``cache_dir`` (outside the source tree), as an installed package imports."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache_dir
    return env


IMPORT_TIME = """
import time
t = time.perf_counter()
import expansion_tracker
print(time.perf_counter() - t)
"""

FIRST_PARSE = """
import time
t = time.perf_counter()
import expansion_tracker as et
et.parse_article("Acme Corp opened a new office in Berlin, Germany, on 4 March 2024, its CEO Jane Doe said.")
print(time.perf_counter() - t)
"""

PEAK_MEMORY = """
import resource, sys
import expansion_tracker as et
from expansion_tracker.languages import load_language, supported_languages
samples = {
    "en": "Acme Corp opened a new office in Berlin, Germany, its CEO Jane Doe said on Monday.",
    "de": "Die Acme GmbH eröffnet im März ein neues Büro in München, sagte Geschäftsführerin Anna Schmidt.",
    "fr": "La société Acme ouvre un nouveau bureau à Lyon en mars, a annoncé son directeur général.",
    "es": "La empresa Acme abrirá una nueva oficina en Madrid en marzo, según su consejero delegado.",
    "it": "La società Acme aprirà un nuovo ufficio a Milano a marzo, ha detto l'amministratore delegato.",
    "nl": "Het bedrijf Acme opent in maart een nieuw kantoor in Amsterdam, zei topman Jan de Vries.",
}
for code in supported_languages():
    load_language(code)
    et.parse_article(samples.get(code, samples["en"]), language=code)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024)
"""


def big_article(texts: list[str], size: int) -> str:
    """An article of about ``size`` characters made of the corpus texts one after another."""
    joined = "\n\n".join(texts)
    return (joined * (size // len(joined) + 1))[:size]


def throughput(texts: list[str], seconds: float, *, cold: bool = False) -> tuple[float, int]:
    """Articles per second over repeated passes of ``texts``; ``cold`` forgets every word memo
    before each pass, so each pass meets the texts as new articles (the repeated corpus otherwise
    flatters the memos: a real archive rarely repeats its names)."""
    for t in texts:  # the first call builds the language indexes
        et.parse_article(t)
    n = 0
    start = time.perf_counter()
    while True:
        if cold:
            clear_memos()
        for t in texts:
            et.parse_article(t)
        n += len(texts)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed, n


# the functions parse_article calls through expansion_tracker.parse's namespace, in the order it calls them
STAGES = (
    "prepare_document",
    "detect_language",
    "split_sentences",
    "publication_date_line",
    "find_places",
    "find_towns",
    "find_dates",
    "find_money",
    "find_organizations",
    "find_people",
    "subject_candidates",
    "choose_subject",
    "find_offices",
    "find_candidates",
    "decide_offices",
    "funding_candidates",
    "decide_funding",
)


def stage_costs(texts: list[str], rounds: int = 5) -> dict[str, float]:
    """CPU milliseconds per article spent in each stage ``parse_article`` calls, and the rest."""
    from expansion_tracker import parse as stages

    spent = dict.fromkeys(STAGES, 0.0)
    originals = {name: getattr(stages, name) for name in STAGES}

    def clocked(name: str) -> object:
        fn = originals[name]

        def run(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        return run

    for name in STAGES:
        setattr(stages, name, clocked(name))
    try:
        start = time.process_time()
        for _ in range(rounds):
            for t in texts:
                et.parse_article(t)
        total = time.process_time() - start
    finally:
        for name, fn in originals.items():
            setattr(stages, name, fn)
    n = rounds * len(texts)
    costs = {name: spent[name] / n * 1e3 for name in STAGES}
    costs["rest (models, glue)"] = (total - sum(spent.values())) / n * 1e3
    return costs


def timed(fn: object, *args: object, **kwargs: object) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3.0, help="duration of the throughput run (default 3)")
    ap.add_argument("--profile", action="store_true", help="print the slowest functions of the throughput run")
    ap.add_argument("--batch", type=int, default=2000, help="articles for the parse_many comparison (default 2000)")
    args = ap.parse_args()

    texts = corpus_texts()
    chars = sum(map(len, texts))
    print(f"corpus mix: {len(texts)} texts, mean {chars // len(texts)} chars")

    rate, n = throughput(texts, args.seconds)
    print(f"throughput, one core:          {rate:10.0f} articles/s  ({n} parsed)   [target >= 1000]")
    rate, n = throughput(texts, args.seconds, cold=True)
    print(f"  same, memos cleared per pass: {rate:9.0f} articles/s  ({n} parsed)")
    costs = stage_costs(texts)
    print(f"  CPU ms per article by stage (total {sum(costs.values()):.2f}):")
    for name, ms in sorted(costs.items(), key=lambda kv: -kv[1]):
        print(f"    {name:24} {ms:6.3f}")
    with tempfile.TemporaryDirectory() as cache:
        cached = bytecode_env(cache)
        fresh(IMPORT_TIME, cached)  # fills the cache
        cached_import = best_of(3, IMPORT_TIME, cached)
    print(f"import expansion_tracker:      {cached_import:10.3f} s  bytecode cached [target < 0.3]")
    note = "PYTHONDONTWRITEBYTECODE=1: compiled from source" if sys.dont_write_bytecode else "this environment"
    print(f"  same, as run here:           {best_of(3, IMPORT_TIME):10.3f} s  ({note})")
    print(f"first parse_article (fresh):   {best_of(3, FIRST_PARSE):10.3f} s  as run here      [target < 1.5]")
    print(f"peak memory, all languages:    {float(fresh(PEAK_MEMORY)):10.1f} MB                 [target < 300]")

    for size in (250_000, 500_000, 1_000_000, 2_000_000):
        article = big_article(texts, size)
        seconds = timed(et.parse_article, article)
        print(f"article of {size / 1e6:3.2f} MB:           {seconds:10.3f} s                  [target < 2 for 1 MB]")

    # Hostile shapes: time at n and 2n characters; a ratio near 2 is linear, near 4 quadratic.
    for shape in (".", "!", "1.", "O'", "Berlin, ", "$5 million ", "a", "<b>&amp;"):
        pair = []
        for n in (5_000, 10_000):
            pair.append(timed(et.parse_article, "Acme opened an office in " + shape * (n // len(shape)), language="en"))
        ratio = pair[1] / max(pair[0], 1e-6)
        print(f"run of {shape!r:14} 5k/10k chars: {pair[0]:7.3f} s {pair[1]:7.3f} s  ratio {ratio:4.1f}  [linear ~2]")

    batch = [texts[i % len(texts)] for i in range(args.batch)]
    for workers in (1, 2):
        seconds = timed(et.parse_many, batch, workers=workers)
        print(f"parse_many workers={workers}:          {len(batch) / seconds:10.0f} articles/s  ({len(batch)} texts)")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        throughput(texts, args.seconds)
        profiler.disable()
        print("\nslowest functions of the throughput run (cumulative):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"expansion_tracker", 25)
        print("\nslowest functions of the throughput run (own time):")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
