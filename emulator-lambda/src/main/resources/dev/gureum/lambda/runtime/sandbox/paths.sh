# Gureum's view of Lambda's paths for one runtime (POSIX sh), run in a mount namespace of its own.
#   sh paths.sh <task directory or ""> <layer directories, ":"-separated, top first, or ""> <command> [argument...]
# Mounts the function's code on /var/task and its layers on /opt (one layer bound, several merged by
# overlayfs), both read-only as on Lambda, then runs the command. A mount that fails leaves that path as
# it was: the runtime still finds its code and layers through its variables.
task=$1
layers=$2
shift 2
if [ -n "$task" ] && mount --bind "$task" /var/task 2>/dev/null; then
    mount -o remount,bind,ro /var/task 2>/dev/null
fi
case "$layers" in
    "") ;;
    *:*) mount -t overlay overlay -o "ro,lowerdir=$layers" /opt 2>/dev/null ;;
    *) mount --bind "$layers" /opt 2>/dev/null && mount -o remount,bind,ro /opt 2>/dev/null ;;
esac
exec "$@"
