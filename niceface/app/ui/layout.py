"""[UI] The frame around an Interface: the title bar (title, who is signed in, light or dark),
the footer ("Use via API"), and the colours (``?__theme=dark|light``, else the system's)."""
from __future__ import annotations

import html
from typing import Any

from nicegui import ui

ACCENT = "#4f46e5"
LOGOUT = ('<form method="post" action="{action}" class="nf-logout-form">'
          '<button type="submit" class="nf-logout">Log out</button></form>')


def prefix(request: Any) -> str:
    """Where the browser sees the app: a trusted proxy's X-Forwarded-Prefix, then root_path."""
    return str(request.headers.get("x-forwarded-prefix") or "").rstrip("/") + str(request.scope.get("root_path", ""))


def theme(request: Any, look: tuple[Any, bool] = (None, False)) -> Any:
    """The Interface's ``theme=`` (``look``: a Gradio theme to apply, or None; start dark?), and
    Quasar's dark mode as the page asks (``?__theme=``), else as the theme or the system says."""
    applied, dark = look
    ui.colors(primary=applied.accent if applied is not None else ACCENT)
    if applied is not None:
        ui.add_css(applied.css())
    asked = str(request.query_params.get("__theme", "")).lower()
    wanted = asked if asked in ("dark", "light") else str(request.cookies.get(THEME_COOKIE, ""))
    if asked in ("dark", "light"):
        ui.add_head_html(f"<script>{_remember(asked)}</script>")
    return ui.dark_mode({"dark": True, "light": False}.get(wanted, True if dark else None))


#: the light/dark choice outlives the page: ?__theme= or the button stores it in this cookie, and a
#: later page without ?__theme= starts from it (else from the theme or the system)
THEME_COOKIE = "nf_theme"


def _remember(choice: str) -> str:
    return f"document.cookie = '{THEME_COOKIE}=' + {choice} + '; path=/; max-age=31536000; SameSite=Lax';" \
        if choice.startswith("(") else \
        f"document.cookie = '{THEME_COOKIE}={choice}; path=/; max-age=31536000; SameSite=Lax';"


def title_bar(title: str | None, username: str | None, prefix: str) -> None:
    plain = "" if title or username else " nf-header-plain"  # nothing to say: only the light switch
    with ui.row().classes(f"nf-header{plain} w-full items-center no-wrap gap-3 px-4 py-2"):
        ui.label(title or "").classes("nf-title grow")
        if username is not None:
            ui.label(f"Signed in as {username}").classes("nf-user")
            ui.html(LOGOUT.format(action=html.escape(f"{prefix}/logout")), sanitize=False)
        with ui.button().props('flat round dense aria-label="Light or dark"').classes("nf-theme") as toggle:
            ui.icon("dark_mode").classes("nf-to-dark")
            ui.icon("light_mode").classes("nf-to-light")
        toggle.on("click", js_handler="() => { Quasar.Dark.toggle(); "  # in the browser: it knows what is shown
                                      + _remember("(Quasar.Dark.isActive ? 'dark' : 'light')") + " }")


def footer(prefix: str, *, show_api: bool = True) -> None:
    api = f'<a href="{html.escape(prefix)}/use-via-api">Use via API</a> · ' if show_api else ""
    with ui.row().classes("nf-footer w-full justify-center gap-3 py-4"):
        ui.html(f"{api}<span>Built with niceface</span>", sanitize=False)
