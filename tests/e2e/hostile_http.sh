#!/usr/bin/env bash
# Hostile HTTP against the real daemon: about a thousand malformed, oversized, smuggling,
# traversal, SQL-injection, bad-UTF-8, token-abusing and slow requests; every answer a clean
# 4xx, the daemon keeps serving, data unchanged, no student name or token in the debug log.
# Usage: hostile_http.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$2/tests/reliability/hostile_http.py" "$1" "$work" --students 300
