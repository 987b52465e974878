#!/usr/bin/env bash
# The Action's cache key for the built CLI: the runner's OS and architecture and a hash of the
# source it is built from (the action is downloaded as files, without git history).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?}"
hash=$(find Cargo.toml Cargo.lock src crates data -type f -print0 | LC_ALL=C sort -z \
  | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
echo "key=preflight-cli-${RUNNER_OS:?}-${RUNNER_ARCH:?}-$hash" >> "${GITHUB_OUTPUT:?}"
