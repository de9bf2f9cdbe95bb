#!/bin/bash
# Where a running `kg build --store STORE` spends its CPU over SECONDS (default 60): CPU seconds
# of each process's threads grouped by thread name (the writer's Python and bulk-loader threads
# are "kg", RocksDB's compaction threads "rocksdb:low"), and per report extracted meanwhile.
#   bash bench/cpusplit.sh STORE 60
STORE=${1:?usage: cpusplit.sh STORE [SECONDS]}
snap() {
  for p in $(pgrep -f "kg build .*--store $STORE"); do
    for t in /proc/$p/task/*; do echo "$p/$(tr ' ' _ < "$t/comm") $(awk '{print $14+$15}' "$t/stat")"; done
  done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort
}
records() { ls "$(ls -d "$STORE"/generations/* | tail -1)/extractions" | wc -l; }
a=$(snap); n0=$(records); sleep "${2:-60}"; b=$(snap); n1=$(records)
echo "reports: $((n1 - n0))"
join <(echo "$a") <(echo "$b") | awk -v n=$((n1 - n0)) -v hz="$(getconf CLK_TCK)" \
  '{d = ($3 - $2) / hz; if (d > 0) printf "%-30s %7.1f s  %6.2f ms/report\n", $1, d, n ? 1000 * d / n : 0}'
