"""Allow ``python -m fusebill_tui``."""

from fusebill_tui.cli import main

raise SystemExit(main())
