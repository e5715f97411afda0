"""Gradio 3's themes (``theme=gr.themes.Soft(primary_hue="emerald")``, ``theme="soft"``), mapped
onto niceface's page: a theme's main colour is the accent of buttons, links and bars; its
neutral colour tints the background, panels and borders; its radius and font carry over.

Fonts are named, never downloaded (a GoogleFont is used when the visitor's machine has it,
else the next font in the list). A theme from the Hugging Face Hub ("gradio/seafoam") cannot
be fetched: the page keeps its own look and the log says so."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("niceface")
_STEPS = ("c50", "c100", "c200", "c300", "c400", "c500", "c600", "c700", "c800", "c900", "c950")


@dataclass(frozen=True)
class Color:
    """A colour scale, as Gradio's: ``c50`` (lightest) … ``c950`` (darkest)."""

    c50: str
    c100: str
    c200: str
    c300: str
    c400: str
    c500: str
    c600: str
    c700: str
    c800: str
    c900: str
    c950: str
    name: str | None = None


def _scale(name: str, *hexes: str) -> Color:
    steps: dict[str, Any] = dict(zip(_STEPS, hexes, strict=True))
    return Color(**steps, name=name)


class colors:  # noqa: N801 - Gradio's module name
    """The Tailwind colour scales Gradio's themes are made of."""

    slate = _scale("slate", "#f8fafc", "#f1f5f9", "#e2e8f0", "#cbd5e1", "#94a3b8", "#64748b", "#475569", "#334155",
                   "#1e293b", "#0f172a", "#020617")
    gray = _scale("gray", "#f9fafb", "#f3f4f6", "#e5e7eb", "#d1d5db", "#9ca3af", "#6b7280", "#4b5563", "#374151",
                  "#1f2937", "#111827", "#030712")
    zinc = _scale("zinc", "#fafafa", "#f4f4f5", "#e4e4e7", "#d4d4d8", "#a1a1aa", "#71717a", "#52525b", "#3f3f46",
                  "#27272a", "#18181b", "#09090b")
    neutral = _scale("neutral", "#fafafa", "#f5f5f5", "#e5e5e5", "#d4d4d4", "#a3a3a3", "#737373", "#525252",
                     "#404040", "#262626", "#171717", "#0a0a0a")
    stone = _scale("stone", "#fafaf9", "#f5f5f4", "#e7e5e4", "#d6d3d1", "#a8a29e", "#78716c", "#57534e", "#44403c",
                   "#292524", "#1c1917", "#0c0a09")
    red = _scale("red", "#fef2f2", "#fee2e2", "#fecaca", "#fca5a5", "#f87171", "#ef4444", "#dc2626", "#b91c1c",
                 "#991b1b", "#7f1d1d", "#450a0a")
    orange = _scale("orange", "#fff7ed", "#ffedd5", "#fed7aa", "#fdba74", "#fb923c", "#f97316", "#ea580c", "#c2410c",
                    "#9a3412", "#7c2d12", "#431407")
    amber = _scale("amber", "#fffbeb", "#fef3c7", "#fde68a", "#fcd34d", "#fbbf24", "#f59e0b", "#d97706", "#b45309",
                   "#92400e", "#78350f", "#451a03")
    yellow = _scale("yellow", "#fefce8", "#fef9c3", "#fef08a", "#fde047", "#facc15", "#eab308", "#ca8a04", "#a16207",
                    "#854d0e", "#713f12", "#422006")
    lime = _scale("lime", "#f7fee7", "#ecfccb", "#d9f99d", "#bef264", "#a3e635", "#84cc16", "#65a30d", "#4d7c0f",
                  "#3f6212", "#365314", "#1a2e05")
    green = _scale("green", "#f0fdf4", "#dcfce7", "#bbf7d0", "#86efac", "#4ade80", "#22c55e", "#16a34a", "#15803d",
                   "#166534", "#14532d", "#052e16")
    emerald = _scale("emerald", "#ecfdf5", "#d1fae5", "#a7f3d0", "#6ee7b7", "#34d399", "#10b981", "#059669",
                     "#047857", "#065f46", "#064e3b", "#022c22")
    teal = _scale("teal", "#f0fdfa", "#ccfbf1", "#99f6e4", "#5eead4", "#2dd4bf", "#14b8a6", "#0d9488", "#0f766e",
                  "#115e59", "#134e4a", "#042f2e")
    cyan = _scale("cyan", "#ecfeff", "#cffafe", "#a5f3fc", "#67e8f9", "#22d3ee", "#06b6d4", "#0891b2", "#0e7490",
                  "#155e75", "#164e63", "#083344")
    sky = _scale("sky", "#f0f9ff", "#e0f2fe", "#bae6fd", "#7dd3fc", "#38bdf8", "#0ea5e9", "#0284c7", "#0369a1",
                 "#075985", "#0c4a6e", "#082f49")
    blue = _scale("blue", "#eff6ff", "#dbeafe", "#bfdbfe", "#93c5fd", "#60a5fa", "#3b82f6", "#2563eb", "#1d4ed8",
                  "#1e40af", "#1e3a8a", "#172554")
    indigo = _scale("indigo", "#eef2ff", "#e0e7ff", "#c7d2fe", "#a5b4fc", "#818cf8", "#6366f1", "#4f46e5", "#4338ca",
                    "#3730a3", "#312e81", "#1e1b4b")
    violet = _scale("violet", "#f5f3ff", "#ede9fe", "#ddd6fe", "#c4b5fd", "#a78bfa", "#8b5cf6", "#7c3aed", "#6d28d9",
                    "#5b21b6", "#4c1d95", "#2e1065")
    purple = _scale("purple", "#faf5ff", "#f3e8ff", "#e9d5ff", "#d8b4fe", "#c084fc", "#a855f7", "#9333ea", "#7e22ce",
                    "#6b21a8", "#581c87", "#3b0764")
    fuchsia = _scale("fuchsia", "#fdf4ff", "#fae8ff", "#f5d0fe", "#f0abfc", "#e879f9", "#d946ef", "#c026d3",
                     "#a21caf", "#86198f", "#701a75", "#4a044e")
    pink = _scale("pink", "#fdf2f8", "#fce7f3", "#fbcfe8", "#f9a8d4", "#f472b6", "#ec4899", "#db2777", "#be185d",
                  "#9d174d", "#831843", "#500724")
    rose = _scale("rose", "#fff1f2", "#ffe4e6", "#fecdd3", "#fda4af", "#fb7185", "#f43f5e", "#e11d48", "#be123c",
                  "#9f1239", "#881337", "#4c0519")


