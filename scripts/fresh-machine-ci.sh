#!/bin/bash
# Runs .ci/run of a clean clone inside a freshly debootstrapped Debian bookworm, as a machine that
# has never seen the project: no nixbld group, no cargo, no Postgres, no caches. Node.js 20 and npm
# (with the machine's npm configuration) are copied in, as every machine of this kind has them.
# Needs root, debootstrap and the Debian mirror. Usage: scripts/fresh-machine-ci.sh [REPO] [WORKDIR]
set -euo pipefail
REPO="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
WORK="${2:-/var/tmp/epl-fresh-machine}"
BASE="$WORK/base"
RUN="$WORK/run"

if [ ! -x "$BASE/usr/bin/node" ]; then
  rm -rf "$BASE"
  debootstrap --variant=minbase bookworm "$BASE" http://deb.debian.org/debian
  cp /etc/apt/sources.list.d/debian.sources "$BASE/etc/apt/sources.list.d/" 2>/dev/null || true
  # Node.js and npm as installed on this machine; npm's configuration and CA bundle with them.
  dpkg -L nodejs | while read -r f; do
    if [ -f "$f" ] || [ -L "$f" ]; then mkdir -p "$BASE$(dirname "$f")" && cp -a "$f" "$BASE$f"; fi
  done
  rm -rf "$BASE/usr/lib/node_modules/npm" && cp -a /usr/lib/node_modules/npm "$BASE/usr/lib/node_modules/"
  mkdir -p "$BASE/usr/etc" "$BASE/etc/ssl/certs"
  for f in /usr/etc/npmrc /root/.npmrc /etc/ssl/certs/ca-certificates.crt; do [ -f "$f" ] && cp "$f" "$BASE$f"; done
fi

rm -rf "$RUN"
cp -a "$BASE" "$RUN"
cp /etc/resolv.conf "$RUN/etc/resolv.conf"
git clone -q "$REPO" "$RUN/root/epl"
# The root is a mount point of its own, as on any real machine (mount namespaces need that).
mount --bind "$RUN" "$RUN"
for m in proc sys dev dev/pts; do mount --bind "/$m" "$RUN/$m"; done
trap 'for m in dev/pts dev sys proc; do umount -l "$RUN/$m" 2>/dev/null || true; done; umount -l "$RUN" 2>/dev/null || true' EXIT
chroot "$RUN" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  bash -c 'cd /root/epl && bash .ci/run'
