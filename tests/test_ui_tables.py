"""The number tables of sections 二三四: grid structure, keyboard entry, IME, flags, paste.

Model data is read with model.data(index, role), a plain Python call: in PySide6 6.12
reading an invalid QVariant back through C++ (index.data(role) returning None) drops a
reference to None each time and ends in "none_dealloc" at exit.

Real widgets, offscreen. Non-ASCII text goes through QInputMethodEvent only: keyClicks
with non-ASCII text aborts the process.
"""

from decimal import Decimal

import pytest

from app.report import new_report
from tests.ui_support import PaintLog
from ui.cell_editor import EDITING_BASE, CellEditor
from ui.document import ReportDocument
from ui.qt import QApplication, QInputMethodEvent, Qt, QtCore, QtGui, QtWidgets
from ui.table_layout import CORNER, HEADER, LABEL, TITLE, VALUE
from ui.table_model import ERROR_BACKGROUND, KEY_ROLE, KIND_ROLE, TOTAL_BACKGROUND, SectionTableModel
from ui.tables import SectionTables

SECTIONS = ("s2", "s3", "s4")


def make_document(template: str = "2021") -> ReportDocument:
    year = 2024 if template == "2021" else 2020
    return ReportDocument(new_report("甘坊镇人民政府", year, template=template))


@pytest.fixture
def document():
    return make_document()


def tables_for(qtbot, document, section_key):
    widget = SectionTables(document, document.report.format.section(section_key))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def grid_texts(model):
    return {
        model.data(model.index(r, c))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.data(model.index(r, c), KIND_ROLE) in (TITLE, CORNER, HEADER, LABEL)
    }


def select(view, key):
    index = view.model().index_for_key(key)
    view.setCurrentIndex(index)
    return index


def type_into(qtbot, view, key, text, finish=Qt.Key.Key_Return):
    """Type ASCII text on a selected (not editing) cell, as a clerk would."""
    select(view, key)
    qtbot.keyClick(view, text[0])
    editor = view.delegate.editor
    assert editor is not None, "typing on a cell must open its editor"
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    if finish is not None:
        qtbot.keyClick(editor, finish)
    return editor


# ---- model without a window ---------------------------------------------------------


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("section_key", SECTIONS)
def test_every_label_of_the_format_is_in_the_grid(qapp, template, section_key):
    document = make_document(template)
    section = document.report.format.section(section_key)
    model = SectionTableModel(document, section)
    texts = grid_texts(model)
    expected = set()
    for table in section.tables:
        expected.update(part for column in table.columns for part in column.label)
        expected.update(part for row in table.rows for part in row.label)
        expected.update(t for t in (table.title, table.corner) if t)
    assert expected and expected <= texts
    value_keys = {model.key(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())}
    assert value_keys - {None} == {k for k in document.report.format.cells if k.startswith(section_key + ".")}


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("section_key", SECTIONS)
def test_model_passes_qtmodeltester(qapp, qtmodeltester, template, section_key):
    document = make_document(template)
    model = SectionTableModel(document, document.report.format.section(section_key))
    qtmodeltester.check(model)  # the C++ QAbstractItemModelTester


