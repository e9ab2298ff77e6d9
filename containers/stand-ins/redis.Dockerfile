# Stand-in for the official redis image where no registry answers: Debian's redis-server with the official image's
# interface (redis-server on PATH, /data as working and data folder, port 6379). Like the official image it runs
# with protected mode off: the container's network is the boundary, and Aspire sets a password.
ARG BASE=localhost/video-editor/debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown redis:redis /data \
    && printf '#!/bin/sh\nexec /usr/bin/redis-server --protected-mode no "$@"\n' > /usr/local/bin/redis-server \
    && chmod 755 /usr/local/bin/redis-server
WORKDIR /data
VOLUME /data
EXPOSE 6379
CMD ["redis-server"]
