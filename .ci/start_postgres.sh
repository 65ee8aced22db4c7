# Start a throwaway PostgreSQL server on 127.0.0.1 for the persistence/API tests.
#
# Meant to be `source`d by .ci/run (it never calls `exit`, so it cannot end the
# caller's shell). It installs Debian's `postgresql` package with apt-get when
# the server binaries are missing, creates a private cluster in a temporary
# folder owned by the `postgres` user, listens on loopback only, creates the
# database `jixiao_test` and exports
#
#     JIXIAO_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:<port>/jixiao_test
#
# The cluster uses `trust` authentication for loopback connections, so the URL
# carries no password: nothing secret is printed or exported. Port: $JIXIAO_PG_PORT
# (default 55432; the next free port is taken when it is busy). The server is stopped by `jixiao_pg_stop` (or when the
# machine is reset); the data folder is in $TMPDIR.

jixiao_pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

jixiao_pg_start() {
    local port="${JIXIAO_PG_PORT:-55432}"
    local tries=0
    while jixiao_pg_port_busy "$port" && [ $tries -lt 20 ]; do
        port=$((port + 1))
        tries=$((tries + 1))
    done
    local bindir
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "start_postgres: installing Debian postgresql" >&2
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
            echo "start_postgres: apt-get install postgresql failed" >&2
            return 1
        fi
        bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    local as_pg=()
    if [ "$(id -u)" = "0" ]; then
        as_pg=(runuser -u postgres --)
    fi
    local data
    data="$(mktemp -d "${TMPDIR:-/tmp}/jixiao-pg.XXXXXX")"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
    if ! "${as_pg[@]}" "$bindir/initdb" -D "$data/db" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 >"$data/initdb.log" 2>&1; then
        echo "start_postgres: initdb failed, see $data/initdb.log" >&2
        return 1
    fi
    if ! "${as_pg[@]}" "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >/dev/null; then
        echo "start_postgres: server did not start, see $data/server.log" >&2
        return 1
    fi
    if ! "${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres jixiao_test; then
        echo "start_postgres: createdb failed" >&2
        return 1
    fi
    JIXIAO_PG_DATA="$data/db"
    JIXIAO_PG_BINDIR="$bindir"
    export JIXIAO_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:${port}/jixiao_test"
    echo "start_postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, database jixiao_test" >&2
}

jixiao_pg_stop() {
    if [ -n "${JIXIAO_PG_DATA:-}" ]; then
        local as_pg=()
        [ "$(id -u)" = "0" ] && as_pg=(runuser -u postgres --)
        "${as_pg[@]}" "$JIXIAO_PG_BINDIR/pg_ctl" -D "$JIXIAO_PG_DATA" -m fast stop >/dev/null 2>&1 || true
    fi
}

jixiao_pg_start
