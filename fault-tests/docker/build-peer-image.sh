#!/usr/bin/env bash
# Builds the fault suite's peer image without a registry: a Debian minimal root file system
# (debootstrap --variant=minbase) with python3-zmq and iproute2, loaded with `docker import`.
# The tag is a hash of this recipe, so a second run reuses the image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages="python3-zmq iproute2 procps"
# the recipe: change any of it (or bump the version) and the next run builds a new image
recipe="v1 debootstrap --variant=minbase $suite; chroot apt-get install --no-install-recommends $packages"
recipe_hash=$(echo "$recipe" | sha256sum | cut -c1-12)
tag="zmq-fault-peer:${recipe_hash}"
if [ "${1:-}" = "--tag" ]; then
	echo "$tag"
	exit 0
fi
if docker image inspect "$tag" >/dev/null 2>&1; then
	echo "$tag"
	exit 0
fi
root=$(mktemp -d /tmp/zmq-fault-rootfs.XXXXXX)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
debootstrap --variant=minbase "$suite" "$root" "$mirror" >&2
mount -t proc proc "$root/proc"
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >&2
chroot "$root" apt-get clean >&2
umount "$root/proc"
rm -rf "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import - "$tag" >&2
echo "$tag"
