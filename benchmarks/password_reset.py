"""Password reset: does the request's timing tell a stranger which addresses have accounts?

    .venv/bin/python benchmarks/password_reset.py [--code DIR] [--requests 200]

Posts the reset form for an address with an account and for one without,
alternating, through the site's whole Django stack (test client: middleware,
view, form, database), with mail going to a real SMTP server on this machine
(aiosmtpd). Prints the median and 90th percentile of each and their gap. A
remote mail server is slower than a local one, so the gap of code that sends
in the request is larger in production than here. --code DIR runs another
checkout (an older commit from `git worktree add`) with this virtualenv.
"""

import argparse
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    code = args.code.resolve()
    os.chdir(code)
    sys.path.insert(0, str(code))

    from aiosmtpd.controller import Controller

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.count += 1
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    database = Path(tempfile.mkdtemp()) / "reset.sqlite3"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kmblog.settings",
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{database}",
            "LOG_LEVEL": "CRITICAL",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "EMAIL_USE_TLS": "0",
            "PASSWORD_RESET_MAILS_PER_HOUR": "100000",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("somsri", "somsri@example.org", "reset-benchmark-2569")
    client = Client()
    times = {"somsri@example.org": [], "nobody@example.org": []}
    for _ in range(10):  # warm up: templates, connections
        for email in times:
            client.post("/accounts/password_reset/", {"email": email})
    rng = random.Random(13)  # noqa: S311 (the order of requests, not a secret)
    for _ in range(args.requests):
        for email in rng.sample(list(times), 2):  # which goes first varies
            started = time.perf_counter()
            response = client.post("/accounts/password_reset/", {"email": email})
            times[email].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 302, response.status_code
    print(f"code: {code}  ({args.requests} requests each, alternating)")
    for email, values in times.items():
        values.sort()
        print(f"  {email:22} median {statistics.median(values):6.1f} ms   p90 {values[int(len(values) * 0.9)]:6.1f} ms")
    known, unknown = (statistics.median(v) for v in times.values())
    print(f"  gap (with account - without): {known - unknown:+.1f} ms")
    print(f"  mails the SMTP server took during the requests: {Sink.count}")
    smtp.stop()


if __name__ == "__main__":
    main()
