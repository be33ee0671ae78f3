"""``python -m bench``: run the benchmark and write bench/RESULTS.md and bench/results.json."""

from bench.run import main

raise SystemExit(main())
