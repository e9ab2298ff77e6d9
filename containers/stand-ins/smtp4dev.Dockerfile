# Stand-in for rnwood/smtp4dev where no registry answers: the same smtp4dev release from NuGet (framework-dependent)
# on the ASP.NET Core stand-in, with the official image's interface (/app, web UI on port 80, SMTP on 25, root).
# Build context: a folder with smtp4dev/ (the package's files), which scripts/container-engine.sh assembles.
ARG BASE=localhost/video-editor/aspnet-stand-in:10.0
FROM ${BASE}
COPY smtp4dev/ /app/
ENV SERVEROPTIONS__URLS=http://*:80
WORKDIR /app
EXPOSE 80 25
ENTRYPOINT ["dotnet", "/app/Rnwood.Smtp4dev.dll"]
