# Sourced by .ci/run (bash): start a throwaway PostgreSQL cluster for the tests.
#
# The cluster lives in a temp folder, listens on 127.0.0.1 only, runs as an unprivileged
# user (PostgreSQL refuses to run as root), and is stopped and deleted when the sourcing
# shell exits. It exports KEY_PROJECTS_TEST_PG, the admin URL the PostgreSQL tests use
# (they create and drop their own databases and roles on it).
#
# Usage: `source scripts/start-test-postgres.sh` (after install-system-deps.sh).

_kp_pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "${_kp_pg_bin}" ] || [ ! -x "${_kp_pg_bin}/initdb" ]; then
  echo "start-test-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  return 1
fi

_kp_pg_dir="$(mktemp -d /tmp/kp-test-pg.XXXXXX)"
_kp_pg_user="${KP_TEST_PG_OS_USER:-kp-pgtest}"
_kp_pg_pass="kp-test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
_kp_pg_port="${KP_TEST_PG_PORT:-54329}"

# Find a free loopback port (another cluster may already use 54329).
while (exec 3<>"/dev/tcp/127.0.0.1/${_kp_pg_port}") 2>/dev/null; do
  _kp_pg_port=$((_kp_pg_port + 1))
done

if [ "$(id -u)" = "0" ]; then
  if ! id -u "${_kp_pg_user}" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "${_kp_pg_user}"
  fi
  chown "${_kp_pg_user}" "${_kp_pg_dir}"
  _kp_pg_run() { (cd "${_kp_pg_dir}" && runuser -u "${_kp_pg_user}" -- "$@"); }
else
  _kp_pg_run() { (cd "${_kp_pg_dir}" && "$@"); }
fi

printf '%s\n' "${_kp_pg_pass}" > "${_kp_pg_dir}/pwfile"
chmod 0644 "${_kp_pg_dir}/pwfile"
_kp_pg_run "${_kp_pg_bin}/initdb" -D "${_kp_pg_dir}/data" -U kp_admin \
  --pwfile="${_kp_pg_dir}/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C >"${_kp_pg_dir}/initdb.log" 2>&1 \
  || { cat "${_kp_pg_dir}/initdb.log" >&2; return 1; }
rm -f "${_kp_pg_dir}/pwfile"

# fsync off: the cluster is thrown away, durability buys nothing here but time.
_kp_pg_run "${_kp_pg_bin}/pg_ctl" -D "${_kp_pg_dir}/data" -l "${_kp_pg_dir}/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=${_kp_pg_port} -c unix_socket_directories=${_kp_pg_dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null \
  || { cat "${_kp_pg_dir}/server.log" >&2; return 1; }

_kp_pg_stop() {
  _kp_pg_run "${_kp_pg_bin}/pg_ctl" -D "${_kp_pg_dir}/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "${_kp_pg_dir}"
}
trap _kp_pg_stop EXIT

export KEY_PROJECTS_TEST_PG="postgresql+psycopg://kp_admin:${_kp_pg_pass}@127.0.0.1:${_kp_pg_port}/postgres"
# pg_dump / pg_restore of the same major version as the server, for the backup tests.
export PATH="${_kp_pg_bin}:${PATH}"
echo "start-test-postgres: PostgreSQL $("${_kp_pg_bin}/postgres" --version | awk '{print $3}') on 127.0.0.1:${_kp_pg_port} (data in ${_kp_pg_dir})"
