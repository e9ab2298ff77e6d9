# Alertmanager for a deployment: the configuration template baked in, rendered at start from the environment
# (SMTP relay, recipients; the Slack webhook and SMTP password arrive as secrets and never enter the image).
# The base image is a build argument: where no registry answers, a local stand-in (scripts/container-engine.sh).
# /alertmanager, its state (silences, notification log), is a volume in a deployment; the rendered configuration and
# the files of its secrets go to a folder of their own, so that no secret is ever written to that volume.
ARG ALERTMANAGER_IMAGE=prom/alertmanager:v0.28.1
FROM ${ALERTMANAGER_IMAGE}
USER root
RUN mkdir -p /etc/alertmanager/rendered && chown nobody /etc/alertmanager/rendered && chmod 700 /etc/alertmanager/rendered
USER nobody
COPY alertmanager.yml /etc/alertmanager/template/alertmanager.yml
COPY render-config.sh /usr/local/bin/render-config.sh
ENV SMTP_FROM=alertmanager@video-editor \
    SMTP_USERNAME="" \
    SMTP_PASSWORD="" \
    SMTP_REQUIRE_TLS=true \
    SLACK_CHANNEL="#video-editor-alerts" \
    GROUP_WAIT=30s
ENTRYPOINT ["/bin/sh", "/usr/local/bin/render-config.sh", "/etc/alertmanager/template/alertmanager.yml", "/etc/alertmanager/rendered/alertmanager.yml", "--", \
            "/bin/alertmanager", "--config.file=/etc/alertmanager/rendered/alertmanager.yml", "--storage.path=/alertmanager", "--cluster.listen-address="]
