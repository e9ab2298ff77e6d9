# Prometheus for a deployment: the configuration template and the rules baked in, rendered at start from the
# environment the AppHost describes (scrape targets by service name, the Alertmanager address).
# The base image is a build argument: where no registry answers, a local stand-in (scripts/container-engine.sh).
ARG PROMETHEUS_IMAGE=prom/prometheus:v3.5.0
FROM ${PROMETHEUS_IMAGE}
COPY prometheus.yml /etc/prometheus/template/prometheus.yml
COPY rules/ /etc/prometheus/rules/
COPY render-config.sh /usr/local/bin/render-config.sh
ENV SCRAPE_INTERVAL=15s \
    RUNBOOK_URL=docs/runbooks.md \
    RULE_FILES="['/etc/prometheus/rules/*.yml']"
ENTRYPOINT ["/bin/sh", "/usr/local/bin/render-config.sh", "/etc/prometheus/template/prometheus.yml", "/prometheus/prometheus.yml", "--", \
            "/bin/prometheus", "--config.file=/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--enable-feature=exemplar-storage"]
