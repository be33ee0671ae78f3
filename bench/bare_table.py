"""The real-terminal reference: a bare Textual app with one 50-row DataTable, run as its own process.

Only Textual is imported, so its start-up is what any Textual app pays before its first rows.
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable

ROWS = 50


class BareTable(App[None]):
    """One table, filled in on mount (no requests)."""

    def compose(self) -> ComposeResult:
        """One table."""
        yield DataTable()

    def on_mount(self) -> None:
        """A page of plain rows, shaped like the customer list's."""
        table = self.query_one(DataTable)
        table.add_columns("Name", "Company", "Email", "Status", "Account", "Cur", "MRR", "Created")
        table.add_rows((f"Last{n}, First{n}", f"Company {n}", f"user{n}@example.com", "Active", "Good", "USD",
                        f"{n}.00", "2024-01-01") for n in range(ROWS))


if __name__ == "__main__":
    BareTable().run()
