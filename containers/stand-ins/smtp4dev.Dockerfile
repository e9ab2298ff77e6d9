# Stand-in for rnwood/smtp4dev where no registry answers: the same smtp4dev release from NuGet (framework-dependent)
# on the .NET runtime of the machine that builds it, with the official image's interface (/app, web UI on port 80,
# SMTP on 25). Build context: a folder with dotnet/ (the runtime) and smtp4dev/ (the package's files), which
# scripts/container-engine.sh assembles.
ARG BASE=localhost/video-editor/debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libicu72 \
    && rm -rf /var/lib/apt/lists/*
COPY dotnet/ /usr/share/dotnet/
COPY smtp4dev/ /app/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV SERVEROPTIONS__URLS=http://*:80 \
    DOTNET_RUNNING_IN_CONTAINER=true
WORKDIR /app
EXPOSE 80 25
ENTRYPOINT ["dotnet", "/app/Rnwood.Smtp4dev.dll"]
