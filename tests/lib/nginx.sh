# tests/lib/nginx.sh - sourced: Debian's nginx on a free loopback port, serving a directory, with
# WebDAV PUT under one location (a Bazel HTTP remote cache). Used by tests/bazel/remote_cache_test.sh
# and tests/consumer_prebuilt/lib.sh.
#   nginx_start DIR ROOT LOCATION  starts nginx with its configuration, pid file and logs in DIR,
#                                  serving ROOT, accepting PUT under LOCATION (/ or /cache/);
#                                  sets nginx_url=http://127.0.0.1:PORT. The configuration is the
#                                  README's (marked <!-- nginx: remote cache -->) with those
#                                  values. Installs nginx with apt when it is missing. Needs a
#                                  fail() function.
#   nginx_stop DIR                 stops it; 1 when it was not running.
# shellcheck shell=bash

# shellcheck source=tests/lib/checkout.sh
. "$(dirname "${BASH_SOURCE[0]}")/checkout.sh"

nginx_start() { # DIR ROOT LOCATION
  local dir=$1 root=$2 location=$3 port='' conf
  command -v nginx >/dev/null || { echo "installing nginx (apt)" >&2; apt-get install -y -q nginx >/dev/null; }
  mkdir -p "$dir/tmp" "$root"
  # What users copy is what the tests run.
  conf=$(readme_snippet "nginx: remote cache") ||
    fail "README.md has no nginx configuration marked <!-- nginx: remote cache -->"
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    # The README's configuration, on this port, root and location, with the files in DIR and
    # running as root (the test's directories are root's).
    {
      printf 'worker_processes 1;\ndaemon on;\npid %s/nginx.pid;\nerror_log %s/error.log;\n' "$dir" "$dir"
      sed -e "s|^user www-data;\$|user root;|" \
          -e "s|^    listen 127\.0\.0\.1:8080;\$|    listen 127.0.0.1:$port;|" \
          -e "s|^    root /srv/bazel-cache;\$|    root $root;|" \
          -e "s|^    location / {\$|    location $location {|" \
          -e "s|^http {\$|http {\n  access_log $dir/access.log;\n  client_body_temp_path $dir/tmp/body;\n  proxy_temp_path $dir/tmp/proxy;\n  fastcgi_temp_path $dir/tmp/fastcgi;\n  uwsgi_temp_path $dir/tmp/uwsgi;\n  scgi_temp_path $dir/tmp/scgi;|" \
          <<<"$conf"
    } >"$dir/nginx.conf"
    grep -qxF "user root;" "$dir/nginx.conf" && grep -qxF "    listen 127.0.0.1:$port;" "$dir/nginx.conf" && grep -qxF "    root $root;" "$dir/nginx.conf" &&
      grep -qxF "    location $location {" "$dir/nginx.conf" && grep -qxF "  access_log $dir/access.log;" "$dir/nginx.conf" ||
      fail "README.md's nginx configuration (<!-- nginx: remote cache -->) lacks 'user www-data;', 'http {', or the listen, root or location line of one server"
    nginx -p "$dir" -c "$dir/nginx.conf" 2>>"$dir/start.log" && break
    port=
  done
  [ -n "$port" ] || { cat "$dir/start.log" >&2; fail "nginx did not start"; }
  # shellcheck disable=SC2034 # the caller reads it
  nginx_url=http://127.0.0.1:$port
}

nginx_stop() { # DIR
  [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null
}
