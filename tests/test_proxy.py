"""The reference nginx configuration (deploy/nginx-kmblog.conf) in front of gunicorn.

Starts Debian's nginx with the shipped file (only its marked lines changed),
and gunicorn behind it with TRUSTED_PROXY_COUNT=1, as in production. Checks
that the client address reaches the app (and a forged X-Forwarded-For does
not), that static files and uploads are served by nginx with the app's rules,
and that the site keeps answering while 100 slow clients trickle headers at
it. The same attack straight at gunicorn is measured too, as the baseline.
On a laptop without nginx it is skipped; in CI (which installs nginx-light)
it must run.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, fetch, free_port, gunicorn, production_env, wait_until_up

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 100
ATTACK_SECONDS = 14


def site_config(tmp_path: Path, app_port: int, port: int) -> str:
    text = (ROOT / "deploy" / "nginx-kmblog.conf").read_text()
    for shipped, here in [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/kmblog/staticfiles/", f"{tmp_path / 'static'}/"),
        ("/srv/kmblog/media/", f"{tmp_path / 'media'}/"),
    ]:
        assert shipped in text, f"the reference configuration no longer has {shipped!r}"
        text = text.replace(shipped, here)
    return text


def main_config(tmp_path: Path) -> str:
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""  # the workers must read the test's private folders
    return f"""{user}
daemon off;
worker_processes 1;
pid {tmp_path / "nginx.pid"};
error_log {tmp_path / "nginx-error.log"} warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{paths}
    include {tmp_path / "kmblog.conf"};
}}
"""


@pytest.fixture
def stack(tmp_path):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed (apt-get install nginx-light)")
        pytest.skip("nginx is not installed here")
    env = production_env(
        tmp_path,
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        TRUSTED_PROXY_COUNT="1",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    # One worker with two threads: small on purpose, so that a slow-client
    # attack straight at gunicorn shows what it does.
    with gunicorn(tmp_path, env, "-w", "1", "--threads", "2") as app:
        port = free_port()
        (tmp_path / "kmblog.conf").write_text(site_config(tmp_path, int(app.rsplit(":", 1)[1]), port))
        (tmp_path / "nginx.conf").write_text(main_config(tmp_path))
        process = subprocess.Popen(
            [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / "nginx-stderr.log").open("w"),
        )
        front = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(front + "/healthz", tmp_path / "nginx-stderr.log")
            yield {"front": front, "app": app, "env": env, "tmp": tmp_path}
        finally:
            process.terminate()
            process.wait(timeout=20)


def shell(env: dict, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_client_address_passes_through_and_a_forged_one_does_not(stack):
    number = shell(
        stack["env"],
        "from tests.factories import make_post; print(make_post().number)",
    )
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen

    request = Request(  # noqa: S310 (our own server)
        f"{stack['front']}/posts/{number}/comments/",
        data=urlencode({"guest_name": "แขก", "body": "ผ่านพร็อกซี"}).encode(),
        headers={"X-Forwarded-For": "6.6.6.6"},  # what an attacker sends
        method="POST",
    )
    with urlopen(request, timeout=20) as response:  # noqa: S310 (our own server)
        assert response.status == 200  # redirected to the post page
    stored = shell(stack["env"], "from comments.models import Comment; print(Comment.objects.get().ip_address)")
    assert stored == "127.0.0.1"  # the address nginx saw, not the forged one


def test_nginx_serves_static_files_and_only_images_from_media(stack):
    media = stack["tmp"] / "media" / "avatars"
    media.mkdir(parents=True)
    from PIL import Image

    Image.new("RGB", (8, 8)).save(media / "face.jpg", "JPEG")
    (stack["tmp"] / "media" / "evil.html").write_text("<script>alert(1)</script>")
    (media / "x.svg").write_text("<svg onload=alert(1)></svg>")
    from urllib.request import urlopen

    with urlopen(f"{stack['front']}/static/css/site.css", timeout=10) as response:  # noqa: S310
        assert response.status == 200 and "immutable" in response.headers["Cache-Control"]
    with urlopen(f"{stack['front']}/media/avatars/face.jpg", timeout=10) as response:  # noqa: S310
        assert response.headers["Content-Type"] == "image/jpeg"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response.headers["Content-Security-Policy"]
    for path in ["/media/evil.html", "/media/avatars/x.svg", "/media/../kmblog/settings.py", "/media/%2e%2e/manage.py"]:
        assert fetch(stack["front"] + path, timeout=10)[0] in (400, 404), path


class SlowClients:
    """Connections that send a request one header line every 5 s and never finish it."""

    def __init__(self, port: int, count: int):
        self.port, self.count = port, count
        self.stop = threading.Event()
        self.opened = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        sockets = []
        for _ in range(self.count):
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                sockets.append(sock)
            except OSError:
                pass
        self.opened = len(sockets)
        while not self.stop.wait(5):
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")
        for sock in sockets:
            sock.close()

    def __enter__(self):
        self.thread.start()
        time.sleep(1)  # let the connections open
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=20)


def probe(base: str, seconds: float) -> list[float | None]:
    """A reader asking for /healthz every half second: each answer's time, None for no answer."""
    times: list[float | None] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status, _ = fetch(base + "/healthz", timeout=3)
            times.append(time.monotonic() - started if status == 200 else None)
        except OSError:
            times.append(None)
        time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))
    return times


def test_the_site_keeps_answering_through_nginx_during_a_slow_client_attack(stack, capsys):
    port = lambda url: int(url.rsplit(":", 1)[1])  # noqa: E731
    with SlowClients(port(stack["app"]), SLOW_CLIENTS) as attack:
        direct = probe(stack["app"], ATTACK_SECONDS)
    assert attack.opened == SLOW_CLIENTS
    with SlowClients(port(stack["front"]), SLOW_CLIENTS) as attack:
        proxied = probe(stack["front"], ATTACK_SECONDS)
    assert attack.opened == SLOW_CLIENTS

    def summary(times: list[float | None]) -> str:
        answered = sorted(t for t in times if t is not None)
        worst = f"{answered[-1] * 1000:.0f} ms" if answered else "-"
        return f"{len(answered)}/{len(times)} answered, slowest {worst}"

    with capsys.disabled():
        print(f"\nslow-client attack ({SLOW_CLIENTS} clients, {ATTACK_SECONDS} s):")
        print(f"  gunicorn alone: {summary(direct)}")
        print(f"  through nginx:  {summary(proxied)}")
    assert all(t is not None and t < 2 for t in proxied), summary(proxied)
