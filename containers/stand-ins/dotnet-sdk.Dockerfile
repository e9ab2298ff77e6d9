# Stand-in for mcr.microsoft.com/dotnet/sdk where no registry answers: the Debian base plus the .NET SDK of the
# machine that builds it, with the official image's interface (dotnet on PATH, /usr/share/dotnet). It trusts what
# that machine trusts (its local CAs: NuGet may be reached through an inspecting proxy). Build context: a folder
# with dotnet/ (the SDK install) and ca-certificates/ (the machine's local CAs, maybe none), which
# scripts/container-engine.sh assembles.
ARG BASE=localhost/video-editor/debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libicu72 git \
    && rm -rf /var/lib/apt/lists/*
COPY ca-certificates/ /usr/local/share/ca-certificates/
COPY dotnet/ /usr/share/dotnet/
RUN update-ca-certificates >/dev/null && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ARG NUGET_CERT_REVOCATION_MODE=online
ENV DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=true \
    NUGET_XMLDOC_MODE=skip \
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE}
