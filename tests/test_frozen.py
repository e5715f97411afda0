"""Built pages leave the collector's view (gc.freeze); closed pages' cycles are freed once
enough pages closed (one collection over everything)."""
from __future__ import annotations

import asyncio
import gc
import weakref

import pytest

from niceface.app.ui import frozen


class Node:
    """A page-like object in a cycle: only a collection frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def unfrozen():
    yield
    gc.unfreeze()


def test_a_built_page_is_frozen_soon_after(monkeypatch) -> None:
    monkeypatch.setattr(frozen, "DELAY", 0.01)
    freezer = frozen.Freezer()
    node = Node()

    async def build() -> None:
        freezer.built()
        while freezer.waiting is not None:
            await asyncio.sleep(0.01)
    asyncio.run(build())
    assert gc.is_tracked(node) and gc.get_freeze_count() > 0
    before = gc.get_freeze_count()
    gc.collect()
    assert gc.get_freeze_count() == before  # a full collection leaves the frozen objects alone


def test_cycles_of_closed_pages_are_freed_after_enough_pages_closed(monkeypatch) -> None:
    monkeypatch.setattr(frozen, "THAW_AFTER", 3)
    monkeypatch.setattr(frozen, "THAW_DELAY", 0.01)
    freezer = frozen.Freezer()
    closed = Node()
    gone = weakref.ref(closed)
    gc.freeze()
    del closed
    gc.collect()
    assert gone() is not None  # frozen: a collection does not see it

    async def close_pages() -> None:
        for _ in range(3):
            freezer.built()
        for _ in range(2):
            freezer.deleted()
        await asyncio.sleep(0.05)
        assert freezer.thawing is None and gone() is not None  # two closed pages: not yet
        freezer.deleted()
        assert freezer.thawing is not None and gone() is not None  # the third: soon, not now
        while freezer.thawing is not None:
            await asyncio.sleep(0.01)
    asyncio.run(close_pages())
    assert gone() is None
