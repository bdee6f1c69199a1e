# Build with the project's own Maven wrapper, then run the jar as a non-root user (uid 10001) with /data as the volume.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src/ src/
COPY routes/ routes/
# the Kamelet is packaged into the jar (classpath:kamelets)
COPY kamelets/ kamelets/
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK only
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home avatar \
    && mkdir -p /data && chown 10001 /data
WORKDIR /app
COPY --from=build /src/target/avatar-drive.jar /app/avatar-drive.jar
COPY samples/ /app/samples/
# Inside the container the broker, the live ingress and the management port listen on every interface so that
# `docker run -p` can publish them; the application refuses to start that way unless BROKER_USERNAME /
# BROKER_PASSWORD, INGRESS_USERNAME / INGRESS_PASSWORD and MANAGEMENT_USERNAME / MANAGEMENT_PASSWORD are given (see
# the README's Docker section).
# a container is a production run: camel-main's prod profile, under which a vendor account that is not set stops the
# start (naming the key) instead of driving a local stand-in
ENV CAMEL_MAIN_PROFILE=prod \
    DRIVE_INBOX=/data/inbox \
    DRIVE_DONE=/data/done \
    DRIVE_ERROR=/data/error \
    DRIVE_SPOOL=/data/spool \
    DRIVE_DRIVEN_CLIPS=/data/driven-clips.log \
    DRIVE_DRIVEN_MESSAGES=/data/driven-messages.txt \
    BROKER_DATA=/data/broker \
    BROKER_HOST=0.0.0.0 \
    INGRESS_HOST=0.0.0.0 \
    MANAGEMENT_HOST=0.0.0.0
# the embedded broker (CORE, AMQP, STOMP), the live ingress (HTTP and WebSocket), /observe/health and /observe/metrics
EXPOSE 61616 8090 9876
USER 10001
VOLUME ["/data"]
# live: the process answers; a broker that is down makes it not ready (/observe/health/ready), not dead
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -u "$MANAGEMENT_USERNAME:$MANAGEMENT_PASSWORD" http://127.0.0.1:9876/observe/health/live || exit 1
# drives in flight get drive.shutdown-timeout-ms (30 s) to send Stop: run with --stop-timeout 40 (or compose
# stop_grace_period: 40s) so that Docker's default 10 s does not kill them first
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/avatar-drive.jar"]