def test_section_three_grid_matches_the_official_table(document):
    table = document.report.format.table("s3")
    model = SectionTableModel(document, document.report.format.section("s3"))
    grid = model.grid
    assert (grid.label_columns, grid.columns) == (3, 3 + len(table.columns))
    assert model.rowCount() == table.header_depth + len(table.rows)
    corner = grid.at(0, 0)
    assert (corner.text, corner.row_span, corner.column_span) == (table.corner, 3, 3)
    applicant = grid.at(0, 3)
    assert (applicant.text, applicant.column_span) == ("申请人情况", len(table.columns))
    natural = grid.at(1, 3)  # a header path shorter than the rest spans downwards
    assert (natural.text, natural.row_span) == ("自然人", 2)
    first = grid.at(3, 0)  # a row path shorter than the rest spans rightwards
    assert (first.text, first.column_span) == (table.rows[0].label[0], 3)
    results = [r for r in table.rows if r.label[0] == "三、本年度办理结果"]
    merged = grid.at(5, 0)
    assert (merged.text, merged.row_span) == ("三、本年度办理结果", len(results))
    deny = model.index_for_key("s3.deny_secret.natural")
    assert grid.at(deny.row(), 1).text == "（三）不予公开"
    assert grid.at(deny.row(), 1).row_span == sum(1 for r in results if r.label[1] == "（三）不予公开")
    # flags: labels fixed, totals selectable only, inputs editable
    label_flags = model.flags(model.index(5, 0))
    assert not label_flags & Qt.ItemFlag.ItemIsEditable and not label_flags & Qt.ItemFlag.ItemIsSelectable
    total = model.index_for_key("s3.result_total.natural")
    assert model.flags(total) & Qt.ItemFlag.ItemIsSelectable and not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(deny) & Qt.ItemFlag.ItemIsEditable
    assert model.data(total, Qt.ItemDataRole.BackgroundRole).color() == TOTAL_BACKGROUND


def test_section_three_2019_single_other_row_spans_rightwards(qapp):
    document = make_document("2019")
    model = SectionTableModel(document, document.report.format.section("s3"))
    index = model.index_for_key("s3.other.natural")
    other = model.grid.at(index.row(), 1)
    assert (other.text, other.column_span, other.row_span) == ("（六）其他处理", 2, 1)


def test_section_two_and_four_grids(qapp):
    document = make_document("2021")
    s2 = SectionTableModel(document, document.report.format.section("s2"))
    title = s2.grid.at(0, 0)
    assert (title.text, title.column_span) == ("第二十条第（一）项", s2.columnCount())
    assert s2.grid.at(1, 0).text == "信息内容"
    license_cell = s2.grid.by_key["s2.license.decisions"]  # one column, spread to the right edge
    assert license_cell.column + license_cell.column_span == s2.columnCount()
    s4 = SectionTableModel(document, document.report.format.section("s4"))
    assert (s4.rowCount(), s4.columnCount()) == (4, 15)  # three header levels, one data row
    suit = s4.grid.at(0, 5)
    assert (suit.text, suit.column_span) == ("行政诉讼", 10)
    upheld = s4.grid.at(1, 0)
    assert (upheld.text, upheld.row_span) == ("结果维持", 2)
    assert s4.key(s4.index(3, 0)) == "s4.review.upheld"


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("section_key", SECTIONS)
def test_view_spans_follow_the_grid(qtbot, template, section_key):
    widget = tables_for(qtbot, make_document(template), section_key)
    assert widget.model.grid.spans()
    for cell in widget.model.grid.spans():
        assert widget.view.rowSpan(cell.row, cell.column) == cell.row_span
        assert widget.view.columnSpan(cell.row, cell.column) == cell.column_span


# ---- typing --------------------------------------------------------------------------


def test_typing_overwrites_the_cell_enter_commits_and_moves_down(qtbot, document):
    document.set_cell("s3.new.natural", 7)
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    type_into(qtbot, view, "s3.new.natural", "12")
    assert document.report.value("s3.new.natural") == 12
    assert document.report.value("s3.new.total") == 12
    total = widget.model.index_for_key("s3.new.total")
    assert widget.model.data(total) == "12"
    assert view.currentIndex() == widget.model.index_for_key("s3.carried_in.natural")
    # Tab goes to the next input cell, skipping the computed total column
    select(view, "s3.new.other")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex() == widget.model.index_for_key("s3.carried_in.natural")
    # Enter down a column skips the computed total row
    type_into(qtbot, view, "s3.other_other.legal", "1")
    assert view.currentIndex() == widget.model.index_for_key("s3.carried_out.legal")


