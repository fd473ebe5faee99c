#!/usr/bin/env bash
# deploy/test/run.sh: the deployment tested for real, after `mvn -B verify` (run by .ci/run; see README.md).
#   1. a Java 17 base image from Debian's packages (debootstrap + openjdk-17-jre-headless, podman import), kept in
#      deploy/test/.cache/ between runs
#   2. the image: podman build of Containerfile with --build-arg BASE=<that base>
#   3. ContainerIT: the sandbox demo in the image reaches Closed and its HEALTHCHECK answers; two containers on one
#      PostgreSQL dispatch 50 tickets exactly once, one stopped with SIGTERM mid-load exits 0 and loses nothing
#   4. UpgradeIT: the previous release (built from git history) with 200 tickets in flight, the new jar started on the
#      same PostgreSQL, the old one stopped with SIGTERM: one work order per ticket, nothing lost or failed
#   5. deploy/compose.yaml read by podman-compose (a dry run, with deploy/.env.example as its .env); its schema check
#      against the Compose Specification is DeploymentFilesTest, in the suite
# Podman runs as root with the host's network, runc, cgroupfs and a containers.conf without default ulimits, and a
# storage of its own under deploy/test/.cache/ (nothing else on the machine is touched). Without podman it is skipped
# with one line, unless CI=true, where .ci/run has installed it and a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CACHE="$ROOT/deploy/test/.cache"
BASE_IMAGE=localhost/cwfn-test-base:bookworm-jre17
IMAGE=localhost/cw-fn-connector:test
TIMES=()
START=$(date +%s)

step() { # name, then the command; prints and keeps the step's time
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "== deploy/test/run.sh: $name"
  "$@"
  local t=$(( $(date +%s) - t0 ))
  TIMES+=("$(printf '%-44s %4d s' "$name" "$t")")
}

for tool in podman runc debootstrap podman-compose; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "deploy/test/run.sh: $tool is missing under CI=true (.ci/run installs podman, runc, debootstrap, podman-compose)" >&2
      exit 1
    fi
    echo "deploy/test/run.sh: skipped: $tool is not installed (apt-get install podman runc debootstrap podman-compose)"
    exit 0
  fi
done

mkdir -p "$CACHE/networks"
cat > "$CACHE/containers.conf" <<EOF
[containers]
default_ulimits = []

[network]
network_config_dir = "$CACHE/networks"
EOF
export CONTAINERS_CONF="$CACHE/containers.conf"
RUNROOT=/run/cwfn-podman-$(echo "$ROOT" | md5sum | cut -c1-8)
PODMAN="podman --root $CACHE/storage --runroot $RUNROOT --runtime runc --cgroup-manager=cgroupfs"

# the Debian mirror this machine's apt uses (its sources), for debootstrap
mirror() {
  local m
  m=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)
  [ -n "$m" ] || m=$(grep -hs '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1)
  [ -n "$m" ] || { echo "deploy/test/run.sh: no Debian mirror found in /etc/apt" >&2; return 1; }
  echo "$m"
}

base_image() {
  if $PODMAN image exists "$BASE_IMAGE"; then
    echo "base image $BASE_IMAGE is in the cache"
    return
  fi
  local tarball="$CACHE/base-bookworm-jre17.tar"
  if [ ! -f "$tarball" ]; then
    local rootfs="$CACHE/rootfs"
    rm -rf "$rootfs"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$(mirror)" \
      > "$CACHE/debootstrap.log" 2>&1 || { tail -30 "$CACHE/debootstrap.log" >&2; return 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$rootfs"
  fi
  $PODMAN import "$tarball" "$BASE_IMAGE" >/dev/null
}

jar() {
  if [ ! -f target/cw-fn-connector.jar ]; then
    mvn -B -q package -DskipTests -Dcpd.skip -Dmdep.analyze.skip
  fi
}

