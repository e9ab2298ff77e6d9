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

# Alertmanager: where alerts go depends on which of Slack and SMTP are set; the secrets go to files of their own.
if grep -q 'SLACK_WEBHOOK_FILE' "$template"; then
  : "${SLACK_WEBHOOK_FILE:=$(dirname "$output")/slack-webhook-url}" "${SMTP_PASSWORD_FILE:=$(dirname "$output")/smtp-password}"
  umask 077
  printf '%s' "${SLACK_WEBHOOK_URL:-}" > "$SLACK_WEBHOOK_FILE"
  printf '%s' "${SMTP_PASSWORD:-}" > "$SMTP_PASSWORD_FILE"
  umask 022
  slack=${SLACK_WEBHOOK_URL:+slack}
  email=${SMTP_SMARTHOST:+email}
  case "$slack-$email" in
    slack-email) : "${CRITICAL_RECEIVER:=slack-and-email}" "${WARNING_RECEIVER:=slack}" ;;
    slack-) : "${CRITICAL_RECEIVER:=slack}" "${WARNING_RECEIVER:=slack}" ;;
    -email) : "${CRITICAL_RECEIVER:=email}" "${WARNING_RECEIVER:=email}" ;;
    *) : "${CRITICAL_RECEIVER:=none}" "${WARNING_RECEIVER:=none}"
       echo "render-config: neither SLACK_WEBHOOK_URL nor SMTP_SMARTHOST is set: alerts go nowhere" >&2 ;;
  esac
  # Alertmanager checks every e-mail receiver against a global smarthost, used or not: without an SMTP server no
  # route sends e-mail, and this name keeps the unused receivers valid.
  : "${SMTP_SMARTHOST:=no-smtp-server.invalid:25}"
  # The Watchdog goes to the heartbeat URL when one is set; the receiver needs a URL either way.
  HEARTBEAT_RECEIVER=${HEARTBEAT_URL:+heartbeat}
  : "${HEARTBEAT_RECEIVER:=none}" "${HEARTBEAT_URL:=http://no-heartbeat-receiver.invalid/}"
  export SLACK_WEBHOOK_FILE SMTP_PASSWORD_FILE SMTP_SMARTHOST CRITICAL_RECEIVER WARNING_RECEIVER HEARTBEAT_RECEIVER HEARTBEAT_URL
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
