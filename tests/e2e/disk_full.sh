#!/usr/bin/env bash
# Disk full and I/O errors through the real binary: an import under a file size limit and
# (as root, as on CI) onto a full tmpfs fails with exit 1 and one line naming the disk, the
# database is unchanged, an upload to the daemon gets 503, and with room again it applies.
# Usage: disk_full.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$2/tests/reliability/disk_full.py" "$1" "$work" --students 500
