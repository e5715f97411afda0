"""[UI] Pages are long-lived: once built, their objects leave the garbage collector's view.

A page is hundreds of objects the collector tracks (hello.py's: ~800 when it had 21 elements, each
with its slot, classes, style, props, listeners; ~1,800 when it had 46). They live as long as
the tab, so every full collection walked all the open pages: with 46 elements ~0.8 ms per open
page, half a second at 1,000, stopping every thread. Half a second after pages were built,
``gc.freeze()`` moves everything tracked so far into the permanent generation, which
collections skip. Refcounting still frees a closed page: NiceGUI
deletes its elements. But most of a closed page stays in cycles (measured: ~1,370 of its
objects; the page's handlers are bound methods of the Page, which holds its fields, and its
client holds the page's delete handler), which only a collection frees. So after
``THAW_AFTER`` closed pages (or as many as are open, whichever is more) one full collection
runs over everything (unfreeze, collect, freeze): one pause as long as an unfrozen full
collection, where without freezing there was one every 25% growth of the tracked objects.

The collection waits ``THAW_DELAY`` after the last of those pages was deleted: a page whose
socket closed is still held for up to 0.1 s by NiceGUI's outbox task, which polls every 0.1 s
while its page has no socket and ends on its next poll. Run at once, the collection found the
pages deleted in the same burst still held (~800 of 1,000 tabs closed together), froze them
again, and they stayed until the next 1,000 pages closed: the next wave of 1,000 clients
needed 67 MiB more instead of reusing what the first wave left.
"""
from __future__ import annotations

import asyncio
import gc

DELAY = 0.5        # s after a page was built: pages opening together are frozen together
THAW_AFTER = 1000  # closed pages
THAW_DELAY = 1.0   # s after the last of them closed: see above


class Freezer:
    def __init__(self) -> None:
        self.waiting: asyncio.TimerHandle | None = None
        self.thawing: asyncio.TimerHandle | None = None
        self.open = self.closed = 0

    def built(self) -> None:
        """A page was built (on the event loop)."""
        self.open += 1
        if self.waiting is None:
            self.waiting = _loop().call_later(DELAY, self.freeze)

    def deleted(self) -> None:
        self.open, self.closed = max(0, self.open - 1), self.closed + 1
        if self.closed >= max(THAW_AFTER, self.open):
            self.closed = 0
            if self.thawing is not None:
                self.thawing.cancel()
            self.thawing = _loop().call_later(THAW_DELAY, self.thaw)

    def freeze(self) -> None:
        self.waiting = None
        gc.freeze()

    def thaw(self) -> None:
        """Free what closed pages left in cycles; freeze the rest again."""
        self.thawing = None
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def _loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()  # pages are built and deleted on the server's loop


FREEZER = Freezer()
