"""Chart geometry for the analytics page, drawn as inline SVG by the templates: no script, no
outside library, and the numbers stay in the table beside each chart."""

from __future__ import annotations

from dataclasses import dataclass

# The drawing's own units; the SVG scales to the width it is given (a phone's, a desktop's).
WIDTH = 320
BAR_HEIGHT = 18
BAR_GAP = 8
LABEL_WIDTH = 120
# Bars drawn at most: a chart of a hundred steps says nothing a table would not say better.
MAX_BARS = 12
LINE_HEIGHT = 140
LINE_PAD = 20


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def value_x(self) -> int:
        return self.label_width + 4


@dataclass(frozen=True)
class Line:
    name: str
    points: str
    css: str


@dataclass(frozen=True)
class LineChart:
    lines: list[Line]
    ticks: list[tuple[float, str]]
    peak: int
    height: int = LINE_HEIGHT
    width: int = WIDTH
    pad: int = LINE_PAD


def bar_chart(rows: list[list[object]], *, label: int = 0, value: int = 1) -> BarChart:
    """Horizontal bars of column ``value`` against column ``label`` of the first rows."""
    shown = rows[:MAX_BARS]
    numbers = [float(row[value] or 0) for row in shown]
    peak = max(numbers, default=0) or 1
    span = WIDTH - LABEL_WIDTH - 40
    bars = [
        Bar(
            label=_clip(str(row[label])),
            value=row[value],
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=round(span * number / peak, 1),
        )
        for index, (row, number) in enumerate(zip(shown, numbers, strict=True))
    ]
    return BarChart(bars=bars, height=max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT))


def line_chart(months: list[str], series: dict[str, list[int]]) -> LineChart:
    """One polyline per series over ``months`` (equal spacing), scaled to the highest value."""
    peak = max((value for values in series.values() for value in values), default=0) or 1
    inner_w, inner_h = WIDTH - 2 * LINE_PAD, LINE_HEIGHT - 2 * LINE_PAD
    step = inner_w / max(len(months) - 1, 1)

    def point(index: int, value: int) -> str:
        return f"{LINE_PAD + index * step:.1f},{LINE_PAD + inner_h - inner_h * value / peak:.1f}"

    lines = [
        Line(name=name, points=" ".join(point(i, v) for i, v in enumerate(values)), css=f"s{n}")
        for n, (name, values) in enumerate(series.items())
    ]
    ticks = [(round(LINE_PAD + i * step, 1), month[5:]) for i, month in enumerate(months)]
    return LineChart(lines=lines, ticks=ticks, peak=int(peak))


def _clip(text: str, length: int = 9) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
