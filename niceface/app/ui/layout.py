"""[UI] The frame around an Interface: the top (the title bar: title, who is signed in, light
or dark; the description), the footer ("Use via API"), the Flag buttons, and the colours
(``?__theme=dark|light``, else the system's).

Each is one element whose HTML is made once and shared by the pages that show the same
(nothing in the title bar talks to the server: the light/dark button works in the browser),
and the accent colour is a stylesheet rule rather than an element per page.
"""
from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

from nicegui import context, ui

from .buttons import OUTLINE, button

LOGOUT = ('<form method="post" action="{action}" class="nf-logout-form">'
          '<button type="submit" class="nf-logout">Log out</button></form>')


def prefix(request: Any) -> str:
    """Where the browser sees the app: a trusted proxy's X-Forwarded-Prefix, then root_path."""
    return str(request.headers.get("x-forwarded-prefix") or "").rstrip("/") + str(request.scope.get("root_path", ""))


def theme(request: Any, look: tuple[Any, bool] = (None, False)) -> Any:
    """The Interface's ``theme=`` (``look``: a Gradio theme to apply, or None; start dark?), and
    Quasar's dark mode as the page asks (``?__theme=``), else as the theme or the system says."""
    applied, dark = look
    if applied is not None:
        ui.add_css(_theme_css(applied))
    asked = str(request.query_params.get("__theme", "")).lower()
    wanted = asked if asked in ("dark", "light") else str(request.cookies.get(THEME_COOKIE, ""))
    if asked in ("dark", "light"):
        ui.add_head_html(f"<script>{_remember(asked)}</script>")
    value = {"dark": True, "light": False}.get(wanted, True if dark else None)
    if value is None and context.client.page.resolve_dark() is None:
        return None  # the page starts as the system says already (launch: dark=None): no element needed
    return ui.dark_mode(value)


#: the light/dark choice outlives the page: ?__theme= or the button stores it in this cookie, and a
#: later page without ?__theme= starts from it (else from the theme or the system)
THEME_COOKIE = "nf_theme"


def _remember(choice: str) -> str:
    return f"document.cookie = '{THEME_COOKIE}=' + {choice} + '; path=/; max-age=31536000; SameSite=Lax';" \
        if choice.startswith("(") else \
        f"document.cookie = '{THEME_COOKIE}={choice}; path=/; max-age=31536000; SameSite=Lax';"


def head(title: str | None, username: str | None, prefix: str, description: str | None, *,
         framed: bool = True) -> None:
    """The top of a page, one element: the title bar (``framed``: title, who is signed in, light
    or dark) and the description under it. The element itself is not drawn (``display:
    contents``): the bar spans the page's width, the description the panels' (niceface.css)."""
    content = _head(title or "", username, prefix, description or "", framed)
    if not content:
        return
    top = ui.html(content, sanitize=False).classes("nf-head")
    if framed:
        top.on("click", js_handler="(e) => { if (!e.target.closest('.nf-theme')) return; "
                                   "Quasar.Dark.toggle(); "  # in the browser: it knows what is shown
                                   + _remember("(Quasar.Dark.isActive ? 'dark' : 'light')") + " }")


def title_bar(title: str | None, username: str | None, prefix: str) -> None:
    head(title, username, prefix, None)


@functools.lru_cache(maxsize=256)
def _head(title: str, username: str | None, prefix: str, description: str, framed: bool) -> str:
    plain = "" if title or username else " nf-header-plain"  # nothing to say: only the light switch
    bar = (f'<div class="nicegui-row row nf-header{plain} w-full items-center no-wrap gap-3 px-4 py-2">'
           f'{_title_bar(title, username, prefix)}</div>') if framed else ""
    return bar + (f'<div class="nf-description nicegui-markdown">{markdown(description)}</div>' if description else "")


def markdown(text: str) -> str:
    """``text`` (the app's own Markdown: description, article) as HTML, as ``ui.markdown`` renders it."""
    from nicegui.elements.markdown import prepare_content
    return prepare_content(text, extras=" ".join(ui.markdown.default_extras))


#: Quasar's markup of a flat, round, dense button with the two icons (one shown at a time, by CSS)
THEME_BUTTON = (
    '<button class="q-btn q-btn-item non-selectable no-outline q-btn--flat q-btn--round text-primary '
    'q-btn--actionable q-focusable q-hoverable q-btn--dense nf-theme" tabindex="0" type="button" '
    'aria-label="Light or dark"><span class="q-focus-helper"></span><span class="q-btn__content text-center col '
    'items-center q-anchor--skip justify-center row"><i class="q-icon notranslate material-icons nf-to-dark" '
    'aria-hidden="true">dark_mode</i><i class="q-icon notranslate material-icons nf-to-light" aria-hidden="true">'
    'light_mode</i></span></button>')


@functools.lru_cache(maxsize=256)
def _title_bar(title: str, username: str | None, prefix: str) -> str:
    user = "" if username is None else (
        f'<div class="nf-user"><span class="nf-user-prefix">Signed in as </span>{html.escape(username)}</div>'
        + LOGOUT.format(action=html.escape(f"{prefix}/logout")))
    return f'<div class="nf-title grow">{html.escape(title)}</div>{user}{THEME_BUTTON}'


def flag_buttons(options: list[str | None], flag: Callable[[int], Any]) -> None:
    """The Flag buttons (one per flagging option), one element: a click on button ``n`` calls ``flag(n)``."""
    buttons = ui.html(_flag_buttons(tuple(options)), sanitize=False).classes("nicegui-row row nf-flagging w-full gap-2")

    def clicked(event: Any) -> Any:
        number = event.args.get("flag") if isinstance(event.args, dict) else None
        return flag(number) if isinstance(number, int) and 0 <= number < len(options) else None
    buttons.on("click", clicked, js_handler="(e) => { const b = e.target.closest('[data-flag]'); "
                                            "if (b) emit({flag: +b.dataset.flag}); }")


@functools.lru_cache(maxsize=256)
def _flag_buttons(options: tuple[str | None, ...]) -> str:
    return "".join(button(f"Flag as {option}" if option is not None else "Flag", OUTLINE, "nf-flag",
                          f' data-flag="{number}"') for number, option in enumerate(options))


def footer(prefix: str, *, show_api: bool = True) -> None:
    ui.html(footer_html(prefix, show_api), sanitize=False).classes("nf-tail")


@functools.lru_cache(maxsize=256)
def footer_html(prefix: str, show_api: bool) -> str:
    """The footer ("Use via API", "Built with niceface")."""
    api = f'<a href="{html.escape(prefix)}/use-via-api">Use via API</a> · ' if show_api else ""
    return (f'<div class="nicegui-row row nf-footer w-full justify-center gap-3 py-4"><div>{api}'
            f'<span>Built with niceface</span></div></div>')


def _theme_css(applied: Any) -> str:
    """A theme's variables, and its accent as Quasar's primary colour."""
    return f"{applied.css()}body {{ --q-primary: {applied.accent} !important; }}\n"


def slot_of(parent: Any, first: int) -> Any:
    """The element that holds a field's widget (the elements from child ``first`` of ``parent``
    on, which its render just made): that one element itself, else a column they are moved into."""
    made = parent.default_slot.children[first:]
    if len(made) == 1:
        return made[0].classes("nf-slot")
    with parent:
        column = ui.column().classes("nf-slot w-full gap-1")
    column.move(parent, target_index=first)
    for element in made:
        element.move(column)
    return column
