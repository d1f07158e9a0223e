#!/usr/bin/env bash
# Everything a fresh Debian 12 machine with Node 20 needs before `pnpm start` or `pnpm test`:
# 1. Debian packages for the GPU backend's test modes: headless-gl's build dependencies and Mesa's
#    software GL (the 'headlessgl' mode), Xvfb (its display), Chromium (the 'webgl2' and 'webgpu' modes).
# 2. pnpm, pinned.
# 3. The workspace's dependencies; `gl` (gpu.js's optional headless GL) is built from source against
#    Node's own headers, because its prebuilt binaries cannot be downloaded here.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libxi-dev libgl1-mesa-dev libglew-dev pkg-config xvfb xauth libgl1-mesa-dri chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm i -g "pnpm@$PNPM_VERSION"
fi

# node-gyp builds gl against the headers of the Node that runs it (no header download).
NODE_PREFIX="$(dirname "$(dirname "$(command -v node)")")"
if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
  export npm_config_nodedir="$NODE_PREFIX"
fi
pnpm install

# An install that ran before the Debian packages were there leaves `gl` unbuilt, and `pnpm install`
# then sees nothing to do: rebuild it so the headless GL tests do not fail on such a machine.
for gl_dir in node_modules/.pnpm/gl@*/node_modules/gl; do
  if [ -d "$gl_dir" ] && [ ! -f "$gl_dir/build/Release/webgl.node" ]; then
    echo "setup: gl has no build (installed before its build dependencies?); rebuilding it (about 3 minutes)"
    pnpm rebuild gl
  fi
done
