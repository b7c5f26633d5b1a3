"""Reading issued PDFs back, the way the tests check what was printed: as text, and as pages
whose inks and words are measured."""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops
from pypdf import PdfReader

from workflows.documents.models import IssuedDocument


def text_of(document: IssuedDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    # Table cells wrap long words onto several lines; compare the text without layout breaks.
    return "".join("".join(page.extract_text() for page in reader.pages).split())


# --- Where things land on the page ---------------------------------------------------------
# Pages rasterised by poppler's pdftoppm and words located by its pdftotext (poppler-utils, a
# system package of the project); lengths in millimetres from the page's top-left corner.

DPI = 100
PX_PER_MM = DPI / 25.4

# Channel ranges (R, G, B) of the inks the documents print.
RED = ((170, 255), (0, 120), (0, 120))
BLACK = ((0, 90), (0, 90), (0, 90))
GOLD = ((150, 225), (100, 175), (0, 70))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def inside(self, other: Box) -> bool:
        return (
            other.left < self.left
            and other.top < self.top
            and self.right < other.right
            and self.bottom < other.bottom
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


def pages_png(data: bytes) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", str(source), str(Path(folder) / "page")],
            check=True,
        )
        return [Image.open(path).convert("RGB") for path in sorted(Path(folder).glob("page-*"))]


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_MM_PER_PT = 25.4 / 72


def words_of(data: bytes, page: int) -> list[Word]:
    """The words pdftotext finds on ``page`` (from 1), a run of CJK text being one word."""
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    # pdftotext writes a character outside the BMP (𠮷) as two UTF-8-encoded surrogates.
    output = result.stdout.decode("utf-8", "surrogatepass")
    output = output.encode("utf-16", "surrogatepass").decode("utf-16")
    return [
        Word(html.unescape(text), Box(*(float(v) * _MM_PER_PT for v in edges)))
        for *edges, text in _WORD.findall(output)
    ]


def word_with(data: bytes, page: int, text: str) -> Word:
    return next(word for word in words_of(data, page) if text in word.text)


def ink(page: Image.Image, colour: tuple) -> Image.Image:
    """A mask ("L", 255 where set) of the pixels of ``page`` within ``colour``'s ranges."""
    masks = [
        channel.point(lambda v, low=low, high=high: 255 if low <= v <= high else 0)
        for channel, (low, high) in zip(page.split(), colour, strict=True)
    ]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])


def _px(mm: float) -> int:
    return round(mm * PX_PER_MM)


def ink_box(mask: Image.Image, within: Box | None = None) -> Box | None:
    """The bounding box of the set pixels, optionally only those within ``within``."""
    region = within or Box(0, 0, mask.width / PX_PER_MM, mask.height / PX_PER_MM)
    origin = (_px(region.left), _px(region.top))
    found = mask.crop((*origin, _px(region.right), _px(region.bottom))).getbbox()
    if found is None:
        return None
    left, top, right, bottom = found
    return Box(
        (origin[0] + left) / PX_PER_MM,
        (origin[1] + top) / PX_PER_MM,
        (origin[0] + right) / PX_PER_MM,
        (origin[1] + bottom) / PX_PER_MM,
    )


def rules_in(mask: Image.Image, *, left: float, right: float, share: float = 0.9) -> list[Box]:
    """Horizontal rules: runs of rows set over ``share`` of the span from ``left`` to
    ``right``, each as its box."""
    span = (_px(left), _px(right))
    wanted = share * (span[1] - span[0])
    rows = [
        y
        for y in range(mask.height)
        if mask.crop((span[0], y, span[1], y + 1)).histogram()[255] >= wanted
    ]
    rules: list[list[int]] = []
    for y in rows:
        if rules and y == rules[-1][-1] + 1:
            rules[-1].append(y)
        else:
            rules.append([y])
    return [Box(left, rule[0] / PX_PER_MM, right, (rule[-1] + 1) / PX_PER_MM) for rule in rules]
