"""Write calls send what the reference documents, and nothing that contradicts the change."""

from __future__ import annotations

import json

CUSTOMER = 12000750  # the reference's example customer (has a US billing address in the sandbox)


async def test_clearing_an_address_country_sends_no_stale_read_only_names(client, requests_to):
    address = (await client.get_address_preferences(CUSTOMER)).billing_address
    assert address.country_id is not None and address.state_id is not None
    cleared = await client.update_address(address.id, {"countryId": None, "stateId": None}, expected=address)
    assert (cleared.country_id, cleared.country, cleared.state_id, cleared.state) == (None, None, None, None)
    sent = json.loads(requests_to("PUT", "/Addresses")[-1].body)
    assert "country" not in sent and "state" not in sent  # read-only names, left out when their ids change


async def test_changing_only_the_state_keeps_the_country(client):
    address = (await client.get_address_preferences(CUSTOMER)).billing_address
    countries = {c.id: c for c in await client.list_countries()}
    other = next(s for s in countries[address.country_id].states if s.id != address.state_id)
    moved = await client.update_address(address.id, {"state_id": other.id}, expected=address)
    assert (moved.country_id, moved.state_id, moved.state) == (address.country_id, other.id, other.name)
    assert moved.line1 == address.line1 and moved.city == address.city
