# Build with the project's own Maven wrapper, then run the jar as a non-root user with /data as the folder volume.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src/ src/
COPY routes/ routes/
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --create-home avatar \
    && mkdir -p /data && chown avatar /data
WORKDIR /app
COPY --from=build /src/target/avatar-drive.jar /app/avatar-drive.jar
COPY samples/ /app/samples/
ENV DRIVE_INBOX=/data/inbox \
    DRIVE_DONE=/data/done \
    DRIVE_ERROR=/data/error \
    DRIVE_SPOOL=/data/spool \
    DRIVE_DRIVEN_CLIPS=/data/driven-clips.log \
    DRIVE_DRIVEN_MESSAGES=/data/driven-messages.txt \
    BROKER_DATA=/data/broker \
    BROKER_HOST=0.0.0.0 \
    CAMEL_MANAGEMENT_HOST=0.0.0.0
# the embedded broker (CORE, AMQP, STOMP) and /observe/health, /observe/metrics
EXPOSE 61616 9876
USER avatar
VOLUME ["/data"]
ENTRYPOINT ["java", "-jar", "/app/avatar-drive.jar"]
