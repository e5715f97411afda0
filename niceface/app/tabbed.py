"""TabbedInterface: several Interfaces on one page, a tab each (Gradio 3's ``gr.TabbedInterface``).

    gr.TabbedInterface([hello, bye], ["Hello", "Goodbye"], title="Greetings").launch()

Each tab is its own Interface (inputs, outputs, examples, flags in flagging_dir/<api name>);
its API answers at /api/<api name> ("predict", "predict_1", … unless api_name= says otherwise;
/api/predict is also the first tab's)."""
from __future__ import annotations

from typing import Any

from ..exceptions import ConfigurationError
from ..themes import resolve as resolve_theme
from .core.definition import Definition
from .core.site import Site
from .launchable import Launchable


class TabbedInterface(Launchable):
    """``interface_list`` shown as tabs named ``tab_names`` (default "Tab 1", "Tab 2", …), under
    ``title``, in ``theme``, with ``css`` added to the page's."""

    def __init__(self, interface_list: list[Any], tab_names: list[str] | None = None, title: str | None = None,  # noqa: PLR0917
                 theme: Any = None, analytics_enabled: bool | None = None, css: str | None = None) -> None:
        del analytics_enabled  # niceface sends no analytics
        if not interface_list or not all(isinstance(item, Definition) for item in interface_list):
            raise ConfigurationError("TabbedInterface needs a list of Interfaces")
        names = list(tab_names) if tab_names is not None else [f"Tab {n + 1}" for n in range(len(interface_list))]
        if len(names) != len(interface_list):
            raise ConfigurationError(f"TabbedInterface: {len(names)} tab name(s) for {len(interface_list)} interfaces")
        self.interface_list, self.tab_names, self.title, self.theme, self.css = \
            list(interface_list), [str(name) for name in names], title, theme, css

    def site(self) -> Site:
        extra = [self.css or "", *(d.css or "" for d in self.interface_list)]
        return Site(tuple(zip(self.tab_names, self.interface_list, strict=True)), self.title,
                    resolve_theme(self.theme), "\n".join(part for part in extra if part) or None)

    def __repr__(self) -> str:
        return f"<niceface.TabbedInterface {self.tab_names}>"
