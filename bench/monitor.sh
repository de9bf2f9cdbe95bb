#!/bin/bash
# The memory of a running `kg build --store STORE`, every 30 s: time, free disk (GB), RSS of each
# of the build's processes (MB, the writer first) and their sum, the records of the newest
# generation, the size of its Oxigraph database (MB). Stops the build if the disk falls under 3 GB.
#   bash bench/monitor.sh STORE > monitor.log &
STORE=${1:?usage: monitor.sh STORE}
while true; do
  pids=$(pgrep -f "kg build .*--store $STORE" | sort -n)
  rss=$(for p in $pids; do awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null; done \
        | awk '{s+=$1; printf "%d ", $1/1024} END {printf "sum=%d", s/1024}')
  gen=$(ls -d "$STORE"/generations/* 2>/dev/null | tail -1)
  n=$(ls "$gen/extractions" 2>/dev/null | wc -l)
  ox=$(du -sm "$gen/oxigraph" 2>/dev/null | cut -f1)
  free=$(df -BG --output=avail "$STORE" 2>/dev/null | tail -1 | tr -d ' G')
  echo "$(date +%H:%M:%S) free=$free rss=[$rss] records=$n ox_mb=$ox"
  if [ -n "$free" ] && [ "$free" -lt 3 ]; then echo "DISK LOW: stopping the build"; pkill -f "kg build .*--store $STORE"; fi
  sleep 30
done
