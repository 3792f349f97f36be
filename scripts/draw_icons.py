#!/usr/bin/env python3
# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Draw each addon's app icon (static/description/icon.png, 128x128, flat):
a tier pyramid for key accounts, a heart on a gift for relationship care, a trophy with a
star for showcases. Drawn at 4x and scaled down for smooth edges.

    .venv/bin/python scripts/draw_icons.py
"""

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE, SCALE = 128, 4
S = SIZE * SCALE
WHITE = (255, 255, 255, 255)
GOLD = (246, 190, 60, 255)


def canvas(background):
    image = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, S - 1, S - 1), radius=S // 8, fill=background)
    return image, draw


def p(*xy):
    """Points given on the 128 grid."""
    return [v * SCALE for v in xy]


def key_accounts():
    image, draw = canvas((31, 78, 121, 255))
    # three tiers, the key accounts on top in gold
    draw.polygon(p(64, 22, 80, 50, 48, 50), fill=GOLD)
    draw.polygon(p(44, 57, 84, 57, 96, 78, 32, 78), fill=WHITE)
    draw.polygon(p(28, 85, 100, 85, 112, 106, 16, 106), fill=WHITE)
    return image


def relationship_care():
    image, draw = canvas((192, 57, 72, 255))
    # gift box with its ribbon
    draw.rectangle(p(26, 62, 102, 108), fill=WHITE)
    draw.rectangle(p(22, 50, 106, 64), fill=WHITE)
    ribbon = (192, 57, 72, 255)
    draw.rectangle(p(59, 50, 69, 108), fill=ribbon)
    draw.rectangle(p(22, 64, 106, 68), fill=ribbon)
    # a heart above it
    r = 11
    draw.ellipse(p(42, 12, 42 + 2 * r, 12 + 2 * r), fill=GOLD)
    draw.ellipse(p(64, 12, 64 + 2 * r, 12 + 2 * r), fill=GOLD)
    draw.polygon(p(43, 28, 85, 28, 64, 46), fill=GOLD)
    return image


def star(cx, cy, outer, inner):
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points += [cx + radius * math.cos(angle), cy + radius * math.sin(angle)]
    return p(*points)


def showcase():
    image, draw = canvas((17, 122, 101, 255))
    # trophy: cup, handles, stem and base
    draw.pieslice(p(30, -2, 98, 66), 0, 180, fill=GOLD)
    draw.rectangle(p(30, 18, 98, 32), fill=GOLD)
    width = 5 * SCALE
    draw.arc(p(14, 22, 40, 50), 90, 270, fill=GOLD, width=width)
    draw.arc(p(88, 22, 114, 50), 270, 90, fill=GOLD, width=width)
    draw.rectangle(p(58, 64, 70, 88), fill=GOLD)
    draw.rounded_rectangle(p(40, 88, 88, 106), radius=3 * SCALE, fill=WHITE)
    draw.polygon(star(64, 35, 15, 6.5), fill=WHITE)
    return image


def main():
    for addon, draw in (
        ("key_account_management", key_accounts),
        ("relationship_care", relationship_care),
        ("showcase_program", showcase),
    ):
        path = ROOT / addon / "static" / "description" / "icon.png"
        draw().resize((SIZE, SIZE), Image.LANCZOS).save(path, optimize=True)
        sys.stdout.write(f"written: {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
