#!/bin/sh
# Fetches what the Java binding's build and tests need ahead of run-tests.sh: the JDK and
# Maven when they are missing, then the plugins and dependencies the poms declare. Safe to
# run again: what is there is kept. dependency:go-offline does not see everything: Surefire's
# JUnit provider and a few plugin-runtime jars are fetched by the first run of
# run-tests.sh, which therefore still needs Maven Central (as CI has).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v mvn > /dev/null || ! command -v javac > /dev/null; then
  apt-get update
  apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
fi

mvn="mvn -B --no-transfer-progress -Dstyle.color=never -q"
# The binding's plugins and dependencies (JNA, JUnit, Gson for the tests).
$mvn -f "$here/pom.xml" dependency:go-offline
# The consumer's plugins; its one dependency is the binding, built by run-tests.sh.
$mvn -f "$here/consumer-test/pom.xml" -Ducontact.version=0 dependency:resolve-plugins
