"""A long name never hides the company: the header shortens the person's name first; Contacts names it too."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from test_tui_detail import open_detail, rendered
from textual.widgets import Static

from fusebill_tui.tui.widgets.panels.overview import DetailsPanel

LONG_NAME = 900011  # a 50-character unicode name at "ACME [EU] [bold]Widgets[/bold]"
COMPANY = "ACME [EU] [bold]Widgets[/bold]"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_company_shows_whole_beside_a_shortened_name(make_app, sandbox, wait_until, size):
    customer = sandbox.store.customer(LONG_NAME)
    name = f"{customer['firstName']} {customer['lastName']}"
    assert len(name) == 50
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_detail(app, pilot, wait_until, LONG_NAME)
        identity = screen.query_one("#customer-identity", Static)
        line = rendered(identity, width=size[0]).splitlines()[0].rstrip()
        assert cell_len(line) <= size[0]
        assert f"  ·  {COMPANY}  ·  #{LONG_NAME}" in line  # whole, literal, before the id
        assert line.lstrip().startswith(name[:10])
        if size[0] >= 120:
            assert name in line  # room enough: the name whole too
        else:
            assert name not in line and "…  ·  " + COMPANY in line  # the name gave way, not the company


async def test_contacts_name_the_company(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, LONG_NAME)
        contacts = rendered(screen.query_one(DetailsPanel).query_one("#overview-contacts", Static))  # key 6
        assert COMPANY in contacts
