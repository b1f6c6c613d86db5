"""Settings in an INI file under the data folder (never the Windows registry)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.recovery import settings_path
from app.report import Contact
from ui.qt import QByteArray, QSettings, documents_folder

MAX_RECENT = 8


def absolute(path: Path) -> Path:
    # Not resolve(): on Windows that turns a mapped drive (H:\…) into its \\server\share path
    # and follows folder redirections, so the clerk would see a path they never chose.
    return Path(os.path.abspath(path))


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _json(self, key: str, default):
        raw = self.qsettings.value(key, "")
        try:
            return json.loads(raw) if raw else default
        except (TypeError, ValueError):
            return default

    def recent_files(self) -> list[Path]:
        paths = self._json("files/recent", [])
        return [Path(p) for p in paths if isinstance(p, str)]

    def existing_recent_files(self) -> list[Path]:
        return [p for p in self.recent_files() if p.is_file()]

    def add_recent(self, path: Path) -> None:
        path = absolute(path)
        recent = self.recent_files()
        if recent[:1] == [path]:  # already first: no write (a sync writes and fsyncs the file, ~20 ms)
            return
        paths = [p for p in recent if p != path]
        paths.insert(0, path)
        self.qsettings.setValue("files/recent", json.dumps([str(p) for p in paths[:MAX_RECENT]], ensure_ascii=False))
        self.qsettings.sync()

    def previous_for(self, draft: Path) -> Path | None:
        """Last year's draft chosen for checking carry-over numbers against this draft."""
        mapping = self._json("files/previous", {})
        value = mapping.get(str(absolute(draft))) if isinstance(mapping, dict) else None
        return Path(value) if isinstance(value, str) else None

    def set_previous_for(self, draft: Path, previous: Path | None) -> None:
        mapping = self._json("files/previous", {})
        if not isinstance(mapping, dict):
            mapping = {}
        key = str(absolute(draft))
        if previous is None:
            mapping.pop(key, None)
        else:
            mapping[key] = str(absolute(previous))
        self.qsettings.setValue("files/previous", json.dumps(mapping, ensure_ascii=False))

    def folder(self, kind: str) -> str:
        """The folder last used for this kind of file (drafts, exports, imports), if it still exists."""
        last = str(self.qsettings.value(f"folders/{kind}", "") or "")
        return last if last and Path(last).is_dir() else ""

    def start_folder(self, kind: str, fallback: Path | None = None) -> str:
        """Where a file dialog starts: the last folder used, else `fallback`, else 文档."""
        return self.folder(kind) or (str(fallback) if fallback else documents_folder())

    def set_folder(self, kind: str, folder: Path) -> None:
        self.qsettings.setValue(f"folders/{kind}", str(folder))

    def organ_defaults(self) -> tuple[str, Contact]:
        data = self._json("organ/last", {})
        contact = Contact(**{k: str(data.get(k, "")) for k in ("department", "address", "phone", "person")})
        return str(data.get("organ", "")), contact

    def set_organ_defaults(self, organ: str, contact: Contact) -> None:
        data = {"organ": organ, **{k: getattr(contact, k) for k in ("department", "address", "phone", "person")}}
        self.qsettings.setValue("organ/last", json.dumps(data, ensure_ascii=False))

    def sizes(self, name: str) -> list[int]:
        """The sizes of a splitter the clerk dragged (e.g. the findings panel's height)."""
        value = self._json(f"window/{name}", [])
        return [int(v) for v in value if isinstance(v, int) and v >= 0] if isinstance(value, list) else []

    def set_sizes(self, name: str, sizes: list[int]) -> None:
        self.qsettings.setValue(f"window/{name}", json.dumps(list(sizes)))

    def geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        if geometry == self.geometry():  # unchanged: no write (see add_recent)
            return
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.sync()