@dataclass(frozen=True)
class Size:
    """A size scale (Gradio's ``sizes``): xxs … xxl; niceface uses ``md`` (radius, text)."""

    xxs: str
    xs: str
    sm: str
    md: str
    lg: str
    xl: str
    xxl: str
    name: str | None = None


class sizes:  # noqa: N801 - Gradio's module name
    radius_none = Size("0px", "0px", "0px", "0px", "0px", "0px", "0px", name="radius_none")
    radius_sm = Size("1px", "1px", "2px", "4px", "6px", "8px", "12px", name="radius_sm")
    radius_md = Size("1px", "2px", "4px", "6px", "8px", "12px", "22px", name="radius_md")
    radius_lg = Size("2px", "4px", "6px", "8px", "12px", "16px", "24px", name="radius_lg")
    text_sm = Size("8px", "9px", "11px", "13px", "16px", "20px", "24px", name="text_sm")
    text_md = Size("9px", "10px", "12px", "14px", "16px", "22px", "26px", name="text_md")
    text_lg = Size("10px", "12px", "14px", "16px", "20px", "24px", "28px", name="text_lg")
    spacing_sm = Size("1px", "1px", "2px", "4px", "6px", "9px", "12px", name="spacing_sm")
    spacing_md = Size("1px", "2px", "4px", "6px", "8px", "10px", "16px", name="spacing_md")
    spacing_lg = Size("2px", "4px", "6px", "8px", "10px", "14px", "28px", name="spacing_lg")


