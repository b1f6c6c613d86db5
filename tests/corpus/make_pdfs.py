"""Makes the PDF corpus in tests/corpus/pdf/ (run once; the PDFs are committed).

For each of the five published samples (tests/samples, the text and tables as the
text importer reads them) a draft is saved with a different non-zero number in every
input cell, then printed to PDF twice:
- NNN-app.pdf: by the project's own exporter (app.export.render_pdf, reportlab);
- NNN-lo.pdf: the project's DOCX export converted by LibreOffice (soffice --headless);
and one more made to look like a report typed in WPS or Word:
- wps-split.pdf: sample 003's DOCX with a running header, 第X页 共Y页 page numbers, the
  title on two lines, thick and double table borders, wide cell padding, rows allowed to
  break across pages and the tables starting mid-page, so that the big table is split by a
  page break with its heading rows repeated on the new page.
- wps-rows.pdf: sample 004 the same way, but with Word's default of no heading rows
  repeated: rows, labels and numbers wrapped in narrow cells break over the page;
- no-sides.pdf: sample 000's DOCX with its tables' outer left and right borders removed
  (the way many official documents print them), converted by LibreOffice.
The draft each PDF was made from is saved beside it (NNN.nianbao, wps-split.nianbao,
wps-rows.nianbao, no-sides.nianbao): the
tests compare the imported cells with it. Fonts are subset by both producers.

    .venv/bin/python tests/corpus/make_pdfs.py      # needs soffice
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from app.draft import save_draft
from app.export import render_docx, render_pdf
from app.formats import MONEY
from app.importer import import_file
from app.report import Report
from tests.conftest import SAMPLES

OUT = HERE / "pdf"


def corpus_report(sample: Path, seed: int) -> Report:
    """The sample's text as imported, every input cell a different non-zero number."""
    report = import_file(sample).report
    rng = random.Random(seed)
    for key in report.format.input_keys:
        if report.format.cells[key].kind == MONEY:
            report.set_value(key, Decimal(rng.randint(101, 9999)) / 100)
        else:
            report.set_value(key, rng.randint(1, 60))  # the exporter's narrow columns hold two digits
    report.meta.title = None  # the standard title: a free title is a slip of its own
    report.meta.report_date = report.meta.report_date or dt.date(report.meta.year + 1, 1, 15)
    return report


def libreoffice_pdf(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), out)


def wps_like(docx_in: Path, docx_out: Path, organ: str, repeat_headings: bool = True) -> None:
    """The exporter's DOCX turned into what a clerk's own WPS/Word document often is
    (without repeat_headings, as Word's default: no heading rows repeated on a new page)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document(str(docx_in))
    body = document.element.body
    # Title on two lines: the organ, then the rest.
    title = document.paragraphs[0]
    text = title.text
    for run in title.runs[1:]:
        run._r.getparent().remove(run._r)
    title.runs[0].text = organ
    title.runs[0].add_break(WD_BREAK.LINE)
    title.add_run(text[len(organ) :]).font.bold = title.runs[0].font.bold
    # No page starts of its own: the tables follow the text and break where the page ends.
    for p in body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            for tag in ("w:pageBreakBefore", "w:keepNext", "w:keepLines"):
                for el in ppr.findall(qn(tag)):
                    ppr.remove(el)
        for br in p.iter(qn("w:br")):
            if br.get(qn("w:type")) == "page":
                br.getparent().remove(br)
    for number, tbl in enumerate(body.iter(qn("w:tbl"))):
        for tr_pr in tbl.iter(qn("w:trPr")):
            for el in tr_pr.findall(qn("w:cantSplit")) + ([] if repeat_headings else tr_pr.findall(qn("w:tblHeader"))):
                tr_pr.remove(el)
        tbl_pr = tbl.find(qn("w:tblPr"))
        borders = tbl_pr.find(qn("w:tblBorders"))
        if borders is None:
            borders = OxmlElement("w:tblBorders")
            tbl_pr.append(borders)
        for edge in ("top", "left", "bottom", "right"):
            el = borders.find(qn(f"w:{edge}"))
            if el is None:
                el = OxmlElement(f"w:{edge}")
                borders.append(el)
            el.set(qn("w:val"), "double" if number == 0 else "single")
            el.set(qn("w:sz"), "6" if number == 0 else "18")  # eighths of a point: double, 2.25 pt
            el.set(qn("w:color"), "000000")
        margins = tbl_pr.find(qn("w:tblCellMar"))
        if margins is not None:
            for el in margins:
                if el.tag in (qn("w:left"), qn("w:right")):
                    el.set(qn("w:w"), "160")  # 8 pt each side
    section = document.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    para.text = f"{organ}政务公开"
    para.alignment = 2
    footer = section.footer
    footer.is_linked_to_previous = False
    for p in list(footer.paragraphs):
        p._p.getparent().remove(p._p)
    para = footer.add_paragraph()
    para.alignment = 1

    def field(code: str) -> None:
        for kind in ("begin", "instr", "separate", "text", "end"):
            run = para.add_run()
            run.font.size = Pt(10.5)
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {code} "
                run._r.append(instr)
            elif kind == "text":
                run.text = "1"
            else:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)

    para.add_run("第 ").font.size = Pt(10.5)
    field("PAGE")
    para.add_run(" 页 共 ").font.size = Pt(10.5)
    field("NUMPAGES")
    para.add_run(" 页").font.size = Pt(10.5)
    document.save(str(docx_out))


def without_sides(docx_in: Path, docx_out: Path) -> None:
    """The tables' outer left and right borders taken away."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(docx_in))
    for tbl in document.element.body.iter(qn("w:tbl")):
        borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
        for edge in ("left", "right"):
            el = borders.find(qn(f"w:{edge}"))
            if el is not None:
                el.set(qn("w:val"), "nil")
    document.save(str(docx_out))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLES.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for seed, sample in enumerate(samples, 1):
            name = sample.name[:3]
            report = corpus_report(sample, seed)
            save_draft(report, OUT / f"{name}.nianbao")
            render_pdf(report, OUT / f"{name}-app.pdf")
            docx_path = Path(tmp) / f"{name}.docx"
            render_docx(report, docx_path)
            libreoffice_pdf(docx_path, OUT / f"{name}-lo.pdf")
            if name == "000":
                save_draft(report, OUT / "no-sides.nianbao")
                bare = Path(tmp) / "no-sides.docx"
                without_sides(docx_path, bare)
                libreoffice_pdf(bare, OUT / "no-sides.pdf")
            if name == "004":
                save_draft(report, OUT / "wps-rows.nianbao")
                rows_path = Path(tmp) / "wps-rows.docx"
                wps_like(docx_path, rows_path, report.meta.organ, repeat_headings=False)
                libreoffice_pdf(rows_path, OUT / "wps-rows.pdf")
            if name == "003":
                save_draft(report, OUT / "wps-split.nianbao")
                wps_path = Path(tmp) / "wps-split.docx"
                wps_like(docx_path, wps_path, report.meta.organ)
                libreoffice_pdf(wps_path, OUT / "wps-split.pdf")
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
