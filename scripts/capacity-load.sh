#!/usr/bin/env bash
# Measures start lag on a running Workflow host (embedded or Azure), the assumption docs/capacity.md rests on most:
# it saves N pipelines due at one instant (the next whole minute at least two minutes ahead, UTC), each a single
# 1-second delay task, waits until they have run, prints each run's start lag (when its task's first attempt
# started, minus the run's logical time: the simulator's measure) as p50/p99/max against the 30 s goal, and disables the pipelines again so they do not fire the next day.
#
#   WORKFLOW_URL=https://<app>.azurewebsites.net WORKFLOW_TOKEN=<bearer> scripts/capacity-load.sh 750
#   WORKFLOW_URL=http://127.0.0.1:5080 WORKFLOW_TOKEN=$TOKEN scripts/capacity-load.sh 100 data-eng
#
# Needs curl and jq. The caller needs the editor role in GROUP (default data-eng). Pipelines are named
# capload-0000 ... and are saved again (PUT) on a second run of the script, so they never pile up.
set -euo pipefail
N=${1:-100}
GROUP=${2:-data-eng}
URL=${WORKFLOW_URL:?set WORKFLOW_URL to the host, e.g. http://127.0.0.1:5080}
TOKEN=${WORKFLOW_TOKEN:?set WORKFLOW_TOKEN to a bearer token of an editor in the group}
auth=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')

due_epoch=$(( ( $(date -u +%s) / 60 + 3 ) * 60 ))
cron="$(date -u -d "@$due_epoch" +'%-M %-H') * * *"
echo "saving $N pipelines due at $(date -u -d "@$due_epoch" +%FT%TZ) (cron '$cron' UTC) ..."
saved=$(date +%s.%N)
for i in $(seq -f '%04g' 0 $((N - 1))); do
  body=$(jq -n --arg id "capload-$i" --arg group "$GROUP" --arg cron "$cron" '{
    id: $id, ownerGroup: $group, concurrency: {overlap: "allow"},
    schedules: [{cron: $cron, timeZone: "UTC"}],
    tasks: [{id: "work", kind: "delay", config: {duration: "1s"}}]}')
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "${auth[@]}" --data "$body" "$URL/api/pipelines/capload-$i")
  [[ $code == 200 || $code == 201 ]] || { echo "PUT capload-$i answered $code" >&2; exit 1; }
done
echo "saved in $(echo "$(date +%s.%N) - $saved" | bc) s; waiting for the due instant and two minutes more ..."
sleep $(( due_epoch - $(date -u +%s) + 120 ))

lags=()
for i in $(seq -f '%04g' 0 $((N - 1))); do
  run=$(curl -s "${auth[@]}" "$URL/api/runs?pipeline=capload-$i&limit=5" | jq -r --argjson due "$due_epoch" '
    [.items[] | select((.logicalTime | sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601) == $due)][0].runId // "missing"')
  lag=missing
  if [[ $run != missing ]]; then
    lag=$(curl -s "${auth[@]}" "$URL/api/runs/$(jq -rn --arg r "$run" '$r|@uri')/tasks/work/attempts" | jq -r --argjson due "$due_epoch" '
      [.[] | select(.startedAt != null) | .startedAt | sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601] | min
      | if . == null then "missing" else . - $due end')
  fi
  lags+=("$lag")
  curl -s -o /dev/null -X POST "${auth[@]}" "$URL/api/pipelines/capload-$i/disable"
done
printf '%s\n' "${lags[@]}" | jq -s -r --argjson n "$N" '
  (map(select(type == "number")) | sort) as $s
  | ($s | length) as $k
  | def pct(p): if $k == 0 then "n/a" else $s[([((p * $k) | ceil) - 1, 0] | max)] end;
  "runs started: \($k) of \($n); start lag (s, whole seconds): p50 \(pct(0.5)), p99 \(pct(0.99)), max \(pct(1.0)); goal 30"'
