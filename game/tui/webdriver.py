"""The driver of a seminar's app processes (the web server starts each browser's with it): Textual's
web driver, and two things more.

- **It ends its app when the host goes away.** The process reads the host through a pipe; when the
  host stops — even killed with SIGKILL, which no handler sees — the pipe ends, and Textual's own
  driver would leave the app running, drawing to nobody (five orphans of ~60 MB each after one crash
  of a room's host). Here the end of the pipe ends the app, and if it has not gone within
  EXIT_GRACE seconds, the process.
- **It tells the page what to keep** (`tell_page`): a resume token once a code is accepted (the page
  keeps that, never the code, and takes its seat back with it when it reconnects), which view it
  shows (the projector's page turns to large text), and that the seat was left on purpose (the page
  then offers to join again instead of reconnecting by itself).
"""
from __future__ import annotations

import os
import threading

from textual import messages
from textual.drivers.web_driver import WebDriver

from game.seminar.shared import PAGE_META

EXIT_GRACE = 5.0  # seconds the app has to close once the host is gone, before the process ends
_active: "SeminarDriver | None" = None


class SeminarDriver(WebDriver):
    def __init__(self, app, **kwargs):
        super().__init__(app, **kwargs)
        global _active
        _active = self
        self.host_gone = threading.Event()

    def run_input_thread(self) -> None:
        super().run_input_thread()  # returns when the host's pipe ends (or the app exits)
        if self.exit_event.is_set():
            return  # the app is closing by itself
        self.host_gone.set()
        try:
            self._app.post_message(messages.ExitApp())
        except Exception:  # the app is already taken down
            pass
        last_word = threading.Timer(EXIT_GRACE, os._exit, args=(0,))  # whatever the app is doing then
        last_word.daemon = True  # an app that closes in time ends the process without waiting for it
        last_word.start()


def tell_page(**data) -> bool:
    """Send the browser's page a word from the app (see the module's note); False when this app is not
    served to a browser by the seminar (a terminal on the host, a test)."""
    driver = _active
    if driver is None or driver.exit_event.is_set():
        return False
    try:
        driver.write_meta({"type": PAGE_META, **data})
    except OSError:  # the host is gone: nobody to tell
        return False
    return True
