#!/bin/bash
# Operations benchmark (docs/benchmarks.md): REPO is a checkout with node_modules; needs psql and the test PostgreSQL.
# usage: h5-pg16.sh REPO LABEL : 20 queued ingests, one worker --concurrency 16 --until-idle, on a fresh PostgreSQL database
REPO=$1; LABEL=$2; DB=h5bench_$RANDOM; D=$(mktemp -d)
psql -q postgres://postgres@127.0.0.1:5432/test -c "CREATE DATABASE $DB" >/dev/null
URL=postgres://postgres@127.0.0.1:5432/$DB
HERE="$(cd "$(dirname "$0")/.." && pwd)"; (cd "$HERE" && node --import tsx -e "import('./test/ops-support.ts').then(m=>m.writeInbox('$D','all'))")
export PARALLAX_DATABASE_URL=$URL PARALLAX_LOG_LEVEL=silent PARALLAX_POLL_REGISTRY=0
cd $REPO && node bin/parallax.mjs ingest --queue $D/all >/dev/null
S=$(date +%s.%N)
timeout 300 node bin/parallax.mjs worker --concurrency 16 --until-idle > $D/w.out 2> $D/w.err; RC=$?
E=$(date +%s.%N)
N=$(psql -tA $URL -c "SELECT (SELECT COUNT(*) FROM stories)||' stories, '||(SELECT COUNT(*) FROM articles)||' articles, jobs: '||(SELECT string_agg(status||'='||n, ' ') FROM (SELECT status, COUNT(*) n FROM jobs GROUP BY status) x)")
echo "$LABEL: exit $RC; $N; wall $(echo "$E - $S" | bc) s"; grep -v "^parallax: worker" $D/w.err | head -3
psql -q postgres://postgres@127.0.0.1:5432/test -c "DROP DATABASE $DB WITH (FORCE)" >/dev/null; rm -rf $D
