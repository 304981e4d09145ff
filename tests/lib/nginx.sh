# tests/lib/nginx.sh - sourced: Debian's nginx on a free loopback port, serving a directory, with
# WebDAV PUT under one location (a Bazel HTTP remote cache). Used by tests/bazel/remote_cache_test.sh
# and tests/consumer_prebuilt/lib.sh.
#   nginx_start DIR ROOT LOCATION  starts nginx with its configuration, pid file and logs in DIR,
#                                  serving ROOT, accepting PUT under LOCATION (/ or /cache/);
#                                  sets nginx_url=http://127.0.0.1:PORT. Installs nginx with apt
#                                  when it is missing. Needs a fail() function.
#   nginx_stop DIR                 stops it; 1 when it was not running.
# shellcheck shell=bash

nginx_start() { # DIR ROOT LOCATION
  local dir=$1 root=$2 location=$3 port=
  command -v nginx >/dev/null || { echo "installing nginx (apt)" >&2; apt-get install -y -q nginx >/dev/null; }
  mkdir -p "$dir/tmp" "$root"
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    cat >"$dir/nginx.conf" <<NGINX
user root;
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $root;
    location $location {
      dav_methods PUT;
      create_full_put_path on;
      client_max_body_size 0;
    }
  }
}
NGINX
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
