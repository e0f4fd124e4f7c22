# Shared by s3-throughput.sh and s3-put-data-dir.sh (sourced, not run): nginx as the peer of S3, serving
# the files under $WORK/www (GET) and accepting new ones by WebDAV (PUT), which also writes a file.
# Expects WORK (a scratch directory); $WORK/nginx.conf and $WORK/nginx.pid are nginx's, so that the
# caller's exit trap can stop it with: nginx -c "$WORK/nginx.conf" -s stop

# start_nginx PORT: writes the configuration and starts nginx on 127.0.0.1:PORT
start_nginx() {
  mkdir -p "$WORK/www" "$WORK/nginx-tmp"
  # nginx workers run as an unprivileged user: let them read and write the benchmark files
  chmod -R a+rwX "$WORK"
  cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$1;
    root $WORK/www;
    location / { dav_methods PUT; create_full_put_path on; }
  }
}
CONF
  nginx -c "$WORK/nginx.conf"
}

# put_script FILE BODY: a wrk script that PUTs BODY (a file) under /bench/put-<random number>
put_script() {
  cat > "$1" <<LUA
local f = io.open("$2", "rb")
local body = f:read("*all")
f:close()
request = function()
  return wrk.format("PUT", "/bench/put-" .. math.random(0, 99999), {["Content-Type"] = "application/octet-stream"}, body)
end
LUA
}
