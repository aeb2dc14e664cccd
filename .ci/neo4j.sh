#!/usr/bin/env bash
# CI install step for the local Neo4j: builds the launcher in neo4j/ (Neo4j 5 community artifacts from
# Maven Central) so tests can start a real Neo4j. Needs only a JDK 17 and Maven; installs them with apt
# when missing. Called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash neo4j/build.sh
test -f neo4j/target/neo4j-launcher.jar
