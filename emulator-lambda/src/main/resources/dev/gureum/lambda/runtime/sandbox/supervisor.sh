# Gureum's execution-environment supervisor (POSIX sh).
#   sh supervisor.sh <marker> <pid file> <command> [argument...]
# Runs the runtime command with GUREUM_LAMBDA_SANDBOX=<marker> in its environment and ends everything
# the runtime started when the runtime ends, or when the server does: standard input is a pipe from the
# server, and it reaches end of file however the server ends, SIGKILL included.
# As the first process of a PID namespace, exiting is enough: the kernel then kills every process in
# the namespace. Otherwise the processes that still carry the marker are killed, wherever they went.
marker=$1
pidfile=$2
shift 2
# asynchronous lists read /dev/null unless told otherwise: keep the server's pipe at hand as 3
exec 3<&0

sweep() {
    [ "$$" = 1 ] && return
    for round in 1 2 3 4 5; do
        found=
        for environ in $(grep -lsxzF "GUREUM_LAMBDA_SANDBOX=$marker" /proc/[0-9]*/environ); do
            pid=${environ#/proc/}
            pid=${pid%/environ}
            kill -KILL "$pid" 2>/dev/null && found=1
        done
        [ -z "$found" ] && return
    done
}

(
    # the pid as the server sees it: /proc is the server's even inside a PID namespace
    read -r pid rest < /proc/self/stat
    echo "$pid" > "$pidfile"
    GUREUM_LAMBDA_SANDBOX=$marker
    export GUREUM_LAMBDA_SANDBOX
    exec "$@"
) < /dev/null 3<&- &
runtime=$!

(
    while read -r line; do :; done
    kill -KILL "$runtime" 2>/dev/null
    sweep
) <&3 &
watcher=$!
exec 3<&-

wait "$runtime"
status=$?
kill "$watcher" 2>/dev/null
sweep
exit "$status"
