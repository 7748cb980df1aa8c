#!/usr/bin/env bash
# The project's test command: installs what the tests need when it is missing, checks lint, format and
# types, then runs every test on two workers (the suite mostly waits on Streamlit, PostgreSQL and Chromium).
# Works on a fresh Debian machine with Python 3.11, pip and apt (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium fonts-noto-cjk fonts-noto-color-emoji postgresql poppler-utils)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "Missing apt packages: ${missing[*]} (run as root or install them)" >&2; exit 1
  fi
  echo "Installing ${missing[*]} ..."
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python -m pip install -q -r requirements.txt
python -m ruff check .
python -m ruff format --check .
python -m mypy
exec python -m pytest -n 2 --dist worksteal "$@"
