"""Frozen heading rows and row labels for a number grid (Qt's "Frozen Column" technique).

Three views share the grid's model and selection and lie over its edges: the heading
rows across the top (following the grid sideways), the row labels down the left side
(following it up and down) and the corner where both meet (never moving). The numbers
scroll under them, so a lower row or the jump to a finding still shows its headings.
"""

from __future__ import annotations

from ui.qt import QAbstractItemView, QFrame, Qt, QTableView

TOP, LEFT, CORNER = "top", "left", "corner"


class FrozenPane(QTableView):
    """One frozen edge of `grid`: shows the same cells, takes no focus and no keys."""

    def __init__(self, grid: QTableView, edge: str):
        super().__init__(grid)
        self.grid = grid
        self.edge = edge
        self.setModel(grid.model())
        self.setSelectionModel(grid.selectionModel())
        label_delegate = getattr(grid, "label_delegate", None)
        if label_delegate is not None:  # a pane shows only labels and headings
            self.setItemDelegate(label_delegate)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoScroll(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # a line where the numbers slide beneath: under the headings, right of the labels
        line = "1px solid #888888"
        borders = {TOP: f"border-bottom: {line};", LEFT: f"border-right: {line};"}.get(
            edge, f"border-bottom: {line}; border-right: {line};"
        )
        self.setStyleSheet(f"QTableView {{ border: none; {borders} }}")
        if edge == TOP:
            grid.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        if edge == LEFT:
            grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        pass  # a pane moves only with the grid (the shared current cell would scroll it)

    def wheelEvent(self, event):  # scrolling over the headings scrolls the numbers
        self.grid.wheelEvent(event)

    def mouseDoubleClickEvent(self, event):
        event.ignore()


class FrozenPanes:
    """The three panes of one grid, kept in the grid's spans, sizes and scroll position."""

    def __init__(self, grid: QTableView):
        self.grid = grid
        self.rows = 0  # heading rows frozen at the top
        self.columns = 0  # label columns frozen at the left
        self.panes = {edge: FrozenPane(grid, edge) for edge in (TOP, LEFT, CORNER)}
        for pane in self.panes.values():
            pane.hide()

    def set_frozen(self, rows: int, columns: int, spans) -> None:
        self.rows, self.columns = rows, columns
        for pane in self.panes.values():
            pane.clearSpans()
            for cell in spans:
                pane.setSpan(cell.row, cell.column, cell.row_span, cell.column_span)
        self.sync_sizes()

    def sync_sizes(self) -> None:
        grid = self.grid
        model = grid.model()
        for pane in self.panes.values():
            for column in range(model.columnCount()):
                pane.setColumnWidth(column, grid.columnWidth(column))
            for row in range(model.rowCount()):
                pane.setRowHeight(row, grid.rowHeight(row))
        self.place()

    def height(self) -> int:
        """Pixels of the viewport the frozen heading rows cover."""
        return sum(self.grid.rowHeight(r) for r in range(self.rows))

    def width(self) -> int:
        return sum(self.grid.columnWidth(c) for c in range(self.columns))

    def place(self) -> None:
        """Lay the panes over the viewport's edges; hide what there is nothing to freeze for."""
        grid = self.grid
        viewport = grid.viewport().geometry()
        h, w = (
            min(self.height(), viewport.height()),
            min(self.width(), viewport.width()),
        )
        # nothing scrolls: the grid shows its headings itself
        scrolls_down = grid.verticalScrollBar().maximum() > 0
        scrolls_side = grid.horizontalScrollBar().maximum() > 0
        shapes = {
            TOP: (
                viewport.x(),
                viewport.y(),
                viewport.width(),
                h,
                self.rows and scrolls_down,
            ),
            LEFT: (
                viewport.x(),
                viewport.y(),
                w,
                viewport.height(),
                self.columns and scrolls_side,
            ),
            CORNER: (
                viewport.x(),
                viewport.y(),
                w,
                h,
                self.rows and self.columns and (scrolls_down or scrolls_side),
            ),
        }
        for edge, (x, y, width, height, shown) in shapes.items():
            pane = self.panes[edge]
            pane.setGeometry(x, y, width, height)
            pane.setVisible(bool(shown) and width > 0 and height > 0)
            if edge == TOP:
                pane.horizontalScrollBar().setValue(grid.horizontalScrollBar().value())
            if edge == LEFT:
                pane.verticalScrollBar().setValue(grid.verticalScrollBar().value())
        self.panes[LEFT].raise_()
        self.panes[TOP].raise_()
        self.panes[CORNER].raise_()
