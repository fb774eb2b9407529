"""`make run`: one command serves the site with a task worker beside it; Ctrl-C stops both.

Run as a newcomer would, on a fresh SQLite file: the worker must be up (the
site's /healthz says so) and must send the mail a visitor's action queues.
"""

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request

from tests.jobs.conftest import wait_for
from tests.servers import ROOT, free_port, wait_until_up


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_run_serves_with_a_worker_and_ctrl_c_stops_both(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "make-run.log"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    with log_path.open("w") as log:
        # make from PATH, as a newcomer runs it
        make = subprocess.Popen(
            ["make", "run", f"ADDR=127.0.0.1:{port}"],  # noqa: S607
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_up(base + "/", log_path, seconds=240)
        assert "kmblog-demo" in log_path.read_text()  # the demo logins are printed

        def worker_state():
            with urllib.request.urlopen(base + "/healthz", timeout=10) as response:  # noqa: S310 (our server)
                return json.load(response)["worker"] == "ok"

        wait_for(worker_state, seconds=60, what="the worker's first beat")

        # A visitor asks for a password reset; the worker sends it (the console prints it).
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        form = opener.open(base + "/accounts/password_reset/", timeout=20).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": "somsri@example.org"}).encode()
        reset = urllib.request.Request(base + "/accounts/password_reset/", data, headers={"Referer": base})  # noqa: S310
        opener.open(reset, timeout=20)
        wait_for(lambda: "/accounts/reset/" in log_path.read_text(), seconds=30, what="the reset mail")
    finally:
        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        try:
            make.wait(timeout=30)
        finally:
            deadline = time.monotonic() + 30
            while group_alive(make.pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            stragglers = group_alive(make.pid)
            if stragglers:
                os.killpg(make.pid, signal.SIGKILL)
    assert not stragglers, "Ctrl-C left a server or a worker running:\n" + log_path.read_text()[-3000:]
