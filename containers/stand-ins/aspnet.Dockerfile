# Stand-in for mcr.microsoft.com/dotnet/aspnet where no registry answers: the Debian base plus the .NET and
# ASP.NET Core runtimes of the machine that builds it, with the official image's interface (dotnet on PATH, the
# non-root user app with uid 1654 in APP_UID, port 8080). Build context: a folder with dotnet/ (host and shared
# runtimes), which scripts/container-engine.sh assembles.
ARG BASE=localhost/video-editor/debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libicu72 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid=1654 app \
    && useradd --no-log-init --uid=1654 --gid=1654 --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