@dataclass(frozen=True)
class Font:
    """A font by name (used if the visitor's machine has it)."""

    name: str

    def stack(self) -> str:
        return self.name if self.name in ("sans-serif", "serif", "monospace", "system-ui") or \
            self.name.startswith("ui-") else f'"{self.name}"'


class GoogleFont(Font):
    """A Google font by name: named in the page, never downloaded (the machine may be offline)."""

    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        super().__init__(name)
        object.__setattr__(self, "weights", tuple(weights))


#: Gradio theme variables (``theme.set(...)``) that niceface's page has a place for
SETTABLE = {"body_background_fill": "--nf-bg", "background_fill_primary": "--nf-bg",
            "block_background_fill": "--nf-panel", "background_fill_secondary": "--nf-panel",
            "body_text_color": "--nf-text", "body_text_color_subdued": "--nf-muted",
            "border_color_primary": "--nf-border", "block_border_color": "--nf-border",
            "button_primary_background_fill": "--nf-accent", "color_accent": "--nf-accent",
            "color_accent_soft": "--nf-accent-soft", "block_radius": "--nf-radius"}


@dataclass
class Base:
    """Gradio's theme: a primary (accent), secondary and neutral colour, sizes and fonts."""

    primary_hue: Color | str = field(default_factory=lambda: colors.blue)
    secondary_hue: Color | str = field(default_factory=lambda: colors.blue)
    neutral_hue: Color | str = field(default_factory=lambda: colors.gray)
    text_size: Size | str = field(default_factory=lambda: sizes.text_md)
    spacing_size: Size | str = field(default_factory=lambda: sizes.spacing_md)
    radius_size: Size | str = field(default_factory=lambda: sizes.radius_md)
    font: Font | str | Iterable[Font | str] = ("ui-sans-serif", "system-ui", "sans-serif")
    font_mono: Font | str | Iterable[Font | str] = ("ui-monospace", "Consolas", "monospace")
    overrides: dict[str, Any] = field(default_factory=dict, init=False)
    dark_overrides: dict[str, Any] = field(default_factory=dict, init=False)

    def set(self, **variables: Any) -> Base:
        """Set Gradio theme variables (``body_background_fill="#fafafa"``, ``*_dark`` for dark
        mode); those without a place on niceface's page change nothing."""
        for name, value in variables.items():
            dark = name.endswith("_dark")
            key = name.removesuffix("_dark")
            if key in SETTABLE:
                (self.dark_overrides if dark else self.overrides)[key] = value
            else:
                log.debug("theme.set(%s=): niceface's page has no place for it", name)
        return self

    def css(self) -> str:
        """The page's colour, radius and font variables for this theme."""
        primary, neutral = _color(self.primary_hue), _color(self.neutral_hue)
        radius = _size(self.radius_size, sizes).lg
        light = {"--nf-accent": primary.c600, "--nf-accent-soft": primary.c50, "--nf-bg": neutral.c50,
                 "--nf-panel": "#ffffff", "--nf-border": neutral.c200, "--nf-text": neutral.c800,
                 "--nf-muted": neutral.c600, "--nf-radius": radius}
        dark = {"--nf-accent": primary.c400, "--nf-accent-soft": primary.c950, "--nf-bg": neutral.c950,
                "--nf-panel": neutral.c900, "--nf-border": neutral.c700, "--nf-text": neutral.c100,
                "--nf-muted": neutral.c400}
        light.update({SETTABLE[k]: _css_value(v, light) for k, v in self.overrides.items()})
        dark.update({SETTABLE[k]: _css_value(v, dark) for k, v in self.dark_overrides.items()})
        fonts = ", ".join(_font(f) for f in _fonts(self.font))
        text = _size(self.text_size, sizes).md
        return (f":root {{ {_declarations(light)} }}\nbody.body--dark {{ {_declarations(dark)} }}\n"
                f"body, .q-field__native, .q-btn {{ font-family: {fonts}; font-size: {text}; }}\n")

    @property
    def accent(self) -> str:
        return str(self.overrides.get("button_primary_background_fill") or _color(self.primary_hue).c600)


