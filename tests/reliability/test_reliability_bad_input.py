"""Bad input: form fields at, over and far over their limits, awkward unicode and escape sequences, and
fuzzed filter text. Each value is either sent exactly (correctly escaped) or refused in words with
nothing sent; nothing crashes, nothing malformed reaches the server, nothing raw reaches the terminal.
"""

from __future__ import annotations

import asyncio
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_support import (
    as_read,
    mutations,
    no_sleep,
    requests_to,
    settle,
)
from textual.screen import Screen
from textual.widgets import Input, TextArea

from fusebill_tui.core.errors import QueryError
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app
from fusebill_tui.sandbox.fusebill.queryparse import parse_filter, split_params
from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.dialogs.address_form import (
    ADDRESS_FIELDS,
    PREFERENCE_FIELDS,
    AddressForm,
)
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.vendors.fusebill import FusebillClient, Query
from fusebill_tui.vendors.fusebill.models import NOTE_MAX
from fusebill_tui.vendors.fusebill.query import plain_search

CID = 100003
# Combining marks, right-to-left, emoji (a multi-code-point one), CJK, an escape sequence and controls.
AWKWARD = "e\u0301 \u202eمرحبا 👩\u200d💻 山田 \x1b[31mred\x1b[0m \x07\x08 [bold]x[/] % & ; , | * ' \""


def _sized(limit: int) -> str:
    return (AWKWARD * (limit // len(AWKWARD) + 1))[:limit]


async def _open_form(app, pilot, sandbox) -> AddressForm:
    prefs = await app.session.backend.client.get_address_preferences(CID)  # as the customer screen read them
    actions.open_address_form(app, as_read(sandbox, CID), prefs)
    await settle(app, pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
    return app.screen


async def test_address_form_fields_at_over_and_far_over_their_limits(make_app, sandbox, tally):
    """Protection: each field over its documented limit (by one, and ten times over) is refused beside the
    field with nothing sent; every field at its limit, full of awkward characters, is sent exactly."""
    app = make_app()
    app._open_customer_list = lambda: app.push_screen(Screen())
    fields = ADDRESS_FIELDS + PREFERENCE_FIELDS
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        form = await _open_form(app, pilot, sandbox)
        for _label, name, limit in fields:
            for size in (limit + 1, limit * 10):
                for other in fields:
                    form.query_one(f"#f-{other[1]}", Input).value = "ok"
                form.query_one(f"#f-{name}", Input).value = _sized(size)
                start = len(sandbox.request_log)
                form.action_save()
                await settle(app, pilot)
                tally["inputs_tried"] += 1
                assert app.screen is form and not mutations(sandbox, start), (name, size)
                assert f"Too long: {size:,} / {limit:,} characters" in _errors(form), (name, size, _errors(form))
        for _label, name, limit in fields:
            form.query_one(f"#f-{name}", Input).value = _sized(limit)
        start = len(sandbox.request_log)
        form.action_save()
        await settle(app, pilot, lambda: app.screen is not form or bool(_errors(form)))
        assert app.screen is not form, _errors(form)
        tally["inputs_tried"] += 1
    puts = {r.path.lower().rsplit("/", 1)[-1]: r.json() for r in mutations(sandbox, start)}
    tally["requests_checked"] += len(puts)
    for _label, name, limit in ADDRESS_FIELDS:
        assert puts["addresses"][name] == _sized(limit), name
    for _label, name, limit in PREFERENCE_FIELDS:
        assert puts["customeraddresspreferences"][name] == _sized(limit), name


def _errors(form) -> str:
    from fusebill_tui.tui.dialogs.fields import FieldError

    return " ".join(e.message for e in form.query(FieldError))


async def test_notes_at_over_and_far_over_the_limit_with_escape_sequences(make_app, sandbox, tally):
    """Protection: a note at the limit with escape sequences and controls is sent exactly as typed (JSON
    escaped) and shown without them; over the limit it is refused with nothing sent."""
    app = make_app()
    app._open_customer_list = lambda: app.push_screen(Screen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for size in (NOTE_MAX * 10, NOTE_MAX + 1, NOTE_MAX):
            actions.open_note_form(app, as_read(sandbox, CID))
            await settle(app, pilot, lambda: isinstance(app.screen, NoteForm))
            form = app.screen
            text = _sized(size).replace("\r", "")
            form.query_one(TextArea).text = text
            typed = form.query_one(TextArea).text  # what the text area holds (its own line endings)
            start = len(sandbox.request_log)
            form.action_submit()
            await settle(app, pilot, lambda: not form.saving or app.screen is not form)
            tally["inputs_tried"] += 1
            sent = requests_to(sandbox, "POST", "/customerNotes", start)
            if size > NOTE_MAX:
                assert not sent and app.screen is form, size
                form.action_cancel()
                await settle(app, pilot, lambda: app.screen is not form)
            else:
                await settle(app, pilot, lambda: app.screen is not form)
                assert len(sent) == 1 and sent[0].json()["note"] == typed, size
                tally["requests_checked"] += 1


filter_text = st.text(st.one_of(st.sampled_from(list("&;,|*%'\"[]:\\+#?=/ ")),
                                st.characters(blacklist_categories=("Cs",))), max_size=60)


def test_fuzzed_filter_text_is_sent_literally_or_refused(tally):
    """Protection: any text typed in the filter or given to the builder reaches the server as the literal
    text (the server's own parser reads it back), or is refused with a QueryError before sending."""
    app = create_app(SandboxSettings(customers=20, seed=7))
    sandbox = app.state.sandbox

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(text=filter_text)
    def round_trip(text):
        async def send():
            async with FusebillClient("https://sandbox.invalid/v1", DEFAULT_API_KEY, transport=SandboxTransport(app),
                                      sleep=no_sleep) as client:
                start = len(sandbox.request_log)
                try:
                    plan = plain_search(text)
                except QueryError:
                    return None, []
                if plan.query is None:
                    return plan, []
                await client.list_customers(plan.query, page_size=1)
                await client.list_customers(Query().eq("companyName", text), page_size=1) if text else None
                return plan, requests_to(sandbox, "GET", "/v1/customers", start)

        tally["inputs_tried"] += 1
        _plan, sent = asyncio.run(send())
        tally["requests_checked"] += len(sent)
        assert all(r.status == 200 for r in sent), (text, [r.status for r in sent])
        if sent:
            [search] = parse_filter(split_params(sent[0].raw_query)["query"])
            typed = re.sub(r"\\(.)", r"\1", text.strip())  # in typed text a backslash makes the next character literal
            assert typed in "*".join(search.terms[0].pieces), text
        if len(sent) > 1:
            [exact] = parse_filter(split_params(sent[1].raw_query)["query"])
            assert (exact.field == "companyName" and exact.terms[0].text == text) or exact.terms[0].empty, text

    round_trip()
