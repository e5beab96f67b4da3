"""Meter charts as inline SVG (no script), for the HTML edition of the review."""
from __future__ import annotations

from game.review.cells import esc, turn_label
from game.review.model import MeterSeries


def svg_chart(m: MeterSeries, width: int = 420, height: int = 190) -> str:
    """A line chart of one meter per turn, with its thresholds marked (inline SVG, no script)."""
    left, right, top, bottom = 40, 14, 16, 30
    pw, ph = width - left - right, height - top - bottom
    turns = [t for t, _ in m.points]
    last = max(turns) if turns else 1
    span = (m.max - m.min) or 1.0

    def x(t):
        return left + pw * (t / last if last else 0)

    def y(v):
        return top + ph * (1 - (v - m.min) / span)

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{esc(m.label)} by turn">', f"<title>{esc(m.label)} by turn</title>"]
    for th in m.thresholds:  # shade the danger side, then the line
        yt = y(th.at)
        y0, y1 = (top, yt) if th.direction == "above" else (yt, top + ph)
        out.append(f'<rect x="{left}" y="{y0:.1f}" width="{pw}" height="{max(0.0, y1 - y0):.1f}" '
                   'fill="#b3261e" fill-opacity="0.07"/>')
        out.append(f'<line x1="{left}" y1="{yt:.1f}" x2="{left + pw}" y2="{yt:.1f}" stroke="#b3261e" '
                   'stroke-width="1.2" stroke-dasharray="5 3"/>')
        out.append(f'<text x="{left + pw - 2}" y="{yt - 3:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#b3261e">{esc(th.label)} ({th.direction} {th.at:g})</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#5b6570"/>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#5b6570"/>')
    for v in (m.min, (m.min + m.max) / 2, m.max):
        out.append(f'<text x="{left - 4}" y="{y(v) + 3:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#5b6570">{v:g}</text>')
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + pw}" y2="{y(v):.1f}" stroke="#c9d1d9" '
                   'stroke-width="0.5"/>')
    for t in turns:
        out.append(f'<text x="{x(t):.1f}" y="{top + ph + 14}" font-size="10" text-anchor="middle" '
                   f'fill="#5b6570">{esc(turn_label(t))}</text>')
    pts = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in m.points)
    out.append(f'<polyline points="{pts}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
    for t, v in m.points:
        out.append(f'<circle cx="{x(t):.1f}" cy="{y(v):.1f}" r="3" fill="#1f4e79">'
                   f"<title>{esc(turn_label(t))}: {v:g}</title></circle>")
        out.append(f'<text x="{x(t):.1f}" y="{y(v) - 6:.1f}" font-size="9" text-anchor="middle" '
                   f'fill="#1b1f24">{v:g}</text>')
    out.append("</svg>")
    return "".join(out)
