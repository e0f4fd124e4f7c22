#!/bin/sh
# Builds a base image for emulator-server/Dockerfile on a machine that reaches Debian's package mirror but
# no container registry: a minimal Debian (debootstrap) with python3 and Node.js for Lambda functions, and a
# Java runtime made with jlink from the JDK that runs this script (or Debian's JRE when that JDK has no jmods).
# It is imported with `docker import` and named after a hash of this script, so it is built once per machine:
#
#   base=$(emulator-server/docker/local-base.sh)        # prints the image name, e.g. gureum-base:3f2a...
#   docker build -f emulator-server/Dockerfile --build-arg BASE_IMAGE="$base" -t gureum .
#
# Needs root (debootstrap) and a running Docker engine. Everything it says goes to stderr.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
suite=bookworm
# what jdeps finds the server jar needs, with TLS's elliptic curves, zip file systems and the JVM's own beans
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss
modules=$modules,java.security.sasl,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
jlink="$java_home/bin/jlink"
recipe=$(cat "$0"; "$java_home/bin/java" -version 2>&1)
hash=$(printf '%s' "$recipe" | sha256sum | cut -c1-12)
image="gureum-base:$hash"

if docker image inspect "$image" >/dev/null 2>&1; then
    echo "local-base: $image is built already" >&2
    echo "$image"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "local-base: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

root=$(mktemp -d -t gureum-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
packages=python3,nodejs,ca-certificates
if [ ! -x "$jlink" ] || [ ! -d "$java_home/jmods" ]; then
    packages="$packages,openjdk-17-jre-headless"
fi
echo "local-base: debootstrap $suite into $root ($packages)" >&2
# downloaded packages are kept for the next build (a new recipe, say)
cache=${GUREUM_BASE_CACHE:-/var/cache/gureum-base}
mkdir -p "$cache"
debootstrap --variant=minbase --cache-dir="$cache" --include="$packages" "$suite" "$root" >&2

java_env='ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'
if [ -x "$jlink" ] && [ -d "$java_home/jmods" ]; then
    java_env='ENV JAVA_HOME=/opt/java'
    echo "local-base: jlink $modules from $java_home" >&2
    "$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
        --generate-cds-archive --output "$root/opt/java" >&2
    # the class archive for heaps over 32 GB
    rm -f "$root/opt/java/lib/server/classes_nocoops.jsa"
fi
# what a runtime image does not need: documentation, translations, package caches and lists, glibc's iconv
# modules for legacy character sets (Java, Python and Node.js convert with their own), and Python's compiled
# modules (Python compiles what it imports when they are missing)
rm -f "$root"/usr/lib/*-linux-gnu/gconv/*.so
find "$root/usr/lib/python3" "$root/usr/lib/python3.11" -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
    "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/var/log/*
tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "$java_env" -c 'ENV LANG=C.UTF-8' -c 'CMD ["bash"]' - "$image" >&2
echo "$image"
