# AiMemory HTTPS server. Build: docker build -t aimemory .
# The image runs as a non-root user with a read-only root filesystem; only /data, /app/logs and /tmp are written.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish samples/AiMemory.Samples.Https/AiMemory.Samples.Https.csproj -c Release -o /app/publish -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN groupadd --system --gid 10001 aimemory \
    && useradd --system --uid 10001 --gid aimemory --no-create-home --shell /usr/sbin/nologin aimemory \
    && mkdir -p /data /app/logs /app/certs \
    && chown aimemory:aimemory /data /app/logs
WORKDIR /app
COPY --from=build /app/publish .

ENV HOST=0.0.0.0 \
    PORT=3000 \
    AiMemory__SqlitePath=/data/aimemory.db \
    LOG_FILE=/app/logs/server.log \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0

USER aimemory
VOLUME ["/data", "/app/logs"]
EXPOSE 3000

# Checks the store and the server's /health over HTTPS, trusting the server's own certificate.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["dotnet", "aimemory-https.dll", "health", "--url", "https://127.0.0.1:3000/health", "--ca-certificate", "/app/certs/certificate.pem"]

ENTRYPOINT ["dotnet", "aimemory-https.dll"]
