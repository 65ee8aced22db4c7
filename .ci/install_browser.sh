#!/usr/bin/env bash
# Install Debian's Chromium, its WebDriver and a CJK font for the browser tests (tests/test_web_browser.py).
#
# Run by `make install-test`. Uses apt-get only when something is missing, so a
# second run costs nothing; never downloads a browser of its own (Selenium is
# pointed at /usr/bin/chromedriver). The font only makes the screenshots legible.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk|source han" || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "install_browser: please install ${missing[*]} (apt-get, as root) for the browser tests" >&2
    exit 0
fi
echo "install_browser: installing ${missing[*]}" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "install_browser: apt-get install ${missing[*]} failed" >&2
    exit 1
fi
