"""Build the frozen nianbao bundle for this machine, verify it, and (on Windows) the installer.

    python installer/build.py            build dist/nianbao, verify, list, print sizes;
                                         on Windows also dist/nianbao-setup-<version>.exe
    python installer/build.py --smoke    … and run the frozen program's new/check/export
    python installer/build.py --skip-build --smoke     re-check an existing bundle

Exit status 0 on success, 1 when the bundle holds forbidden Qt parts, lacks a required
file, or the smoke test fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __package__:  # imported by the tests as installer.build
    from installer import bundle_rules, smoke
else:  # run as a script: python installer/build.py
    sys.path.insert(0, str(HERE))
    import bundle_rules
    import smoke

REPO = HERE.parent
SPEC = HERE / "nianbao.spec"
ISS = HERE / "nianbao.iss"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
IS_WIN = sys.platform == "win32"
EXE = ".exe" if IS_WIN else ""

# Files without which the frozen program cannot work (relative to the bundle folder).
REQUIRED = [
    f"nianbao{EXE}",
    f"nianbao-cli{EXE}",
    "_internal/resources/formats/2021.json",
    "_internal/resources/formats/2019.json",
    "_internal/resources/icons/nianbao.png",
    "_internal/resources/docx/word/styles.xml",  # the DOCX export's template parts
]


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def run_pyinstaller(dist: Path, work: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--log-level",
        "WARN",
    ]
    print("+", " ".join(cmd), flush=True)
    started = time.monotonic()
    subprocess.run(cmd, cwd=REPO, check=True)
    print(f"PyInstaller finished in {time.monotonic() - started:.0f} s")


def verify(bundle: Path) -> list[str]:
    """Problems with the built bundle (empty list when it is fine)."""
    problems = []
    for rel, reason in bundle_rules.find_unwanted(bundle).items():
        kind = "FORBIDDEN" if bundle_rules.forbidden_reason(rel) else "unwanted"
        problems.append(f"{kind} ({reason}): {rel}")
    for rel in REQUIRED:
        if not (bundle / rel).is_file():
            problems.append(f"missing: {rel}")
    files = bundle_rules.bundle_files(bundle)
    for module in bundle_rules.QT_MODULES:
        if not any(Path(f).name.startswith(f"{module}.") and "/PySide6/" in f"/{f}" for f in files):
            problems.append(f"missing: PySide6 module {module}")
    if not any(f.endswith("qtbase_zh_CN.qm") for f in files):
        problems.append("missing: Qt translation qtbase_zh_CN.qm")
    return problems


def write_manifest(bundle: Path) -> Path:
    """List every file with its size next to the bundle, and print a summary by area."""
    manifest = bundle.parent / f"{bundle.name}-manifest.txt"
    rows, groups = [], {}
    for rel in bundle_rules.bundle_files(bundle):
        path = bundle / rel
        size = 0 if path.is_symlink() else path.stat().st_size
        rows.append(f"{size:>12}  {rel}")
        parts = Path(rel).parts
        inner = parts[1:] if parts[0] == "_internal" and len(parts) > 1 else parts
        group = inner[0] if len(inner) > 1 else "(top level: executables, Python, shared libraries)"
        count, total = groups.get(group, (0, 0))
        groups[group] = (count + 1, total + size)
    total = bundle_rules.tree_size(bundle)
    manifest.write_text("\n".join(rows) + f"\n{total:>12}  TOTAL ({len(rows)} files)\n", encoding="utf-8")
    print(f"bundle: {bundle}  {mb(total)} in {len(rows)} files (list: {manifest})")
    for group, (count, size) in sorted(groups.items(), key=lambda kv: -kv[1][1])[:10]:
        print(f"  {mb(size):>9}  {count:>5} files  {group}")
    return manifest


def find_iscc(explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        root = os.environ.get(base)
        for sub in ("Inno Setup 6", r"Programs\Inno Setup 6"):
            candidate = Path(root or "", sub, "ISCC.exe")
            if root and candidate.is_file():
                return candidate
    return None


def build_installer(iscc: Path, bundle: Path, out_dir: Path) -> Path:
    version = bundle_rules.project_version()
    cmd = [str(iscc), f"/DAppVersion={version}", f"/DBundleDir={bundle}", f"/DOutputDir={out_dir}", str(ISS)]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=HERE, check=True)
    setup = out_dir / f"nianbao-setup-{version}.exe"
    if not setup.is_file():
        raise SystemExit(f"ISCC finished but {setup} is not there")
    print(f"installer: {setup}  {mb(setup.stat().st_size)}")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="run the frozen program on a sample draft")
    parser.add_argument("--skip-build", action="store_true", help="check the existing bundle only")
    parser.add_argument("--no-installer", action="store_true", help="do not run Inno Setup")
    parser.add_argument("--iscc", help="path to ISCC.exe (default: search the usual places; Windows only)")
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default: dist/)")
    parser.add_argument("--keep-smoke", type=Path, help="keep the smoke test's draft and exports here")
    args = parser.parse_args(argv)
    # The smoke test prints Chinese; a pipe on an English Windows is cp1252 and would raise.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")

    bundle = args.dist / "nianbao"
    if not args.skip_build:
        run_pyinstaller(args.dist, WORK)
    if not bundle.is_dir():
        print(f"no bundle at {bundle}", file=sys.stderr)
        return 1

    write_manifest(bundle)
    problems = verify(bundle)
    if problems:
        print("bundle check FAILED:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(
        "bundle check passed: no WebEngine/QML/Quick/3D/Multimedia, only the qtbase_zh_CN translation, "
        "all required files present"
    )

    if args.smoke:
        try:
            smoke.run_smoke(bundle, keep=args.keep_smoke)
        except smoke.SmokeFailure as exc:
            print(f"smoke test FAILED: {exc}", file=sys.stderr)
            return 1

    if not args.no_installer and (IS_WIN or args.iscc):
        iscc = find_iscc(args.iscc)
        if iscc is None:
            print(
                "Inno Setup 6 not found (ISCC.exe); install it from jrsoftware.org to build the installer, "
                "or pass --iscc PATH. The bundle itself is ready."
            )
        else:
            build_installer(iscc, bundle, args.dist)
    return 0


if __name__ == "__main__":
    sys.exit(main())
