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
# package also trains each launched module's AOT cache (bin/lib/aot.sh) with this image's JDK, which the
# runtime image shares: the node, the client and the bsv tools start from it.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl s4-server,s4-shell,bsv-cli -am package
# The launchers' layout: bin/ beside MODULE/target/MODULE.jar and its cache MODULE/target/aot/ (copied with
# their modification times, which tell the launcher the cache was made from this jar).
RUN for module in s4-server s4-shell bsv-cli; do \
        mkdir -p /opt/s4/$module/target \
        && cp -a $module/target/$module.jar $module/target/aot /opt/s4/$module/target/ || exit 1; \
    done \
    && cp -a bin /opt/s4/bin

# A JDK, not a JRE: the bin/ launchers (s4, bsv tools run by map commands) look for a full JDK.
FROM eclipse-temurin:25-jdk
RUN groupadd --gid 10001 s4 \
    && useradd --uid 10001 --gid 10001 --home-dir /data --shell /bin/bash s4 \
    && mkdir -p /data \
    && chown s4:s4 /data
COPY --from=build /opt/s4/ /opt/s4/
ENV PATH=/opt/s4/bin:$PATH
USER 10001
# The working folder is the data volume, so the node's disk-space health and metrics watch it.
WORKDIR /data
VOLUME /data
EXPOSE 8080
# The launcher: the node's JVM flags and its AOT cache, as bin/s4-server everywhere else. Extra JVM flags of the
# node only: S4_SERVER_JAVA_OPTS (the chart's server.jvmArgs).
ENTRYPOINT ["/opt/s4/bin/s4-server"]
# Inside a container, listen on every interface (the default, 127.0.0.1, is unreachable from outside).
CMD ["--port=8080", "--bind=0.0.0.0", "--data-dir=/data/s4_data"]
