"""Fixtures of the browser tests: a served KB on 127.0.0.1, API keys of two units, one headless Chromium.

The browser is Debian's `chromium` driven through Debian's `chromium-driver`
(Selenium is pointed at `/usr/bin/chromedriver`, so it never downloads a
browser or a driver); `make install-test` installs both
(`.ci/install_browser.sh`). One server and one browser serve the whole
module. Every request the page makes is recorded from Chrome's performance
log (`requests`), so a test can assert that none left 127.0.0.1.
Set `JIXIAO_SCREENSHOTS=1` to write the screenshots into `docs/screenshots/`
(the README shows them); otherwise they go to a temporary folder.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.kbfactory import REPO

CHROMIUM = Path(os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("JIXIAO_CHROMEDRIVER", "/usr/bin/chromedriver"))
# the flags that keep Chromium quiet on a closed network (no update, sync or field-trial requests)
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-default-apps", "--disable-extensions", "--window-size=1400,1000", "--lang=zh-CN"]

UNIT_A = "某县人民医院"       # has a 单位指标库 in indicators/units/
UNIT_B = "县机关事务服务中心"  # another unit with its own library
FINANCE = "某县财政局"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    """A running app: base URL, its settings, API keys by name, a folder for downloads and one for
    the files a test uploads."""

    url: str
    settings: object
    keys: dict[str, str]
    downloads: Path
    shots: Path
    files: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The shipped libraries built into a fresh KB, served by uvicorn in a thread on 127.0.0.1."""
    import uvicorn

    from kb.knowledge import build
    from kb.lifecycle import keys as svc
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.db import get_sessionmaker, upgrade
    from kb.lifecycle.schemas import KeyIn
    from kb.settings import Settings
    from service.app import create_app

    home = tmp_path_factory.mktemp("web")
    settings = Settings(home=home, indicators_dir=REPO / "indicators", embedder="none", progress=False)
    build(settings)
    url = settings.resolved_database_url()
    upgrade(url)
    keys = {}
    with get_sessionmaker(url)() as s:
        for name, unit, role in (("declarant", UNIT_A, "declarant"), ("reviewer", UNIT_A, "reviewer"),
                                 ("other", UNIT_B, "declarant"), ("admin", FINANCE, "admin"),
                                 ("unit_admin", UNIT_A, "unit_admin"), ("supervisor", FINANCE, "supervisor")):
            keys[name] = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=unit, role=role)).key
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    shots = REPO / "docs" / "screenshots" if os.environ.get("JIXIAO_SCREENSHOTS") == "1" else home / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    downloads = home / "downloads"
    downloads.mkdir()
    (home / "files").mkdir()
    try:
        yield Served(url=f"http://127.0.0.1:{port}", settings=settings, keys=keys, downloads=downloads, shots=shots,
                     files=home / "files")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class Browser:
    """One Chromium session and every URL it requested so far (`requests`)."""

    driver: object
    base: str
    requests: list[str] = field(default_factory=list)

    def drain(self) -> list[str]:
        """Read Chrome's performance log into `requests` (the log empties on every read)."""
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])
        return self.requests


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail("浏览器测试需要 Debian 的 chromium 和 chromium-driver（make install-test 会安装）；缺少: "
                    + ", ".join(missing))


@pytest.fixture(scope="module")
def browser(served, tmp_path_factory):
    """A headless Chromium (Debian's) with a fresh profile, downloads going to `served.downloads`."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS + [f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # several downloads from one page are allowed (Chromium asks before the second one otherwise)
    opts.add_experimental_option("prefs", {"download.default_directory": str(served.downloads),
                                           "download.prompt_for_download": False,
                                           "profile.default_content_setting_values.automatic_downloads": 1})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow",
                                                           "downloadPath": str(served.downloads)})
    b = Browser(driver=driver, base=served.url)
    try:
        yield b
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
