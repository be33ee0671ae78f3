"""Key ``a``: edit the billing or shipping address and the address preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fusebill_tui.tui.dialogs.address_form import AddressForm, SavePlan
from fusebill_tui.tui.flows.change import ChangeFlow
from fusebill_tui.tui.text import clean

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import AddressPreferences, Customer

WHAT = "Editing the address"


class EditAddressFlow(ChangeFlow):
    """The address form, its save requests, and back (the form closes on success)."""

    def start(self, customer: Customer, preferences: AddressPreferences | None) -> None:
        """Open the form (refused visibly first in a read-only environment)."""
        if self.refused(WHAT):
            return
        self.name = clean(customer.display_name)
        self.app.push_screen(AddressForm(customer, preferences, on_save=self.save))

    def save(self, form: AddressForm, plan: SavePlan) -> None:
        """The form's validated changes: send them; the form stays open until they are stored."""
        self.send("Saving the address", plan, form=form, success=f"Address saved for {self.name}",
                  then=lambda _result: self.close(form, True))
