# Stand-in for prom/prometheus where no registry answers: Debian's prometheus with the official image's interface
# (entrypoint /bin/prometheus, which merged /usr already gives, user nobody, config in /etc/prometheus, data in /prometheus, port 9090).
ARG BASE=localhost/video-editor/debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends prometheus \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
VOLUME /prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
