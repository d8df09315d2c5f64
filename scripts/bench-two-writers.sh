#!/bin/bash
# Operations benchmark (docs/benchmarks.md): REPO is a checkout with node_modules (e.g. a git worktree of an older commit).
# usage: h5-two.sh REPO LABEL : two concurrent ingests of the same 20 inputs, then of interleaved halves, on one SQLite file
REPO=$1; LABEL=$2; D=$(mktemp -d)
cd "$(dirname "$0")/.." && node --import tsx -e "
import('./test/ops-support.ts').then(async (m) => { const {EVENT_ARTICLES}=await import('./test/fixtures/ops/events.ts'); m.writeInbox('$D','all'); m.writeInbox('$D','odd',EVENT_ARTICLES.filter((_,i)=>i%2)); m.writeInbox('$D','even',EVENT_ARTICLES.filter((_,i)=>i%2===0)); })"
for CASE in "same all all" "halves odd even"; do
  set -- $CASE
  S=$(date +%s.%N)
  (cd $REPO && PARALLAX_LOG_LEVEL=silent PARALLAX_POLL_REGISTRY=0 node bin/parallax.mjs ingest $D/$2 --db $D/$1.db >$D/$1.a.out 2>$D/$1.a.err; echo "exit $?" >>$D/$1.a.err) &
  (cd $REPO && PARALLAX_LOG_LEVEL=silent PARALLAX_POLL_REGISTRY=0 node bin/parallax.mjs ingest $D/$3 --db $D/$1.db >$D/$1.b.out 2>$D/$1.b.err; echo "exit $?" >>$D/$1.b.err) &
  wait
  E=$(date +%s.%N)
  N=$(cd $REPO && PARALLAX_LOG_LEVEL=silent node bin/parallax.mjs stories --db $D/$1.db --json | node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>{const j=JSON.parse(s);console.log(j.length+' stories, '+j.reduce((n,x)=>n+x.articles.length,0)+' articles')})")
  ERR=$(cat $D/$1.a.err $D/$1.b.err | grep -v "^exit 0" | grep -c .)
  echo "$LABEL $1: $N; error lines $ERR; exits $(grep -h exit $D/$1.a.err $D/$1.b.err | tr '\n' ' '); wall $(echo "$E - $S" | bc) s"
  cat $D/$1.a.err $D/$1.b.err | grep -v "^exit" | head -3
done
rm -rf $D
