"""The typed seam between the screens and the billing systems: what each backend offers matches what it
says it offers, and the seam's own modules stay free of ``Any``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fusebill_tui.vendors import views
from fusebill_tui.vendors.chargeover import models as chargeover_models
from fusebill_tui.vendors.chargeover.backend import ChargeOverBackend
from fusebill_tui.vendors.chargeover.client import ChargeOverClient
from fusebill_tui.vendors.fusebill import models as fusebill_models
from fusebill_tui.vendors.fusebill.backend import FusebillBackend
from fusebill_tui.vendors.fusebill.client import FusebillClient

SEAM = Path(__file__).resolve().parent.parent / "fusebill_tui" / "vendors"
SEAM_FILES = ("base.py", "views.py", "capabilities.py")


def names_any(source: str) -> list[int]:
    """The lines of ``source`` that name ``typing.Any``."""
    return sorted({node.lineno for node in ast.walk(ast.parse(source))
                   if (isinstance(node, ast.Name) and node.id == "Any")
                   or (isinstance(node, ast.Attribute) and node.attr == "Any")
                   or (isinstance(node, ast.alias) and node.name == "Any")})


@pytest.mark.parametrize("name", SEAM_FILES)
def test_the_seam_names_no_any(name: str) -> None:
    source = (SEAM / name).read_text(encoding="utf-8")
    assert names_any(source) == [], f"vendors/{name} uses Any on lines {names_any(source)}"


def test_the_any_finder_finds_any() -> None:
    assert names_any("from typing import Any\nx: Any = 1\ny: typing.Any\n") == [1, 2, 3]
    assert names_any("AnyValue = int\n") == []


def _backends() -> list[object]:
    return [FusebillBackend(FusebillClient("http://fusebill.invalid", "key")),
            ChargeOverBackend(ChargeOverClient("http://chargeover.invalid", "public", "private"))]


@pytest.mark.parametrize("backend", _backends(), ids=lambda b: b.kind)
def test_a_backend_offers_exactly_the_features_its_capabilities_name(backend) -> None:
    caps = backend.capabilities
    assert (backend.status_actions is not None) == caps.status_actions
    assert (backend.address_editing is not None) == caps.address_edit
    assert (backend.subscriptions is not None) == caps.subscriptions


def test_a_backend_refuses_another_vendors_record() -> None:
    fusebill, chargeover = _backends()
    fusebill_customer = fusebill_models.Customer.from_api({"id": 1, "firstName": "Ann"})
    chargeover_customer = chargeover_models.ChargeOverCustomer.from_api({"customer_id": 2, "company": "Acme"})
    assert fusebill.row(fusebill_customer).id == 1
    assert chargeover.row(chargeover_customer).id == 2
    with pytest.raises(TypeError, match="expected a Fusebill Customer"):
        fusebill.row(chargeover_customer)
    with pytest.raises(TypeError, match="expected a ChargeOver ChargeOverCustomer"):
        chargeover.identity(fusebill_customer)


def test_every_vendor_caps_a_note_where_the_note_form_does() -> None:
    assert fusebill_models.NOTE_MAX == chargeover_models.NOTE_MAX == views.NOTE_MAX
