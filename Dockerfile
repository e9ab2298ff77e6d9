# The image of a VideoEditor service (the api or the worker, chosen by PROJECT): the .NET runtime plus ffmpeg,
# which both run (the api for thumbnails and upload probes, the worker for jobs), as the image's non-root user.
# Build context: the repository root (a service needs ServiceDefaults, Media and the shared build files).
# The base images are build arguments: where no registry answers, local stand-ins (scripts/container-engine.sh).
ARG PROJECT=VideoEditor.Api
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
ARG PROJECT
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY VideoEditor.ServiceDefaults/ VideoEditor.ServiceDefaults/
COPY VideoEditor.Media/ VideoEditor.Media/
COPY VideoEditor.Api/ VideoEditor.Api/
COPY VideoEditor.Worker/ VideoEditor.Worker/
RUN dotnet publish "$PROJECT/$PROJECT.csproj" -c Release -o /app && ln -s "$PROJECT.dll" /app/service.dll

FROM ${RUNTIME_IMAGE} AS final
# util-linux brings setpriv, which ties each ffmpeg to the service's life (FFmpegLauncher).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg util-linux \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data/media && chown app:app /data/media
WORKDIR /app
COPY --from=build /app .
USER app
# The port comes from the AppHost (HTTP_PORTS); the base image listens on 8080 otherwise.
ENV Storage__DataDirectory=/data/media
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/service.dll"]
