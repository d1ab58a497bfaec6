"""Draw the application icon (resources/icons/app.png and the Windows app.ico).

Run once when the design changes; both files are committed, so the build needs no Pillow
font code:  python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
SIZE = 256
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    """A blue rounded square with a white 思 (Siming) and a green bar: reads at 16 px."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, size - 8, size - 8), radius=size // 6, fill=(30, 87, 153, 255))
    pen.rectangle((40, size - 56, size - 40, size - 40), fill=(76, 175, 80, 255))
    font = ImageFont.truetype(str(FONT), int(size * 0.58))
    pen.text((size / 2, size * 0.44), "思", font=font, fill="white", anchor="mm")
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(ICONS / "app.png")
    image.save(ICONS / "app.ico", sizes=ICO_SIZES)
    print(f"wrote {ICONS / 'app.png'} and {ICONS / 'app.ico'}")


if __name__ == "__main__":
    main()
