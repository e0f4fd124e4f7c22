#!/bin/sh
# The image's entry point: reads LocalStack's configuration variables where they mean something to Gureum
# (a GUREUM_* variable that is set wins), then starts the server. `docker-entrypoint.sh health` is the health
# check. LocalStack's Testcontainers module starts the image through this same path.
set -eu

if [ "${1:-}" = "health" ]; then
    exec python3 -c 'import os, urllib.request
urllib.request.urlopen("http://127.0.0.1:%s/_gureum/health" % os.environ.get("GUREUM_PORT", "4566"), timeout=2)'
fi

note() {
    echo "gureum: $*" >&2
}

# SERVICES=s3,sqs: the services that answer, with LocalStack's names for Gureum's
if [ -n "${SERVICES:-}" ] && [ -z "${GUREUM_SERVICES:-}" ]; then
    GUREUM_SERVICES=$(printf '%s' "$SERVICES" | tr -d ' ' | sed -e 's/\(^\|,\)elbv2\(,\|$\)/\1elb\2/g' \
        -e 's/\(^\|,\)iam\(,\|$\)/\1sts\2/g')
    export GUREUM_SERVICES
fi
# DEBUG=1 or LS_LOG=debug|trace: log every request
if [ -z "${GUREUM_LOG_LEVEL:-}" ]; then
    case "${LS_LOG:-}" in
        debug|trace) export GUREUM_LOG_LEVEL="$LS_LOG" ;;
        *) if [ "${DEBUG:-0}" = "1" ]; then export GUREUM_LOG_LEVEL=debug; fi ;;
    esac
fi
# PERSISTENCE=0: nothing kept (state lives in a temporary directory); 1 is the image's default, /var/lib/gureum
if [ "${PERSISTENCE:-}" = "0" ]; then
    unset GUREUM_DATA_DIR
fi
# GATEWAY_LISTEN=[host]:port: where the server listens (the first address, when there are several)
if [ -n "${GATEWAY_LISTEN:-}" ]; then
    listen=${GATEWAY_LISTEN%%,*}
    port=${listen##*:}
    host=${listen%:*}
    [ -n "$port" ] && export GUREUM_PORT="$port"
    [ -n "$host" ] && [ "$host" != "$listen" ] && export GUREUM_HOST="$host"
fi
# DEFAULT_REGION: the region of requests that name none
if [ -n "${DEFAULT_REGION:-}" ] && [ -z "${GUREUM_DEFAULT_REGION:-}" ]; then
    export GUREUM_DEFAULT_REGION="$DEFAULT_REGION"
fi
# LAMBDA_KEEPALIVE_MS: how long an idle execution environment stays warm
if [ -n "${LAMBDA_KEEPALIVE_MS:-}" ] && [ -z "${GUREUM_LAMBDA_KEEP_ALIVE:-}" ]; then
    GUREUM_LAMBDA_KEEP_ALIVE=$(awk -v ms="$LAMBDA_KEEPALIVE_MS" 'BEGIN { printf "%.3f", ms / 1000 }')
    export GUREUM_LAMBDA_KEEP_ALIVE
fi
# SQS_ENDPOINT_STRATEGY=path|domain: the form of queue URLs
case "${SQS_ENDPOINT_STRATEGY:-}" in
    path|domain) [ -z "${GUREUM_SQS_ENDPOINT_STRATEGY:-}" ] && export GUREUM_SQS_ENDPOINT_STRATEGY="$SQS_ENDPOINT_STRATEGY" ;;
    "") ;;
    *) note "SQS_ENDPOINT_STRATEGY=$SQS_ENDPOINT_STRATEGY is not one Gureum has; queue URLs use the host the client called" ;;
esac
# LOCALSTACK_HOST=host[:port] and HOSTNAME_EXTERNAL=host: names other containers reach this one by, which
# Gureum's own endpoints (/_gureum/, /_localstack/) then answer to
for name in "${LOCALSTACK_HOST:-}" "${HOSTNAME_EXTERNAL:-}"; do
    name=${name%:*}
    case "$name" in
        ""|localhost|127.0.0.1) ;;
        *) export GUREUM_ALLOWED_HOSTS="${GUREUM_ALLOWED_HOSTS:+$GUREUM_ALLOWED_HOSTS,}$name" ;;
    esac
done

exec /opt/gureum/gureum "$@"
