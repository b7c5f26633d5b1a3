#!/usr/bin/env bash
# Runs a command with this checkout's local settings file (.env, git-ignored; ENV_FILE names
# another). The first run writes it with fresh random keys, so `make run` never serves with the
# development defaults; a variable already set in the environment wins over the file.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
env_file="${ENV_FILE:-$root/.env}"

if [ ! -f "$env_file" ]; then
  keys="$(bash "$root/scripts/production-env.sh" localhost | grep -E '^(SECRET_KEY|FIELD_ENCRYPTION_SALT|AUDIT_HMAC_KEYS)=')"
  (
    umask 077
    printf '%s\n' \
      "# Local settings for make and scripts/with-env.sh (README: Production). Never commit it;" \
      "# keep it: these keys decrypt the ID numbers and sign the audit log in the database." \
      "$keys" > "$env_file"
  )
  echo "Wrote $env_file with new random keys." >&2
  if [ -f "$root/db.sqlite3" ]; then
    echo "db.sqlite3 was written with the old development keys, which these cannot read:" \
         "remove it and 'make run' seeds the demo again (README: Production, key rotation)." >&2
  fi
fi

while IFS= read -r line || [ -n "$line" ]; do
  [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
  [ -n "${!BASH_REMATCH[1]+set}" ] || export "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}"
done < "$env_file"
exec "$@"
