#!/usr/bin/env bash
# Builds the local Neo4j launcher (Neo4j 5 community from Maven Central) when Java and Maven are present.
# Run by `npm install` (postinstall); skipped, with a note, on machines without a JDK or Maven, since
# only `npm run neo4j` and the Neo4j tests need it. Up to date when the jar is newer than its sources.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/neo4j-launcher.jar
if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  echo "neo4j launcher: JDK 17 or Maven missing, not built (needed only for npm run neo4j; see .ci/neo4j.sh)"
  exit 0
fi
if [ -f "$jar" ] && [ -z "$(find pom.xml src -newer "$jar" -print -quit)" ]; then
  echo "neo4j launcher: up to date"
  exit 0
fi
# Offline first (a warm ~/.m2), else fetch from Maven Central.
mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests
test -f "$jar"
echo "neo4j launcher built: neo4j/$jar ($(ls target/lib | wc -l) jars)"
