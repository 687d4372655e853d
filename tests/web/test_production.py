"""Production as docs/production.md sets it up: `check --deploy` is clean with its environment
and refuses a missing secret key; `alzhir serve --production` (gunicorn) starts on the test's
database (PostgreSQL in the PostgreSQL run), serves pages, static files and the API over the
TLS proxy's X-Forwarded-Proto, and logs to stderr."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.cli.conftest import LIST

PRODUCTION = {
    "ALZHIR_SECRET_KEY": "test-" + "k7Qx2vLp9sRt4WmZ8bNc3HdF6jYg1TaE5uKo0" * 2,
    "ALZHIR_HTTPS": "1",
    "ALZHIR_ALLOWED_HOSTS": "127.0.0.1",
}


def django(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=alzhir.web.settings"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_deploy_is_clean_with_production_settings(alzhir):
    result = django(alzhir.env(**PRODUCTION), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    bare = alzhir.env(**PRODUCTION)
    del bare["ALZHIR_SECRET_KEY"]
    refused = django(bare, "check", "--deploy")
    assert refused.returncode != 0 and "alzhir.E001" in refused.stderr


def test_errors_are_logged_to_stderr(alzhir):
    code = "import django; django.setup(); import logging; " \
           "logging.getLogger('django.request').error('Internal Server Error: /x')"  # fmt: skip
    env = alzhir.env(DJANGO_SETTINGS_MODULE="alzhir.web.settings")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert "ERROR django.request: Internal Server Error: /x" in result.stderr


@pytest.fixture
def database_url(own_database):
    """A database of the test's own: a fresh PostgreSQL database in the PostgreSQL run."""
    return own_database("production")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, https=True):
    headers = {"X-Forwarded-Proto": "https"} if https else {}
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def production_site(alzhir, database_url):
    env = alzhir.env(ALZHIR_DATABASE_URL=database_url, **PRODUCTION)
    museum = alzhir.workdir / "museum.csv"
    museum.write_text(LIST, encoding="utf-8")
    for args in (["migrate", "-v", "0"], ["import", museum, "--source", "museum"]):
        done = alzhir.run(*args, env=env)
        assert done.returncode == 0, done.stderr
    port = _free_port()
    log = (alzhir.workdir / "gunicorn.log").open("w+")
    server = subprocess.Popen(
        [str(alzhir.executable), "serve", "--production", "--port", str(port), "--workers", "2"],
        env=env, cwd=alzhir.workdir, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            assert server.poll() is None, (alzhir.workdir / "gunicorn.log").read_text()
            try:
                fetch(f"{base}/en/")
                break
            except OSError:
                time.sleep(0.25)
        yield base, alzhir.workdir / "gunicorn.log"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_production_serves_pages_static_files_and_the_api(production_site):
    base, log = production_site
    status, headers, html = fetch(f"{base}/en/wall/")
    assert status == 200 and "Мессерер-Плисецкая" in html
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    css = [line for line in html.split('"') if line.endswith(".css")][0]
    assert fetch(f"{base}{css}")[0] == 200
    status, _, body = fetch(f"{base}/api/search?q=Messerer")
    assert status == 200 and '"results"' in body
    status, headers, _ = fetch(f"{base}/en/accounts/login/")
    assert status == 200 and "Secure" in headers["Set-Cookie"]
    status, headers, _ = fetch(f"{base}/en/", https=False)
    assert status == 301 and headers["Location"].startswith("https://")
    assert '"GET /en/wall/ HTTP/1.1" 200' in log.read_text()  # gunicorn's access log


def test_serve_production_refuses_an_unsafe_environment(alzhir):
    alzhir.migrate()
    result = alzhir.run("serve", "--production", "--port", str(_free_port()))
    assert result.returncode == 1
    assert "alzhir.E001" in result.stderr and "Traceback" not in result.stderr
