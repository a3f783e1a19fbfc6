# Touchpulse: one image for every command (run, simulate, ingest, demo, ...).
#   docker build -t touchpulse .
#   docker run --rm -p 8080:8080 -e TOUCHPULSE_BOOTSTRAP_SERVERS=kafka:9092 touchpulse          # = run
#   docker run --rm -e TOUCHPULSE_BOOTSTRAP_SERVERS=kafka:9092 touchpulse simulate --speed 10

# ---- build: Maven on JDK 17 -------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, in their own layer: it is rebuilt only when a pom changes, not on every
# source edit. go-offline skips the reactor's own modules (excludeReactor, default true);
# whatever it misses (a few plugin dependencies) the package step below still downloads.
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY streams-app/pom.xml streams-app/
RUN mvn -B -q dependency:go-offline
# Sources; NOTICE travels inside the jar (streams-app/pom.xml takes it from the root)
COPY NOTICE ./
COPY schemas/src schemas/src
COPY streams-app/src streams-app/src
RUN mvn -B -q -DskipTests package \
    && cp streams-app/target/touchpulse.jar /touchpulse.jar

# ---- runtime: JRE 17, non-root ----------------------------------------------------------------
FROM eclipse-temurin:17-jre
# a fixed uid/gid so volume ownership is predictable; state.dir lives in /var/lib/touchpulse
RUN groupadd --system --gid 10001 touchpulse \
    && useradd --system --uid 10001 --gid touchpulse --home-dir /app --shell /usr/sbin/nologin touchpulse \
    && mkdir -p /app /var/lib/touchpulse \
    && chown touchpulse:touchpulse /var/lib/touchpulse
COPY --from=build --chown=root:root /touchpulse.jar /app/touchpulse.jar
WORKDIR /app
USER touchpulse:touchpulse
ENV TOUCHPULSE_STATE_DIR=/var/lib/touchpulse/state \
    TOUCHPULSE_HTTP_PORT=8080
VOLUME ["/var/lib/touchpulse"]
EXPOSE 8080
# Ready = Kafka Streams RUNNING (GET /health/ready answers 200, else 503). No curl or wget in the
# JRE image (Temurin images are dropping curl), so bash's /dev/tcp speaks the HTTP/1.1 request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${TOUCHPULSE_HTTP_PORT:-8080} && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 4 _ code _ <&3 && [ \"$code\" = 200 ]"]
# Container-aware heap (a share of the container's memory limit, not the host's), G1 for
# short pauses, exit on OOM so the orchestrator restarts a clean JVM, and a stable encoding.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:InitialRAMPercentage=25.0", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-jar", "/app/touchpulse.jar"]
CMD ["run"]