class Default(Base):
    def __init__(self, **options: Any) -> None:
        super().__init__(**{"primary_hue": colors.orange, "neutral_hue": colors.gray, **options})


class Soft(Base):
    def __init__(self, **options: Any) -> None:
        super().__init__(**{"primary_hue": colors.indigo, "neutral_hue": colors.gray,
                            "radius_size": sizes.radius_lg, **options})


class Glass(Base):
    def __init__(self, **options: Any) -> None:
        super().__init__(**{"primary_hue": colors.stone, "neutral_hue": colors.stone,
                            "radius_size": sizes.radius_sm, **options})


class Monochrome(Base):
    def __init__(self, **options: Any) -> None:
        super().__init__(**{"primary_hue": colors.neutral, "secondary_hue": colors.neutral,
                            "neutral_hue": colors.neutral, "radius_size": sizes.radius_sm, **options})


#: theme= as a name (Gradio 3's, and Gradio 2's older ones)
NAMED: dict[str, type[Base] | None] = {"default": None, "base": Base, "soft": Soft, "glass": Glass,
                                       "monochrome": Monochrome, "huggingface": Default, "grass": None,
                                       "peach": None, "dark": None}


def resolve(theme: Any) -> tuple[Base | None, bool]:
    """(the theme to apply, or None for niceface's own look; whether the page starts dark)."""
    if theme is None or isinstance(theme, Base):
        return theme, False
    if isinstance(theme, type) and issubclass(theme, Base):
        return theme(), False
    if not isinstance(theme, str):
        log.warning("theme=%r: expected a gr.themes theme or a name; the page keeps its own look", theme)
        return None, False
    name = theme.strip().lower()
    dark = name.startswith("dark")
    name = name.removeprefix("dark").strip("-") or "default"
    if "/" in name:
        log.warning("theme=%r: themes from the Hugging Face Hub cannot be fetched here; the page keeps its own look",
                    theme)
        return None, dark
    if name not in NAMED:
        log.warning("theme=%r: no such theme (known: %s); the page keeps its own look", theme, ", ".join(NAMED))
        return None, dark
    made = NAMED[name]
    return (made() if made is not None else None), dark


def _color(hue: Color | str) -> Color:
    if isinstance(hue, Color):
        return hue
    found = getattr(colors, str(hue).lower(), None)
    if isinstance(found, Color):
        return found
    log.warning("theme: no colour named %r; using gray", hue)
    return colors.gray


def _size(size: Size | str, scale: type) -> Size:
    if isinstance(size, Size):
        return size
    found = getattr(scale, str(size), None)
    return found if isinstance(found, Size) else sizes.radius_md


def _fonts(font: Any) -> list[Any]:
    return [font] if isinstance(font, (str, Font)) else list(font)


def _font(font: Font | str) -> str:
    return font.stack() if isinstance(font, Font) else Font(font).stack()


def _css_value(value: Any, variables: dict[str, str]) -> str:
    """A theme.set() value: CSS, where Gradio's "*primary_500" names a colour of the theme."""
    text = str(value)
    return variables.get("--nf-accent", text) if text.startswith("*primary") else text


def _declarations(variables: dict[str, str]) -> str:
    return " ".join(f"{name}: {value};" for name, value in variables.items())


__all__ = ["Base", "Color", "Default", "Font", "Glass", "GoogleFont", "Monochrome", "Size", "Soft", "colors", "sizes"]
