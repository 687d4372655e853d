"""End-to-end fixtures: a real server (`alzhir serve`) on a file SQLite registry prepared by
prepare_site.py, and Debian's Chromium driven by Playwright. Without /usr/bin/chromium the
tests skip, except in CI (CI=true), where a missing browser is a failure."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT_S = 60


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: drives the site in Chromium over a live server")


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"end-to-end tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"alzhir serve exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"alzhir serve did not answer at {url} in {SERVER_START_TIMEOUT_S} s")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The running site: its base URL and what prepare_site.py made (users, proposal, ids)."""
    work = tmp_path_factory.mktemp("e2e-site")
    env = {
        **os.environ,
        "ALZHIR_DATABASE_URL": f"sqlite:///{work / 'registry.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "alzhir.web.settings",
    }
    env.pop("ALZHIR_DEBUG", None)
    prepared = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("prepare_site.py"))],
        env=env, cwd=work, capture_output=True, text=True,
    )  # fmt: skip
    if prepared.returncode:
        raise RuntimeError(f"prepare_site.py failed:\n{prepared.stderr}")
    facts = json.loads(prepared.stdout)
    port = _free_port()
    log = (work / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "alzhir.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(f"{base}/en/", server)
        yield {"base": base, **facts}
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site["base"], locale="ru-RU")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
