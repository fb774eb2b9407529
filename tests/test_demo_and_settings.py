from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from kmblog.env import env_bool, env_int, env_list
from posts.models import Post


@pytest.mark.django_db
def test_demo_content_loads_twice_and_prints_the_logins(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())
    assert "admin" in out.getvalue() and "somsri" in out.getvalue() and "kmblog-demo" in out.getvalue()
    assert Post.objects.published().count() == 5
    assert Post.objects.filter(status="draft").count() == 1
    assert "ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1" in client.get("/").content.decode()
    assert client.login(username="somsri", password="kmblog-demo")


@pytest.mark.django_db
def test_demo_content_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo", stdout=StringIO())


def test_env_helpers_fail_loudly(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    monkeypatch.setenv("X_INT", "ten")
    monkeypatch.setenv("X_LIST", " a.example, ,b.example ")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    assert env_list("X_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("X_BOOL", "Yes")
    assert env_bool("X_BOOL") is True


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import kmblog.settings"],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "0"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "SECRET_KEY is required" in result.stderr
