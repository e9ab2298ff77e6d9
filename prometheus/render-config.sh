#!/bin/sh
# Renders a configuration template of this folder inside its container, at start, from the environment (the
# values Azure Container Apps passes: addresses, secrets), then runs the server. The AppHost does the same for a
# local run (VideoEditor.AppHost/Monitoring/ConfigTemplate.cs); the test suite checks both render alike.
#
# Usage: render-config.sh TEMPLATE OUTPUT -- COMMAND [ARGS...]
# Every ${NAME} (upper case) of the template is replaced by the environment variable NAME; inside single quotes
# ('${NAME}', a YAML string) quotes in the value are doubled. A placeholder without a variable stops the container.
set -eu
template=$1
output=$2
shift 3

# Alertmanager: where alerts go depends on whether a Slack webhook is set; the webhook itself goes to a file.
if grep -q 'SLACK_WEBHOOK_FILE' "$template"; then
  : "${SLACK_WEBHOOK_FILE:=$(dirname "$output")/slack-webhook-url}"
  umask 077
  printf '%s' "${SLACK_WEBHOOK_URL:-}" > "$SLACK_WEBHOOK_FILE"
  umask 022
  if [ -n "${SLACK_WEBHOOK_URL:-}" ]; then
    : "${CRITICAL_RECEIVER:=slack-and-email}" "${WARNING_RECEIVER:=slack}"
  else
    : "${CRITICAL_RECEIVER:=email}" "${WARNING_RECEIVER:=email}"
  fi
  export SLACK_WEBHOOK_FILE CRITICAL_RECEIVER WARNING_RECEIVER
fi

rendered=$(cat "$template")
for name in $(grep -o '\${[A-Z][A-Z0-9_]*}' "$template" | sort -u | tr -d '${}'); do
  if ! value=$(printenv "$name"); then
    echo "render-config: \${$name} has no value" >&2
    exit 1
  fi
  quoted=$(printf '%s' "$value" | sed "s/'/''/g")
  # Literal replacement (index/substr): no character of a value means anything to awk.
  rendered=$(printf '%s\n' "$rendered" | NAME="$name" VALUE="$value" QUOTED="$quoted" awk '
    function replace_all(text, find, with,    out, at) {
      out = ""
      while ((at = index(text, find)) > 0) {
        out = out substr(text, 1, at - 1) with
        text = substr(text, at + length(find))
      }
      return out text
    }
    {
      q = sprintf("%c", 39)
      placeholder = "${" ENVIRON["NAME"] "}"
      line = replace_all($0, q placeholder q, q ENVIRON["QUOTED"] q)
      print replace_all(line, placeholder, ENVIRON["VALUE"])
    }')
done
printf '%s\n' "$rendered" > "$output"

exec "$@"
