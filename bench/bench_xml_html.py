"""Legacy XML → record vs `lxml.etree.fromstring` alone; HTML page → record vs the text-page parse and vs
`lxml.html` parse + text-page parse. Every figure is measured in the same run, over the corpus (or `samples/`).

    /work/venv/bin/python bench/bench_xml_html.py [--repeat 5] [--limit N] [--only xml|html]

Targets: XML ≤ 2× fromstring; HTML → record ≤ 1.5× the text-page parse. The HTML part prints, per markup
style, (a) the `lxml.html` parse alone, (b) `parse_page` of the page text the HTML was rendered from, (c) HTML →
record as `trialparse.parse` reads it (`parse_html_page`: `html_to_text` + `parse_page`), and the ratios
(c)/(b) and (c)/((a)+(b)): the second is what the HTML conversion costs over the parse and text parse no HTML
reader avoids. (d) runs (a) and (b) one page after the other, with no conversion: its ratio to (a)+(b) is what
alternating libxml2 with the text parser costs by itself (shown for context; the target is against (a)+(b)).
Times are process CPU time (`time.process_time`), best of interleaved repeats: the machine is shared, wall time
swings with its load.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import lxml.html
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from _timing import best, report, run_all  # noqa: E402  (bench/ is on sys.path when a script runs)
from html_render import render  # type: ignore[import-not-found]  # noqa: E402

from trialparse._page import parse_page  # noqa: E402
from trialparse._parse import parse_html_page  # noqa: E402
from trialparse._readers.ctgov_xml import read_xml  # noqa: E402
from trialparse._readers.html import html_to_text  # noqa: E402


def corpus() -> Path:
    env = os.environ.get("TRIALPARSE_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if path.is_dir() else ROOT / "samples"


def bench_xml(base: Path, repeat: int, limit: int | None) -> None:
    files = sorted((base / "ctgov-xml").glob("*.xml")) or sorted((base / "xml").glob("*.xml"))
    data = [f.read_bytes() for f in files[:limit]]
    if not data:
        print("XML: no files")
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    for item in data:  # warm up, as the JSON bench does: imports, regex, enum and normalizer caches
        read_xml(item)
    floor, full = best([run_all(data, lambda d: etree.fromstring(d, parser)), run_all(data, read_xml)], repeat)
    print(f"XML: {len(data)} files, {sum(map(len, data)) / 1e6:.1f} MB")
    report("lxml.etree.fromstring alone", floor, floor, len(data))
    report("read_xml (→ Trial)", full, floor, len(data), 2.0)


def bench_html(base: Path, repeat: int, limit: int | None) -> None:
    pages = sorted((base / "pages").glob("*.txt"))[:limit]
    texts = [p.read_text(encoding="utf-8") for p in pages]
    if not texts:
        print("HTML: no pages")
        return
    for text in texts:  # warm up: imports, regex and normalizer caches, the stylesheet
        parse_html_page(render(text, "plain"))
    for style in ("plain", "div"):
        htmls = [render(t, style) for t in texts]
        pairs = list(zip(htmls, texts, strict=True))
        tree, text_parse, to_text, full, together = best([
            run_all(htmls, lxml.html.document_fromstring),
            run_all(texts, parse_page),
            run_all(htmls, html_to_text),
            run_all(htmls, parse_html_page),
            run_all(pairs, lambda p: (lxml.html.document_fromstring(p[0]), parse_page(p[1]))),
        ], repeat)
        n = len(htmls)
        print(f"HTML ({style} markup): {n} pages, {sum(map(len, htmls)) / 1e6:.1f} MB")
        report("(a) lxml.html.document_fromstring alone", tree, text_parse, n)
        report("(b) text page → Trial (parse_page)", text_parse, text_parse, n)
        report("    html_to_text alone", to_text, text_parse, n)
        report("(c) HTML → Trial, vs (b)", full, text_parse, n, 1.5)
        report("(c) HTML → Trial, vs (a)+(b)", full, tree + text_parse, n, 1.5)
        print(f"  {'conversion: (c) − (a) − (b)':<44} {(full - tree - text_parse) / n * 1e6:9.1f} µs/record")
        # (a) then (b) page by page, no conversion: what running libxml2 between text parses costs by itself
        report("(d) (a) and (b) page by page", together, tree + text_parse, n)
        report("(c) HTML → Trial, vs (d)", full, together, n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", choices=("xml", "html"), default=None, help="run one of the two benchmarks")
    args = ap.parse_args(argv)
    base = corpus()
    print(f"corpus: {base}")
    if args.only != "html":
        bench_xml(base, args.repeat, args.limit)
    if args.only != "xml":
        bench_html(base, args.repeat, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
