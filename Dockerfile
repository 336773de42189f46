# syntax=docker/dockerfile:1
# Image of an s4 node: the server, the s4 client and the bsv tools, for helm/s4 or docker run.
#
#   docker build -t s4:0.1.0 .
#   docker run --rm -p 8080:8080 s4:0.1.0                      # one node, data inside the container
#   docker run --rm -p 8080:8080 -v s4data:/data s4:0.1.0      # data on a volume
#
# The chart passes its own flags (--conf=/etc/s4/s4.conf --port=8080 --data-dir=/data/s4_data).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl s4-server,s4-shell,bsv-cli -am package

# A JDK, not a JRE: the bin/ launchers (s4, bsv tools run by map commands) look for a full JDK.
FROM eclipse-temurin:25-jdk
RUN groupadd --gid 10001 s4 \
    && useradd --uid 10001 --gid 10001 --home-dir /data --shell /bin/bash s4 \
    && mkdir -p /data \
    && chown s4:s4 /data
COPY --from=build /src/bin/ /opt/s4/bin/
COPY --from=build /src/s4-server/target/s4-server.jar /opt/s4/s4-server/target/s4-server.jar
COPY --from=build /src/s4-shell/target/s4-shell.jar /opt/s4/s4-shell/target/s4-shell.jar
COPY --from=build /src/bsv-cli/target/bsv-cli.jar /opt/s4/bsv-cli/target/bsv-cli.jar
# The launchers keep a class-data-sharing archive beside each jar: let the s4 user write it.
RUN chown -R s4:s4 /opt/s4/s4-server/target /opt/s4/s4-shell/target /opt/s4/bsv-cli/target
ENV PATH=/opt/s4/bin:$PATH
USER 10001
# The working folder is the data volume, so the node's disk-space health and metrics watch it.
WORKDIR /data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "--sun-misc-unsafe-memory-access=allow", "-jar", "/opt/s4/s4-server/target/s4-server.jar"]
# Inside a container, listen on every interface (the default, 127.0.0.1, is unreachable from outside).
CMD ["--port=8080", "--bind=0.0.0.0", "--data-dir=/data/s4_data"]