build_image() {
  $PODMAN build --quiet --format docker --network host --build-arg "BASE=$BASE_IMAGE" -f Containerfile -t "$IMAGE" . >/dev/null
  $PODMAN image inspect "$IMAGE" --format 'image {{.Id}}: user {{.Config.User}}, workdir {{.Config.WorkingDir}}, {{len .Config.ExposedPorts}} ports exposed'
  # no setting and no secret went in: the image holds the jar and nothing of this directory else
  $PODMAN run --rm --network host --no-healthcheck --entrypoint bash "$IMAGE" -c \
    'test ! -e /app/application.properties && test ! -e /app/.env && ls /opt/cw-fn-connector'
}

it() { # failsafe test classes (assembly/), against the image and the built jar; -am builds the modules they need in
       # the same run (a failsafe goal alone would look for them in ~/.m2), without their tests and checks
  mvn -B -q verify -pl assembly -am -Dit.test="$1" -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcpd.skip -Dmdep.analyze.skip -Dcontainer.image="$IMAGE" \
    -Dpodman.command="$PODMAN" -Dupgrade.test=true -Dfailsafe.failIfNoSpecifiedTests=false
}

compose_check() {
  # a copy of the layout compose.yaml expects (Containerfile one level up), with the example as its .env: a real
  # deploy/.env is never touched
  local dir; dir=$(mktemp -d)
  mkdir -p "$dir/deploy" "$dir/bin"
  cp deploy/compose.yaml "$dir/deploy/compose.yaml"
  cp deploy/.env.example "$dir/deploy/.env"
  cp Containerfile "$dir/Containerfile"
  printf '#!/bin/sh\nexec %s "$@"\n' "$PODMAN" > "$dir/bin/podman"
  chmod +x "$dir/bin/podman"
  local out
  out=$(cd "$dir/deploy" && podman-compose --podman-path "$dir/bin/podman" --dry-run -p cwfn-compose-check \
    -f compose.yaml up -d 2>&1) || { echo "$out" >&2; echo "deploy/test/run.sh: podman-compose failed" >&2; return 1; }
  # what it would run: PostgreSQL with the password from .env, then the connector with its env file and database
  echo "$out" | grep -q 'POSTGRES_PASSWORD=change-me-db-password' \
    && echo "$out" | grep -q -- "--env-file $dir/deploy/.env" \
    && echo "$out" | grep -q 'DB_URL=jdbc:postgresql://db:5432/connector' \
    || { echo "$out" >&2; echo "deploy/test/run.sh: podman-compose did not read deploy/compose.yaml as expected" >&2; return 1; }
  echo "podman-compose reads deploy/compose.yaml with deploy/.env.example as its .env"
  $PODMAN volume rm -f cwfn-compose-check_pgdata >/dev/null 2>&1 || true
  $PODMAN network rm -f cwfn-compose-check_default >/dev/null 2>&1 || true
  rm -rf "$dir"
}

# all steps, or those named: deploy/test/run.sh [image] [demo] [cluster] [upgrade] [compose]
wanted() { [[ " $ONLY " == *" $1 "* ]]; }
ONLY="$*"
if [ -z "$ONLY" ] || wanted image || wanted demo || wanted cluster; then
  step "jar (target/cw-fn-connector.jar)" jar
  step "base image (debootstrap, or the cache)" base_image
  step "image build" build_image
fi
if [ -z "$ONLY" ] || wanted demo; then
  step "sandbox demo in the image reaches Closed" it "ContainerIT#theSandboxDemoReachesClosedInTheImage"
fi
if [ -z "$ONLY" ] || wanted cluster; then
  step "two containers, 50 tickets, SIGTERM mid-load" it "ContainerIT#twoContainersOnOnePostgres*"
fi
if [ -z "$ONLY" ] || wanted upgrade; then
  step "upgrade from the previous release" it "UpgradeIT"
fi
if [ -z "$ONLY" ] || wanted compose; then
  step "compose file read by podman-compose" compose_check
fi

echo "== deploy/test/run.sh: all passed in $(( $(date +%s) - START )) s"
mkdir -p target
printf '%s\n' "${TIMES[@]}" | tee target/deploy-test-times.txt
for f in target/spread.txt target/upgrade.txt; do [ -f "$f" ] && cat "$f"; done
