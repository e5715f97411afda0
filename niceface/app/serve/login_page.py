"""The login (and logout) page: one small form, every value escaped."""
from __future__ import annotations

import html


def page(*, action: str, title: str, button: str, following: str | None = None, message: str | None = None,
         error: str | None = None, app: str | None = None, username: str = "", notice: str | None = None) -> str:
    """The page's HTML: a form posting to ``action``; ``app`` (the app's title), ``message``
    (its auth_message) and ``error`` shown as plain text; with ``following``, the login's
    fields and where to go next, with ``username`` filled in (after a failed attempt: only
    the password is typed again); ``notice``: news that is not a failure ("You are logged out.")."""
    fields = "" if following is None else FIELDS.format(
        next=html.escape(following), username=html.escape(username),
        focus_name="" if username else " autofocus", focus_password=" autofocus" if username else "")
    return PAGE.format(
        title=html.escape(title), action=html.escape(action), button=html.escape(button), fields=fields,
        tab=html.escape(f"{title} · {app}" if app else title),
        app=f'<p class="app">{html.escape(app)}</p>' if app else "",
        message=f'<p class="message">{html.escape(message)}</p>' if message else "",
        error=(f'<p class="error" role="alert">{html.escape(error)}</p>' if error else "")
        + (f'<p class="notice" role="status">{html.escape(notice)}</p>' if notice else ""))


FIELDS = """<input type="hidden" name="next" value="{next}">
<label>Username <input name="username" autocomplete="username" value="{username}" required{focus_name}></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required{focus_password}>
</label>"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{tab}</title>
<style>
* {{ box-sizing: border-box; }}
body {{ font-family: Roboto, system-ui, sans-serif; background: #f5f6f8; display: grid; place-items: center;
       min-height: 100vh; margin: 0; padding: 1rem; }}
form {{ background: white; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15);
       width: min(22rem, 100%); display: grid; gap: .75rem; }}
input {{ min-width: 0; }}
h1 {{ font-size: 1.4rem; margin: 0; }}
label {{ display: grid; gap: .25rem; font-size: .9rem; color: #333; }}
input {{ font: inherit; padding: .5rem; border: 1px solid #bbb; border-radius: 4px; }}
button {{ font: inherit; padding: .6rem; border: 0; border-radius: 4px; background: #4f46e5; color: white;
         cursor: pointer; }}
.message {{ margin: 0; color: #444; white-space: pre-wrap; }}
.app {{ margin: 0; font-weight: 500; color: #4f46e5; overflow-wrap: anywhere; }}
.error {{ margin: 0; color: #b91c1c; }}
.notice {{ margin: 0; color: #166534; }}
@media (prefers-color-scheme: dark) {{ body {{ background: #121212; }} form {{ background: #1e1e1e; color: #eee; }}
  label, .message {{ color: #ccc; }} input {{ background: #2a2a2a; color: #eee; border-color: #555; }}
  .app {{ color: #a5b4fc; }} .error {{ color: #fca5a5; }} .notice {{ color: #86efac; }} }}
</style></head>
<body><form class="nf-login" method="post" action="{action}">
{app}<h1>{title}</h1>{message}{error}
{fields}
<button type="submit">{button}</button>
</form></body></html>
"""
