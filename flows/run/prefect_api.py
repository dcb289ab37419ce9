"""Prefect's temporary API server, started while the run's own modules import.

With no Prefect server configured, `broadsheet run` uses the temporary one Prefect starts in a process of its
own when the flow first asks for a client (FastAPI, SQLAlchemy, its database's migrations: ≈ 4 s of CPU).
By then this process has already spent ≈ 5 s importing Great Expectations, spaCy and the flow, on one core
while the other waits.  Asked for first, on a thread, the server boots on the other core during those
imports; the flow then finds it running (Prefect keeps one temporary server per process).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)


def start_temporary_api_server() -> Callable[[], None]:
    """Starts Prefect's temporary server on a thread when no Prefect API is configured; returns the function
    that waits until it answers (the flow must not ask for a client before: it would start a second one)."""
    from prefect.settings import get_current_settings

    if get_current_settings().api.url:
        return lambda: None
    # Imported here, before the thread: the thread then imports nothing while this one imports the flow.
    import prefect.server.api.server  # noqa: F401
    from prefect import get_client

    def start() -> None:
        with get_client(sync_client=True) as client:
            failure = client.api_healthcheck()
        if failure is not None:
            # Not the run's failure to report: the flow asks for a client again and fails with Prefect's error.
            logger.warning("Prefect's temporary server did not answer its health check: %s", failure)

    thread = threading.Thread(target=start, name="prefect-api-start", daemon=True)
    thread.start()
    return thread.join