def test_full_width_digits_from_an_ime_commit(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    select(view, "s3.open.research")
    event = QInputMethodEvent("", [])
    event.setCommitString("１２")
    QApplication.sendEvent(view, event)
    editor = view.delegate.editor
    assert editor is not None and editor.text() == "12"  # the first character is not lost
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.report.value("s3.open.research") == 12


def test_imbalance_flags_the_finding_cells_and_clears_when_fixed(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    model, view = widget.model, widget.view
    changed = []
    model.dataChanged.connect(
        lambda a, b, roles: changed.extend(
            (r, c) for r in range(a.row(), b.row() + 1) for c in range(a.column(), b.column() + 1)
        )
    )
    type_into(qtbot, view, "s3.new.natural", "3")
    flagged = document.cell_findings
    assert "s3.new.natural" in flagged and "s3.carried_out.natural" in flagged
    # only the edited cell, its totals and the flagged cells were repainted
    fmt = document.report.format
    allowed = {"s3.new.natural", *fmt.dependents["s3.new.natural"], *flagged}
    assert {model.key(model.index(r, c)) for r, c in changed} <= allowed
    for key in ("s3.new.natural", "s3.carried_out.natural"):
        index = model.index_for_key(key)
        assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
        tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert flagged[key][0].message in tooltip and "相差3" in tooltip
    assert model.data(model.index_for_key("s3.new.business"), Qt.ItemDataRole.DecorationRole) is None
    type_into(qtbot, view, "s3.carried_out.natural", "3")
    assert "s3.new.natural" not in document.cell_findings
    fixed = model.index_for_key("s3.new.natural")
    assert model.data(fixed, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(fixed, Qt.ItemDataRole.DecorationRole) is None
    assert "相差" not in model.data(fixed, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(
    ("template", "key", "typed", "reason"),
    [
        ("2021", "s3.new.natural", "-1", "负数"),
        ("2021", "s3.new.natural", "1.5", "小数"),
        ("2021", "s3.new.natural", "abc", "不是有效的数字"),
        ("2021", "s2.fee.amount", "0.12345", "四位小数"),
    ],
)
def test_invalid_input_is_refused_at_the_cell_with_the_reason(qtbot, template, key, typed, reason):
    document = make_document(template)
    document.set_cell(key, Decimal(4) if key.endswith("amount") else 4)
    widget = tables_for(qtbot, document, key.split(".")[0])
    view = widget.view
    editor = type_into(qtbot, view, key, typed)
    assert view.delegate.editor is editor and editor.text() == typed  # still editing, text kept
    assert reason in widget.message_label.text() and reason in editor.toolTip()
    assert document.report.value(key) == 4
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert document.report.value(key) == 4
    assert not document.undo_stack.canUndo() or document.undo_stack.count() == 1


def test_money_and_signed_cells_accept_their_values(qtbot):
    document = make_document("2019")
    widget = tables_for(qtbot, document, "s2")
    type_into(qtbot, widget.view, "s2.license.delta", "-3")
    assert document.report.value("s2.license.delta") == -3
    type_into(qtbot, widget.view, "s2.procurement.amount", "12.3456")
    assert document.report.value("s2.procurement.amount") == Decimal("12.3456")


def test_delete_sets_zero(qtbot, document):
    document.set_cells({"s3.new.natural": 5, "s3.new.business": 6})
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    start = select(view, "s3.new.natural")
    view.selectionModel().select(
        QtCore.QItemSelection(start, widget.model.index_for_key("s3.new.business")),
        QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert document.report.value("s3.new.natural") == 0 and document.report.value("s3.new.business") == 0
    document.undo_stack.undo()
    assert document.report.value("s3.new.natural") == 5 and document.report.value("s3.new.business") == 6


# ---- blocks --------------------------------------------------------------------------


def test_paste_a_block_from_excel_is_one_undo_step(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    select(view, "s3.open.natural")
    before = document.undo_stack.count()
    QApplication.clipboard().setText("1\t２\n3\t1,000\n5\t6\r\n")  # full-width digit, grouping comma
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = {
        k: document.report.value(k)
        for k in (
            "s3.open.natural",
            "s3.open.business",
            "s3.partial.natural",
            "s3.partial.business",
            "s3.deny_secret.natural",
            "s3.deny_secret.business",
        )
    }
    assert got == {
        "s3.open.natural": 1,
        "s3.open.business": 2,
        "s3.partial.natural": 3,
        "s3.partial.business": 1000,
        "s3.deny_secret.natural": 5,
        "s3.deny_secret.business": 6,
    }
    assert document.report.value("s3.result_total.natural") == 9
    assert document.undo_stack.count() == before + 1
    document.undo_stack.undo()
    assert all(document.report.value(k) == 0 for k in got)


def test_paste_skips_totals_and_lists_refused_values(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    select(view, "s3.new.legal")
    # legal, other, total (computed: skipped), then past the edge
    view.paste("1\tabc\t99\t7\n-2\t3\t0")
    assert document.report.value("s3.new.legal") == 1
    assert document.report.value("s3.new.other") == 0  # "abc" refused
    assert document.report.value("s3.new.total") == 1
    assert document.report.value("s3.carried_in.legal") == 0  # "-2" refused
    assert document.report.value("s3.carried_in.other") == 3
    text = widget.message_label.text()
    assert "abc" in text and "-2" in text and "合计" in text and "超出表格" in text


def test_copy_selection_as_tab_separated_text(qtbot, document):
    document.set_cells({"s3.new.natural": 1, "s3.new.business": 2, "s3.carried_in.natural": 3})
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    start = select(view, "s3.new.natural")
    view.selectionModel().select(
        QtCore.QItemSelection(start, widget.model.index_for_key("s3.carried_in.business")),
        QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "1\t2\n3\t0"


def test_fill_zeros_is_one_undo_step(qtbot, document):
    document.set_cells({"s4.review.upheld": 2, "s4.suit_direct.other": 1, "s3.new.natural": 4})
    widget = tables_for(qtbot, document, "s4")
    before = document.undo_stack.count()
    widget.fill_zeros()
    assert all(document.report.value(k) == 0 for k in document.report.format.cells if k.startswith("s4."))
    assert document.report.value("s3.new.natural") == 4  # other sections untouched
    assert document.undo_stack.count() == before + 1
    document.undo_stack.undo()
    assert document.report.value("s4.review.upheld") == 2 and document.report.value("s4.review.total") == 2
    assert document.report.value("s4.suit_direct.total") == 1


def test_focus_cell(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    assert widget.focus_cell("s3.carried_out.other")
    assert widget.view.currentIndex() == widget.model.index_for_key("s3.carried_out.other")
    assert widget.view.visualRect(widget.view.currentIndex()).intersects(widget.view.viewport().rect())
    assert not widget.focus_cell("s2.fee.amount")


def test_cursor_keys_skip_labels_and_headers(qtbot, document):
    widget = tables_for(qtbot, document, "s2")
    view, model = widget.view, widget.model
    select(view, "s2.regulation.issued")
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
        qtbot.keyClick(view, key)  # only labels and headers that way: stay put
        assert view.currentIndex() == model.index_for_key("s2.regulation.issued")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the next sub-table's title and header
    assert view.currentIndex() == model.index_for_key("s2.license.decisions")
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex() == model.index_for_key("s2.license.decisions")
    # typing then Right commits and moves on, as in a spreadsheet
    editor = type_into(qtbot, view, "s2.regulation.issued", "4", finish=Qt.Key.Key_Right)
    assert document.report.value("s2.regulation.issued") == 4
    assert view.currentIndex() == model.index_for_key("s2.regulation.repealed")
    assert view.delegate.editor is None and editor is not None


def test_escape_drops_refused_text_and_clears_the_message(qtbot, document):
    widget = tables_for(qtbot, document, "s4")
    editor = type_into(qtbot, widget.view, "s4.review.upheld", "x")
    assert "不是有效的数字" in widget.message_label.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert "不是有效的数字" not in widget.message_label.text()
    assert document.report.value("s4.review.upheld") == 0
    # in the one-row table Enter continues in the next column
    type_into(qtbot, widget.view, "s4.review.upheld", "2")
    assert widget.view.currentIndex() == widget.model.index_for_key("s4.review.corrected")


def test_opening_a_draft_of_the_other_format_rebuilds_the_grid(qtbot, document):
    widget = tables_for(qtbot, document, "s2")
    assert widget.model.rowCount() == 14
    older = new_report("甘坊镇人民政府", 2020, template="2019")
    older.set_value("s2.procurement.amount", Decimal("1.5"))
    document.replace_report(older, None)
    assert widget.model.rowCount() == 18
    cell = widget.model.grid.by_key["s2.procurement.amount"]
    assert widget.view.columnSpan(cell.row, cell.column) == cell.column_span
    assert widget.model.data(widget.model.index_for_key("s2.procurement.amount")) == "1.5"
    assert widget.focus_cell("s2.procurement.amount")


def test_narrow_header_never_leaves_one_character_alone(qapp):
    from ui.cell_editor import without_orphan
    from ui.qt import QtGui

    font = qapp.font()
    three = QtGui.QFontMetrics(font).horizontalAdvance("结果维") + 1
    assert without_orphan("结果维持", font, three).split("\u2028") == ["结果", "维持"]
    assert without_orphan("结果维持", font, 4 * three) == "结果维持"


def test_one_value_pasted_over_a_selection_fills_it(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view, model = widget.view, widget.model
    start = select(view, "s3.open.natural")
    view.selectionModel().select(
        QtCore.QItemSelection(start, model.index_for_key("s3.open.total")),  # the total is skipped
        QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    view.paste("2\n")
    assert document.report.value("s3.open.total") == 2 * 6
    assert document.undo_stack.count() == 1


def test_typing_on_a_total_explains_and_keeps_the_cursor(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view = widget.view
    total = select(view, "s3.new.total")
    qtbot.keyClick(view, "1")
    assert view.currentIndex() == total and view.delegate.editor is None
    assert "自动计算" in widget.message_label.text()
    assert document.undo_stack.count() == 0


def test_fill_zeros_button_asks_before_overwriting_numbers(qtbot, document, monkeypatch):
    from ui.qt import QMessageBox

    document.set_cell("s4.review.upheld", 2)
    widget = tables_for(qtbot, document, "s4")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    widget.fill_zeros_button.click()
    assert asked and document.report.value("s4.review.upheld") == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    widget.fill_zeros_button.click()
    assert document.report.value("s4.review.upheld") == 0


def test_collecting_unparented_tables_is_clean(tmp_path):
    """Slots are bound methods: a lambda holding the widget, connected to its child's
    signal, made PySide delete a "shared QObject" on collection (heap corruption)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    script = (
        "import gc\n"
        "from ui.qt import QApplication\n"
        "app = QApplication([])\n"
        "from app.report import new_report\n"
        "from ui.document import ReportDocument\n"
        "from ui.tables import SectionTables\n"
        "for key in ('s2', 's3', 's4', 's3'):\n"
        "    document = ReportDocument(new_report('甘坊镇人民政府', 2024))\n"
        "    widget = SectionTables(document, document.report.format.section(key))\n"
        "    widget.show(); app.processEvents(); gc.collect()\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
    assert "shared QObject" not in done.stderr and "malloc" not in done.stderr


def test_the_keystroke_flags_before_enter_and_escape_takes_it_back(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    model, view = widget.model, widget.view
    new, carried_out = model.index_for_key("s3.new.natural"), model.index_for_key("s3.carried_out.natural")
    editor = type_into(qtbot, view, "s3.new.natural", "4", finish=None)
    assert document.report.value("s3.new.natural") == 0  # nothing committed yet
    assert model.data(carried_out, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "相差4" in model.data(carried_out, Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(editor, "2")  # 42: the flag follows each keystroke
    assert "相差42" in model.data(carried_out, Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert document.report.value("s3.new.natural") == 0
    assert model.data(carried_out, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(new, Qt.ItemDataRole.DecorationRole) is None
    type_into(qtbot, view, "s3.new.natural", "7")  # Enter: the committed finding stays
    assert "相差7" in model.data(carried_out, Qt.ItemDataRole.ToolTipRole)
    assert "s3.carried_out.natural" in document.cell_findings


@pytest.mark.parametrize(
    ("section_key", "key"), [("s3", "s3.open.business"), ("s4", "s4.review.upheld"), ("s2", "s2.license.decisions")]
)
def test_a_county_number_shows_whole_in_the_grid(qtbot, section_key, key):
    document = make_document()
    fmt = document.report.format
    keys = [k for k in fmt.input_keys if k.startswith(section_key + ".") and fmt.cells[k].kind != "money"]
    document.set_cells(dict.fromkeys(keys, 693957), text="县级数字")
    widget = tables_for(qtbot, document, section_key)
    widget.resize(700, 650)  # narrow: the grid scrolls sideways rather than cut a number
    view = widget.view
    fm = QtGui.QFontMetrics(view.font())
    model = view.model()
    for cell in model.grid.cells:
        if cell.kind == VALUE:
            text = model.data(model.index(cell.row, cell.column))
            width = sum(view.columnWidth(c) for c in range(cell.column, cell.column + cell.column_span))
            assert width >= fm.horizontalAdvance(text) + 6, (cell.key, text, width)
    if section_key != "s2":  # sections three and four: 7-digit totals too
        assert any(len(model.data(model.index(c.row, c.column))) == 7 for c in model.grid.cells if c.kind == VALUE)
    # an 8-digit number typed later (the largest a cell holds) widens its column at once
    type_into(qtbot, view, key, "99999999")
    index = model.index_for_key(key)
    assert document.report.value(key) == 99999999
    assert view.columnWidth(index.column()) >= fm.horizontalAdvance("99999999") + 6


def test_a_number_over_eight_digits_is_refused_at_the_cell(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    editor = type_into(qtbot, widget.view, "s3.new.natural", "123456789")
    assert "数值过大" in widget.message_label.text() and "99999999" in editor.toolTip()
    assert document.report.value("s3.new.natural") == 0
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_a_flagged_large_number_keeps_room_for_its_icon(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    widget.resize(700, 650)
    view = widget.view
    document.set_cells({"s3.new.natural": 1234567})  # unbalanced: the column is flagged
    model = view.model()
    fm = QtGui.QFontMetrics(view.font())
    icon = view.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_SmallIconSize)
    flagged = [
        c
        for c in model.grid.cells
        if c.kind == VALUE and model.data(model.index(c.row, c.column), Qt.ItemDataRole.DecorationRole) is not None
    ]
    assert any(model.data(model.index(c.row, c.column)) == "1234567" for c in flagged)
    for cell in flagged:
        text = model.data(model.index(cell.row, cell.column))
        assert view.columnWidth(cell.column) >= fm.horizontalAdvance(text) + icon + 6, (cell.key, text)


# ---- what a keystroke repaints (counted: which widgets and how much of the grid) -----------


def test_a_typed_value_repaints_its_cells_not_the_grid_or_its_scroll_bars(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view, model = widget.view, widget.model
    bars = (view.verticalScrollBar(), view.horizontalScrollBar())
    assert view.verticalScrollBar().isVisible()  # section 三 scrolls: the bar is there to repaint
    log = PaintLog(view.viewport(), *bars)
    select(view, "s3.new.natural")
    QApplication.processEvents()
    log.clear()
    type_into(qtbot, view, "s3.new.natural", "3")
    QApplication.processEvents()
    assert "s3.new.natural" in document.cell_findings
    assert all(not log.rects[bar] for bar in bars)  # the editor's focus round trip left them alone
    # only the cells that changed (the edited cell, its totals, the flags) and the cursor's
    changed = {"s3.new.natural", *document.report.format.dependents["s3.new.natural"], *document.cell_findings}
    allowed = QtGui.QRegion()
    for key in changed:
        allowed += view.visualRect(model.index_for_key(key))
    allowed += view.visualRect(view.currentIndex())
    painted = QtGui.QRegion()
    for rect in log.rects[view.viewport()]:
        painted += rect
    assert not painted.isEmpty()
    assert painted.subtracted(allowed).isEmpty()


def test_only_cells_whose_findings_change_are_refreshed(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    model, view = widget.model, widget.view
    type_into(qtbot, view, "s3.new.natural", "3")
    standing = {k for k in document.cell_findings if k.endswith(".natural")}
    assert len(standing) >= 2
    changed, batches = set(), []
    model.dataChanged.connect(lambda a, b, roles: changed.add(model.key(a)))
    model.values_shown.connect(batches.append)
    type_into(qtbot, view, "s3.new.business", "4")  # another column's balance: the 自然人 flags stay as they were
    assert "s3.new.business" in document.cell_findings
    assert "s3.new.business" in changed and not changed & standing
    # the grid checks its column widths once per refresh, with the cells whose text or icon changed
    shown = {model.key(index) for batch in batches for index in batch}
    assert "s3.new.business" in shown and shown <= changed
    assert len(batches) <= 3  # preview, commit's cells, commit's findings


def test_enter_works_out_each_cell_it_changes_once(qtbot, document, monkeypatch):
    widget = tables_for(qtbot, document, "s3")
    view, model = widget.view, widget.model
    worked_out = []
    roles = SectionTableModel._roles
    monkeypatch.setattr(
        SectionTableModel, "_roles", lambda self, index: worked_out.append(self.key(index)) or roles(self, index)
    )
    editor = type_into(qtbot, view, "s3.new.natural", "3", finish=None)
    flagged = set(worked_out)
    assert flagged and "s3.new.natural" not in flagged  # the preview flags others, not the cell typed in
    worked_out.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.report.value("s3.new.natural") == 3
    # the typed cell and its totals, once each; the flags were already shown by the preview
    assert sorted(worked_out) == sorted({"s3.new.natural", *document.report.format.dependents["s3.new.natural"]})
    assert model.data(model.index_for_key("s3.new.natural")) == "3"
    worked_out.clear()
    document.undo()  # the value and the flags go back in one pass too
    assert len(worked_out) == len(set(worked_out)) and set(worked_out) >= flagged | {"s3.new.natural"}
    assert model.data(model.index_for_key("s3.new.natural")) == "0"
    assert not any(model.data(model.index_for_key(k), Qt.ItemDataRole.DecorationRole) for k in flagged)


def test_a_refresh_stores_only_the_roles_that_changed(qtbot, document):
    # setItemData with every role (None for the absent ones) left an entry behind in the
    # item on each call: refreshes and paints slowed down the longer the clerk typed
    widget = tables_for(qtbot, document, "s3")
    model = widget.model
    key, flagged = "s3.new.natural", "s3.result_total.natural"
    changes = []
    model.dataChanged.connect(lambda a, b, roles: changes.append((model.key(a), set(roles))))
    for _ in range(3):
        model._refresh([key, flagged])  # nothing changed: nothing stored, nothing repainted
    assert changes == []
    document.set_cell(key, 3)  # the value, its total and the balance flags change
    roles = {}
    for cell, changed in changes:
        roles.setdefault(cell, set()).update(changed)
    decoration, background = Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole
    assert Qt.ItemDataRole.DisplayRole in roles[key]
    assert {decoration, background, Qt.ItemDataRole.ToolTipRole} <= roles[flagged]
    assert Qt.ItemDataRole.DisplayRole not in roles[flagged]  # its value stayed 0
    unchanged = {Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, KEY_ROLE, KIND_ROLE}
    assert not (roles[key] | roles[flagged]) & unchanged
    index = model.index_for_key(flagged)
    assert model.data(index, decoration) is not None and model.data(index, background) is not None
    document.undo()  # the flag goes: its icon and colour are removed, the tooltip is the cell's again
    assert model.data(index, decoration) is None
    assert model.data(index, background).color() == TOTAL_BACKGROUND  # a total's grey again
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith(document.report.format.cells[flagged].where)
    assert "错误" not in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_one_editor_serves_every_cell_and_kind(qtbot, document):
    widget = tables_for(qtbot, document, "s2")
    view = widget.view
    first = type_into(qtbot, view, "s2.fee.amount", "1.5")
    assert document.report.value("s2.fee.amount") == Decimal("1.5")
    refused = type_into(qtbot, view, "s2.regulation.issued", "1.5")  # a count: no decimals
    assert refused is first and "小数" in refused.toolTip()
    qtbot.keyClick(refused, Qt.Key.Key_Escape)
    assert document.report.value("s2.regulation.issued") == 0
    again = type_into(qtbot, view, "s2.regulation.issued", "7", finish=None)
    assert again is first and again.toolTip() == "" and again.text() == "7"
    assert again.palette().color(QtGui.QPalette.ColorRole.Base) == EDITING_BASE  # not the refused colours
    qtbot.keyClick(again, Qt.Key.Key_Return)
    assert document.report.value("s2.regulation.issued") == 7
    assert len(view.viewport().findChildren(CellEditor)) == 1


def test_a_message_line_of_another_height_does_not_refit_the_grid(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    widget.resize(560, 650)  # narrow: the hint and the findings take different numbers of lines
    QApplication.processEvents()
    view = widget.view
    widths = [view.columnWidth(c) for c in range(widget.model.columnCount())]
    rows = [view.rowHeight(r) for r in range(widget.model.rowCount())]
    refits, fit = [], view.fit_to_width
    view.fit_to_width = lambda *args: (refits.append(args), fit(*args))
    heights = {view.height()}
    for digit in "31":
        type_into(qtbot, view, "s3.new.natural", digit)
        QApplication.processEvents()
        heights.add(view.height())
        document.undo()
        QApplication.processEvents()
        heights.add(view.height())
    assert len(heights) > 1  # the grid did get shorter and taller
    assert refits == []  # ...without wrapping every label again
    assert [view.columnWidth(c) for c in range(widget.model.columnCount())] == widths
    assert [view.rowHeight(r) for r in range(widget.model.rowCount())] == rows
    widget.resize(700, 650)  # a new width still refits
    QApplication.processEvents()
    assert refits


def test_focus_leaving_and_returning_repaints_the_selection_not_the_grid(qtbot, document):
    widget = tables_for(qtbot, document, "s3")
    view, model = widget.view, widget.model
    other = widget.fill_zeros_button  # somewhere else to put the focus
    first, last = model.index_for_key("s3.new.natural"), model.index_for_key("s3.new.business")
    view.setFocus()
    view.setCurrentIndex(first)
    view.selectionModel().select(
        QtCore.QItemSelection(first, last), QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    QApplication.processEvents()
    log = PaintLog(view.viewport(), view.verticalScrollBar())
    allowed = QtGui.QRegion(view.visualRect(first)) + QtGui.QRegion(view.visualRect(last))
    for focus in (other, view):
        log.clear()
        focus.setFocus()
        QApplication.processEvents()
        painted = QtGui.QRegion()
        for rect in log.rects[view.viewport()]:
            painted += rect
        assert not painted.isEmpty() and painted.subtracted(allowed).isEmpty()
        assert not log.rects[view.verticalScrollBar()]
