#!/usr/bin/env bash
# Install the Debian packages the whole test suite needs (Chromium for the report and notebook
# HTML checks; poppler-utils to read the printed PDF; Jupyter nbconvert/nbclient/ipykernel to execute the notebooks; Jupyter Notebook
# for interactive use), only when one is missing, so it works offline once they are installed.
set -euo pipefail

packages=(chromium poppler-utils jupyter-nbconvert jupyter-client jupyter-core python3-nbclient python3-ipykernel jupyter-notebook)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup-system: not a Debian system (no dpkg-query); make sure Chromium and Jupyter (nbconvert, nbclient, ipykernel) are installed" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup-system: system packages present (${packages[*]})"
  exit 0
fi

sudo=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup-system: missing ${missing[*]}; run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup-system: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
