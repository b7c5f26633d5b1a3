#!/usr/bin/env bash
# Serves the app through gunicorn (static files by WhiteNoise) with the embedded timer worker
# beside it; Ctrl-C stops both.
set -euo pipefail
py="$1"; host="$2"; port="$3"
"$py" manage.py timer_worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
"$py" manage.py demo_logins
echo "Serving on http://$host:$port/  (timer worker pid $worker)"
"$py" -m gunicorn --bind "$host:$port"
