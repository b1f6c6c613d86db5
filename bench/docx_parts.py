"""Compare the DOCX export part by part against saved output (a dev check for the DOCX writer).

    python -m bench.docx_parts save DIR      # write the current exports of the reports below
    python -m bench.docx_parts compare DIR   # export again and compare every part (C14N XML)

Reports: both formats, the five samples as imported, a long report, county-sized numbers
(section four's table set smaller), 150 sub-sections and hostile text. The export date is
fixed; nothing else of the output may depend on when or where it runs (except the fonts
installed, so save and compare on one machine). Prints the parts that differ, with the
first differing lines, and exits 1 when any does.

Ignored: rsid attributes (revision-session ids, the template's) and w:cstheme — exports
made with python-docx (before 2026-12) kept the template's w:cstheme="minorBidi" in the
default run fonts, which its theme-attribute filter ("…Theme") missed; the direct writer
leaves it out, as was meant, so the default complex-script font is the one named in w:cs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.report import Report, Subsection  # noqa: E402

CREATED = dt.datetime(2024, 1, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def reports() -> dict[str, Report]:
    from app.importer.core import import_file
    from tests.conftest import SAMPLES
    from tests.export_reports import county_report, hostile_report, report_2019, report_2021

    out = {"r2021": report_2021(), "r2019": report_2019(), "hostile": hostile_report()}
    for sample in sorted(SAMPLES.glob("*.txt")):
        out[f"sample{sample.name[:3]}"] = import_file(sample).report
    long = report_2021()
    long.s1 = [Subsection(s.title, "\n".join([s.body] * 10)) for s in long.s1]
    long.s5 = "\n".join([long.s5] * 10)
    out["long"] = long
    out["county2021"] = county_report(report_2021)
    out["county2019"] = county_report(report_2019)
    many = report_2021()
    many.s1 = [Subsection(f"工作事项{i}", f"第{i}项工作的情况。") for i in range(1, 151)]
    out["many"] = many
    return out


def export(report: Report) -> bytes:
    from app.export.docx_render import docx_bytes
    from app.layout import build_layout

    return docx_bytes(build_layout(report), CREATED)[0]


def canonical(data: bytes) -> list[str]:
    """C14N of an XML part, one element per line (so a diff points at the element)."""
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(data, parser)
    for el in root.iter():  # revision-session ids: the template's, meaningless in a generated file
        for name in [a for a in el.attrib if etree.QName(a).localname.startswith(("rsid", "cstheme"))]:
            del el.attrib[name]
    text = etree.tostring(root, method="c14n").decode()
    return text.replace("><", ">\n<").splitlines()


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def compare(old: bytes, new: bytes, label: str) -> bool:
    a, b = parts(old), parts(new)
    same = True
    for name in sorted(set(a) | set(b)):
        if name not in b or name not in a:
            print(f"{label}: {name} only in {'old' if name in a else 'new'}")
            same = False
            continue
        if not name.endswith((".xml", ".rels")):
            if a[name] != b[name]:
                print(f"{label}: {name} differs (binary)")
                same = False
            continue
        ca, cb = canonical(a[name]), canonical(b[name])
        if ca != cb:
            same = False
            diff = list(difflib.unified_diff(ca, cb, "old", "new", n=0, lineterm=""))
            print(f"{label}: {name} differs ({len(diff)} diff lines)")
            for line in diff[:12]:
                print("   ", line[:200])
    return same


def main() -> int:
    command, folder = sys.argv[1], Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    ok = True
    for label, report in reports().items():
        data = export(report)
        if command == "save":
            (folder / f"{label}.docx").write_bytes(data)
        else:
            ok = compare((folder / f"{label}.docx").read_bytes(), data, label) and ok
    print("all parts equal" if ok else "DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
