"""Great Expectations suites per table and the validate step."""

import os

# Must run before anything imports great_expectations.  This GX build ships no analytics client
# (no great_expectations.analytics module); the variable is the documented switch, kept in case a
# future pin brings the client back.  setdefault: an explicit operator choice wins.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
