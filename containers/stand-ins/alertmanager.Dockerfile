# Stand-in for prom/alertmanager where no registry answers: Debian's prometheus-alertmanager with the official
# image's interface (entrypoint /bin/alertmanager, user nobody, config in /etc/alertmanager, data in /alertmanager,
# port 9093). Debian's build has no web UI (its API and the Prometheus UI serve instead).
ARG BASE=localhost/video-editor/debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends prometheus-alertmanager \
    && rm -rf /var/lib/apt/lists/* \
    && ln -s prometheus-alertmanager /usr/bin/alertmanager \
    && mkdir -p /alertmanager /etc/alertmanager \
    && cp /etc/prometheus/alertmanager.yml /etc/alertmanager/alertmanager.yml \
    && chown nobody:nogroup /alertmanager
USER nobody
WORKDIR /alertmanager
VOLUME /alertmanager
EXPOSE 9093
ENTRYPOINT ["/bin/alertmanager"]
CMD ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"]
