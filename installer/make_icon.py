"""Draw the program icon: a report page with a red title band and a table, on a red tile.

Writes resources/icons/nianbao.png (256 px, for the window icon) and nianbao.ico (16–256 px,
for nianbao.exe, the shortcuts and .nianbao files). Shapes only, no font, so the result is
the same on every machine. Run: python installer/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
RED = (196, 30, 42, 255)
DARK_RED = (150, 20, 30, 255)
PAPER = (255, 255, 255, 255)
INK = (90, 90, 90, 255)
SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]


def draw(size: int = 1024) -> Image.Image:
    s = size / 256  # design on a 256 grid
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=40 * s, fill=RED)
    # the page
    d.rounded_rectangle([52 * s, 30 * s, 204 * s, 226 * s], radius=10 * s, fill=PAPER)
    # title band
    d.rectangle([70 * s, 48 * s, 186 * s, 66 * s], fill=DARK_RED)
    width = max(1, round(5 * s))
    # two lines of text
    d.line([70 * s, 84 * s, 186 * s, 84 * s], fill=INK, width=width)
    d.line([70 * s, 98 * s, 150 * s, 98 * s], fill=INK, width=width)
    # a 3 × 4 table
    left, right, top, bottom = 70 * s, 186 * s, 116 * s, 206 * s
    d.rectangle([left, top, right, bottom], outline=INK, width=width)
    for i in (1, 2, 3):
        y = top + (bottom - top) * i / 4
        d.line([left, y, right, y], fill=INK, width=width)
    x = left + (right - left) * 0.42
    d.line([x, top, x, bottom], fill=INK, width=width)
    x = left + (right - left) * 0.71
    d.line([x, top, x, bottom], fill=INK, width=width)
    return img


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(ICONS / "nianbao.png", optimize=True)
    big.save(ICONS / "nianbao.ico", sizes=[(n, n) for n in SIZES])
    print(f"wrote {ICONS / 'nianbao.png'} and {ICONS / 'nianbao.ico'}")


if __name__ == "__main__":
    main()
