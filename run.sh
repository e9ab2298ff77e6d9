#!/usr/bin/env bash
# Runs the whole VideoEditor stack under the Aspire AppHost. Stack:Mode=auto runs the infrastructure as
# containers when a container runtime answers, as local executables otherwise. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh run
echo "Aspire dashboard: http://localhost:18888 (no login in local development; Ctrl+C stops the stack)"
exec dotnet run --project VideoEditor.AppHost --launch-profile http -- "$@"
