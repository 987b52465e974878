#!/usr/bin/env bash
# The Action's install step: the CLI built from the action's own source with cargo, into
# $PREFLIGHT_ROOT (the directory actions/cache restores); a restored binary is used as it is.
# Its bin directory goes on the job's PATH.
set -euo pipefail
root=${PREFLIGHT_ROOT:?}
if [ -x "$root/bin/preflight" ]; then
  echo "$("$root/bin/preflight" --version) (restored from the cache)"
else
  echo "==> cargo install --locked --path $GITHUB_ACTION_PATH --root $root"
  cargo install --locked --path "${GITHUB_ACTION_PATH:?}" --root "$root"
fi
echo "$root/bin" >> "${GITHUB_PATH:?}"
