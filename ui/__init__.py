"""The PySide6 desktop program. Qt is imported only in ui/qt.py."""
