# --- SASL bridge (from integration-tests/src/test/resources/launcher-sasl-bridge.sh) ---
# memcached's t/binary-sasl.t creates its user with Cyrus saslpasswd2 in a Berkeley DB sasldb
# (sasldb_path in $SASL_CONF_PATH/memcached.conf) after the server has started, and memcached
# reads that database at every authentication. Ketch reads memcached's MEMCACHED_SASL_PWDB
# user:password file at every authentication, so when started with -S and SASL_CONF_PATH, serve
# that file from a named pipe which converts the sasldb (db5.3_dump, Debian's db5.3-util) each
# time it is opened. A user in realm R is written as user@R (the name a client sends), and also
# as plain user when R is this host's name (Cyrus's default realm).
ketch_sasldb_users() {
  [ -f "$1" ] || return 0
  db5.3_dump -p "$1" 2>/dev/null | perl -MSys::Hostname -ne '
    BEGIN { $host = hostname(); $body = 0 }
    chomp;
    if (!$body) { $body = 1 if $_ eq "HEADER=END"; next }
    last if $_ eq "DATA=END";
    s/^ //;
    s/\\(\\|[0-9a-fA-F]{2})/$1 eq "\\" ? "\\" : chr(hex($1))/ge;
    if (!defined $key) { $key = $_; next }
    ($user, $realm, $prop) = split /\0/, $key, 3;
    undef $key;
    next unless defined $prop && $prop eq "userPassword";
    print "$user\@$realm:$_\n";
    print "$user:$_\n" if $realm eq $host;
  '
}

ketch_sasl_bridge() {
  case " $* " in *" -S "*|*" --enable-sasl "*) ;; *) return 0 ;; esac
  [ -n "${SASL_CONF_PATH:-}" ] && [ -z "${MEMCACHED_SASL_PWDB:-}" ] || return 0
  if ! command -v db5.3_dump >/dev/null 2>&1 || ! command -v perl >/dev/null 2>&1; then
    echo "launcher: db5.3_dump (db5.3-util) or perl missing: SASL users cannot be read" >&2
    return 0
  fi
  ketch_sasldb=/etc/sasldb2
  if [ -f "$SASL_CONF_PATH/memcached.conf" ]; then
    ketch_path=$(sed -n 's/^sasldb_path:[[:space:]]*//p' "$SASL_CONF_PATH/memcached.conf" | tail -n 1)
    [ -n "$ketch_path" ] && ketch_sasldb=$ketch_path
  fi
  ketch_dir=$(mktemp -d) && mkfifo "$ketch_dir/pwdb" || return 0
  export MEMCACHED_SASL_PWDB="$ketch_dir/pwdb"
  ketch_server=$$ # the server's pid once this script execs it
  ( while kill -0 "$ketch_server" 2>/dev/null; do
      ketch_sasldb_users "$ketch_sasldb" > "$ketch_dir/pwdb"
    done ) </dev/null >/dev/null 2>&1 &
  ketch_writer=$!
  ( while kill -0 "$ketch_server" 2>/dev/null; do sleep 1; done
    kill "$ketch_writer" 2>/dev/null; rm -rf "$ketch_dir" ) </dev/null >/dev/null 2>&1 &
}
ketch_sasl_bridge "$@"
# --- end of SASL bridge ---
