#!/usr/bin/env bash
# Makes the local PostgreSQL used by the tests check passwords (SCRAM) for the per-user
# stores' logins, as a centre's server does, while the superuser the tests use keeps its
# access. The per-user tests sign in with real passwords and expect wrong ones refused.
# Adds, at the top of pg_hba.conf, a line for the members of the role cpro_password_users
# (each test store's login group joins it) and reloads the server. Idempotent.
# Usage: scripts/pg-test-auth.sh [SUPERUSER_URL]   (default: $CPRO_TEST_PG_URL)
set -euo pipefail
url=${1:-${CPRO_TEST_PG_URL:?CPRO_TEST_PG_URL or an argument names the test server}}
psql "$url" -qAtc "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cpro_password_users') THEN CREATE ROLE cpro_password_users NOLOGIN; END IF; END \$\$;"
hba=$(psql "$url" -qAtc "SHOW hba_file")
line="host all +cpro_password_users 127.0.0.1/32 scram-sha-256"
line6="host all +cpro_password_users ::1/128 scram-sha-256"
if [ ! -w "$hba" ]; then
    echo "pg-test-auth : $hba n'est pas modifiable par $(id -un) : ajoutez en tête « $line » puis rechargez PostgreSQL." >&2
    exit 1
fi
if ! grep -qxF "$line" "$hba"; then
    tmp=$(mktemp)
    { echo "# CPRO Desktop tests: per-user stores' logins sign in with SCRAM passwords"; echo "$line"; echo "$line6"; cat "$hba"; } >"$tmp"
    cat "$tmp" >"$hba"
    rm -f "$tmp"
    psql "$url" -qAtc "SELECT pg_reload_conf()" >/dev/null
    echo "pg-test-auth : $hba mis à jour (SCRAM pour cpro_password_users), configuration rechargée." >&2
fi
