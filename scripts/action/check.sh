#!/usr/bin/env bash
# The Action's check step: `preflight check` with the repository's preflight.toml (plus the
# `args` input), once as SARIF into the `sarif-file` input for code scanning, once as
# workflow commands so the runner annotates the lines of the pull request. Sets the outputs
# `sarif-file` (absolute) and `status` (0 no errors, 1 errors, 2 could not run) and exits with
# the status.
set -uo pipefail
sarif=${INPUT_SARIF_FILE:-preflight.sarif}
case "$sarif" in /*) ;; *) sarif="$PWD/$sarif" ;; esac
# The args input is split into words as a shell would (no globbing).
set -f
read -r -a extra <<< "${INPUT_ARGS:-}"
set +f

preflight check "${extra[@]}" --format sarif --output-file "$sarif"
status=$?
if [ "$status" -le 1 ]; then
  # The same findings again, as annotations; its warnings were printed by the first run.
  preflight check "${extra[@]}" --format github 2>/dev/null
fi
{
  echo "sarif-file=$sarif"
  echo "status=$status"
} >> "${GITHUB_OUTPUT:?}"
exit "$status"
