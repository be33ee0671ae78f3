"""The address form: billing or shipping address, country/state from /Countries, and the address preferences."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from fusebill_tui.core.errors import StaleObject
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.dialogs.address_changes import (
    USE_BILLING,
    address_changes,
    address_values,
    merge_edits,
    new_address_fields,
    preference_changes,
    preference_values,
)
from fusebill_tui.tui.dialogs.fields import FieldError, LimitedField
from fusebill_tui.tui.errors import change_failure, describe
from fusebill_tui.tui.perf.textual_private import select_options
from fusebill_tui.tui.text import clean
from fusebill_tui.tui.typeahead import screen_ready
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved
from fusebill_tui.vendors import views
from fusebill_tui.vendors.views import (
    AddressPreferences,
    Country,
    Customer,
)
from fusebill_tui.vendors.views import EditableAddress as Address

if TYPE_CHECKING:
    from textual.widget import Widget

    from fusebill_tui.tui.session import Session

#: The validated changes of one save, as one call on the session.
SavePlan = Callable[["Session"], Awaitable[Any]]
#: Runs a save plan (on the app, so it outlives the form); the form closes once it succeeded.
OnSave = Callable[["AddressForm", SavePlan], None]

ADDRESS_FIELDS = (
    ("Company", "companyName", views.ADDRESS_COMPANY_MAX),
    ("Address line 1", "line1", views.ADDRESS_LINE_MAX),
    ("Address line 2", "line2", views.ADDRESS_LINE_MAX),
    ("City", "city", views.CITY_MAX),
    ("Postal / zip code", "postalZip", views.POSTAL_ZIP_MAX),
)
# The reference's Address Preferences object says contactName 100 / shippingInstructions 1000,
# its Update call says 50 for both. The form enforces the Update call's (stricter) 50, the
# limits views.py defines, so nothing the form accepts can be refused by the server.
PREFERENCE_FIELDS = (
    ("Contact name", "contactName", views.CONTACT_NAME_MAX),
    ("Shipping instructions", "shippingInstructions", views.SHIPPING_INSTRUCTIONS_MAX),
)
STALE_MESSAGE = (
    "This changed on the server since the form opened, so nothing was overwritten and your input is kept. "
    "Reload (ctrl+r) shows the latest values, keeping your edits; then save again."
)


def _field_id(name: str) -> str:
    return f"f-{name}"


class AddressForm(ModalScreen[bool | None]):
    """Edit one customer's billing or shipping address and its preferences; ctrl+s saves only what changed."""

    CSS_PATH = "address_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="dialog.submit", tooltip="Save what you changed"),
        Binding("ctrl+r", "reload", "Reload", id="dialog.reload", tooltip="Load the latest values, keeping your edits"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, customer: Customer, preferences: AddressPreferences | None, *,
                 on_save: OnSave | None = None) -> None:
        super().__init__()
        self.customer = customer
        self.customer_id = customer.id
        self.preferences = preferences
        self.on_save = on_save
        self.countries: list[Country] = []
        self.address_type = "Billing"
        self.drafts: dict[str, dict[str, Any]] = {}
        self.saving = False
        self.ready = False
        self.load_failed = False
        self._states_for: int | None = None

    # Layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Type choice, address fields, place, preferences, messages and buttons."""
        with Vertical(id="address-box"):
            yield Static(Text(f"Address · {clean(self.customer.display_name)} (#{self.customer_id})"),
                         id="address-title")
            # Not a focus stop of its own: it scrolls to whichever field has focus.
            with VerticalScroll(id="address-body", can_focus=False):
                with Horizontal(id="type-row"):
                    yield Label("Address", classes="row-label")
                    with RadioSet(id="address-type", compact=True):
                        yield RadioButton("Billing", value=True, id="type-Billing")
                        yield RadioButton("Shipping", id="type-Shipping")
                yield Static("", id="address-mode", classes="muted")
                for label, name, limit in ADDRESS_FIELDS:
                    yield LimitedField(label, _field_id(name), limit)
                with Horizontal(classes="select-row"):
                    yield Label("Country", classes="row-label")
                    yield Select[int]([], prompt="(none)", id="country", compact=True)
                with Horizontal(classes="select-row"):
                    yield Label("State / province", classes="row-label")
                    yield Select[int]([], prompt="(none)", id="state", compact=True)
                yield FieldError(id="state-error", classes="row-error")
                yield Static("Preferences", classes="section")
                for label, name, limit in PREFERENCE_FIELDS:
                    yield LimitedField(label, _field_id(name), limit)
                yield Checkbox("Use the billing address as the shipping address", id="use-billing", compact=True)
            yield FieldError(id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Static("ctrl+s save · ctrl+r reload · esc cancel", classes="dialog-hint")
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Reload", id="reload", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True, disabled=True)

    def on_mount(self) -> None:
        """Load the countries (and the preferences, when not given) and fill the form."""
        self.query_one("#address-mode", Static).update(Text("Loading…"))
        self.query_one("#address-type", RadioSet).focus()  # the first choice, so Tab walks the form in order
        self._load(self.preferences is None)

    # Loading -----------------------------------------------------------------

    @work(exclusive=True, group="address-load", exit_on_error=False)
    async def _load(self, fetch_preferences: bool, *, merge: bool = False) -> None:
        session = fusebill_app(self).session
        try:
            countries = await session.countries()
            preferences = self.preferences
            if fetch_preferences:
                if merge:
                    session.changed(self._required_id())  # a reload must reach the server
                preferences = await session.address_preferences(self._required_id())
        except Exception as error:
            self.query_one("#form-error", FieldError).show(f"Could not load: {describe(error, secret=self._secrets())}")
            self.query_one("#address-mode", Static).update(Text("Not loaded; press ctrl+r to try again."))
            self.load_failed = True
            screen_ready(self)
            return
        self.countries = countries
        self._fill_countries()
        if merge and self.ready:
            self._apply_reload(preferences)
        else:
            self.preferences = preferences
            self._show_type(self.address_type, self._original(self.address_type))
            self._show_preferences(preference_values(preferences))
        self.ready = True
        self.query_one("#save", Button).disabled = False
        screen_ready(self)

    @property
    def takes_keys(self) -> bool:
        """Keys typed as the form opens wait for its values (else the load would overwrite what was typed)."""
        return self.ready or self.load_failed

    def _fill_countries(self) -> None:
        select = self.query_one("#country", Select)
        if len(select_options(select)) <= 1:
            select.set_options([(clean(c.name), c.id) for c in self.countries if c.id is not None])

    # Values ------------------------------------------------------------------

    def address(self, address_type: str | None = None) -> Address | None:
        """The server's address of that type (as of the last load)."""
        prefs = self.preferences
        if prefs is None:
            return None
        kind = address_type or self.address_type
        address: Address | None = prefs.billing_address if kind == "Billing" else prefs.shipping_address
        return address

    def _original(self, address_type: str) -> dict[str, Any]:
        return address_values(self.address(address_type))

    def field(self, name: str) -> LimitedField:
        """The form field for a JSON field name."""
        return self.query_one(f"#{_field_id(name)}-field", LimitedField)

    def address_form_values(self) -> dict[str, Any]:
        """The address as the user has it now."""
        values: dict[str, Any] = {name: self.field(name).value for _label, name, _limit in ADDRESS_FIELDS}
        country = self.query_one("#country", Select).value
        state = self.query_one("#state", Select).value
        values["countryId"] = country if isinstance(country, int) else None
        values["stateId"] = state if isinstance(state, int) else None
        return values

    def preference_form_values(self) -> dict[str, Any]:
        """The preferences as the user has them now."""
        values: dict[str, Any] = {name: self.field(name).value for _label, name, _limit in PREFERENCE_FIELDS}
        values[USE_BILLING] = self.query_one("#use-billing", Checkbox).value
        return values

    def _show_type(self, address_type: str, values: dict[str, Any]) -> None:
        self.address_type = address_type
        for _label, name, _limit in ADDRESS_FIELDS:
            self.field(name).set_value(values.get(name))
        self._set_place(values.get("countryId"), values.get("stateId"))
        kind = address_type.lower()
        mode = (f"Editing the {kind} address." if self.address(address_type) is not None
                else f"This customer has no {kind} address yet: saving creates one.")
        self.query_one("#address-mode", Static).update(Text(mode))

    def _show_preferences(self, values: dict[str, Any]) -> None:
        for _label, name, _limit in PREFERENCE_FIELDS:
            self.field(name).set_value(values.get(name))
        self.query_one("#use-billing", Checkbox).value = bool(values.get(USE_BILLING))

    def _country(self, country_id: int | None) -> Country | None:
        return next((c for c in self.countries if c.id == country_id), None)

    def _set_place(self, country_id: int | None, state_id: int | None) -> None:
        """Show a country and its states; the state list always belongs to the shown country."""
        self._fill_states(country_id)
        country = self.query_one("#country", Select)
        state = self.query_one("#state", Select)
        shown = self._country(country_id)
        country.value = country_id if shown is not None else Select.NULL
        if shown is not None and state_id is not None and any(s.id == state_id for s in shown.states):
            state.value = state_id
        else:
            state.value = Select.NULL

    def _fill_states(self, country_id: int | None) -> None:
        country = self._country(country_id)
        states = country.states if country else []
        select = self.query_one("#state", Select)
        select.set_options([(clean(s.name), s.id) for s in states if s.id is not None])
        select.disabled = not states
        self._states_for = country_id
        self.query_one("#state-error", FieldError).show(None)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new country brings its own states (the old state cannot apply)."""
        if event.select.id == "country":
            value = event.value if isinstance(event.value, int) else None
            if value != self._states_for:
                self._fill_states(value)
        elif event.select.id == "state":
            self.query_one("#state-error", FieldError).show(None)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Switch between the billing and shipping address, keeping what was typed in each."""
        event.stop()
        new_type = "Shipping" if event.pressed.id == "type-Shipping" else "Billing"
        if not self.ready or new_type == self.address_type:
            return
        self.drafts[self.address_type] = self.address_form_values()
        self._show_type(new_type, self.drafts.get(new_type) or self._original(new_type))

    # Validation and saving ---------------------------------------------------

    def validate_form(self) -> bool:
        """Check every field against its documented limit; show each error beside its field."""
        valid = True
        first: Widget | None = None
        for _label, name, _limit in ADDRESS_FIELDS + PREFERENCE_FIELDS:
            if self.field(name).validate_now():
                valid = False
                first = first or self.field(name).input
        values = self.address_form_values()
        country = self._country(values["countryId"])
        state_error = None
        if country is not None and country.states and values["stateId"] is None:
            state_error = f"Choose a state or province of {clean(country.name)}."
        self.query_one("#state-error", FieldError).show(state_error)
        if state_error:
            valid = False
            first = first or self.query_one("#state", Select)
        if first is not None:
            first.focus()
        return valid

    def action_save(self) -> None:
        """Validate, then send only what changed (nothing is sent while a field is invalid)."""
        if self.saving or not self.ready:
            return
        form_error = self.query_one("#form-error", FieldError)
        form_error.show(None)
        if not self.validate_form():
            form_error.show("Fix the fields marked above; nothing was sent.")
            return
        plan = self._plan()
        if plan is None:
            form_error.show("Nothing changed, so nothing was sent.")
            return
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self.query_one("#save", Button).label = "Saving…"
        if self.on_save is None:
            self.dismiss(None)
            return
        self.on_save(self, plan)

    def _required_id(self) -> int:
        if self.customer_id is None:
            raise ValueError("This customer has no id.")
        return self.customer_id

    def _plan(self) -> SavePlan | None:
        """The change to run on the app, or None when nothing changed."""
        kind = self.address_type
        after = self.address_form_values()
        address = self.address(kind)
        if address is None:
            fields = new_address_fields(after)
            addr_changes = fields
        else:
            addr_changes = address_changes(self._original(kind), after, self.countries)
        prefs_before = preference_values(self.preferences)
        prefs_changes = preference_changes(prefs_before, self.preference_form_values())
        if not addr_changes and not prefs_changes:
            return None
        expected_prefs = self.preferences

        async def run(session: Session) -> Any:
            cid = self._required_id()
            result: Any = None
            # Preferences first: their safe PUT compares the embedded addresses, which an
            # address change made just before would otherwise make look stale.
            if prefs_changes and expected_prefs is not None:
                self._preferences_saved(await session.update_address_preferences(cid, prefs_changes, expected_prefs))
            if addr_changes:
                if address is None:
                    result = await session.create_address(cid, kind, addr_changes)
                elif address.id is not None:
                    result = await session.update_address(cid, address.id, addr_changes, address)
            return result

        return run

    def _preferences_saved(self, fresh: AddressPreferences) -> None:
        """The preferences are stored: later retries start from them (no second write)."""
        self.preferences = fresh

    def save_failed(self, error: BaseException) -> None:
        """Keep every input; say what happened beside the buttons."""
        self.saving = False
        button = self.query_one("#save", Button)
        button.disabled = False
        button.label = "Save"
        message = (STALE_MESSAGE if isinstance(error, StaleObject)
                   else change_failure("Not saved", error, secret=self._secrets()))
        self.query_one("#form-error", FieldError).show(message)

    def _secrets(self) -> tuple[str, ...]:
        return fusebill_app(self).secrets()

    # Reload ------------------------------------------------------------------

    def action_reload(self) -> None:
        """Fetch the latest values; fields the user edited keep the user's input."""
        if self.saving:
            return
        self.query_one("#form-error", FieldError).show(None)
        self._load(True, merge=True)

    def _apply_reload(self, fresh: AddressPreferences | None) -> None:
        old = self.preferences
        edited_address = self.address_form_values()
        edited_prefs = self.preference_form_values()
        original_address = self._original(self.address_type)
        self.preferences = fresh
        merged = merge_edits(original_address, edited_address, self._original(self.address_type))
        self.drafts = {kind: merge_edits(address_values(old.billing_address if old and kind == "Billing" else
                                                       old.shipping_address if old else None),
                                         draft, self._original(kind))
                       for kind, draft in self.drafts.items() if kind != self.address_type}
        self._show_type(self.address_type, merged)
        self._show_preferences(merge_edits(preference_values(old), edited_prefs, preference_values(fresh)))
        self.query_one("#form-error", FieldError).show(
            "Reloaded the latest values from the server; your edits are kept. Save again to apply them.")

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say that control characters were left out of what was typed or pasted."""
        event.stop()
        self.query_one("#form-error", FieldError).show(event.text)

    # Buttons -----------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, reload or cancel."""
        event.stop()
        {"save": self.action_save, "reload": self.action_reload, "cancel": self.action_cancel}.get(
            event.button.id or "", self.action_cancel)()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
