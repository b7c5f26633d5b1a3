#!/usr/bin/env bash
# Prints a production environment for HOST, with fresh random keys (README: Production):
#   bash scripts/production-env.sh approvals.example.org > /etc/league-approvals/env
# Edit the database, Redis and paths to your machine; keep the file readable by the service only.
set -euo pipefail
host="${1:?usage: $0 HOST}"
# 60 URL-safe characters: Django's deploy check wants a SECRET_KEY of at least 50.
key() { head -c 45 /dev/urandom | base64 | tr '+/' '-_'; }
cat <<ENV
SECRET_KEY=$(key)
FIELD_ENCRYPTION_SALT=$(key)
AUDIT_HMAC_KEYS=$(key)
DEBUG=false
ALLOWED_HOSTS=$host
CSRF_TRUSTED_ORIGINS=https://$host
SITE_URL=https://$host
HTTPS=true
BEHIND_PROXY=true
DATABASE_URL=postgres://league@127.0.0.1:5432/league_approvals
REDIS_URL=redis://127.0.0.1:6379/0
MEDIA_ROOT=/srv/league-approvals/media
AUDIT_CHECKPOINT_DIR=/srv/league-approvals/audit-checkpoints
ENV
