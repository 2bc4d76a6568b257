# jfrun as a container image, used like jenkinsfile-runner's:
#
#   docker run --rm -v "$PWD":/workspace jfrun             # runs /workspace/Jenkinsfile
#   docker run --rm -v "$PWD":"$PWD" -w "$PWD" \
#       -v /var/run/docker.sock:/var/run/docker.sock jfrun run -f "$PWD"   # with docker agents
#
# The image is built FROM scratch: a static jfrun, busybox as the POSIX shell and its tools,
# git with the libraries it links, and the CA certificates. scripts/image builds jfrun from the
# local sources and assembles that root file system, then builds this Dockerfile on it.
# The mounted checkout often belongs to another user than the container's, so git is told
# to trust it (safe.directory).
#
#   scripts/image [TAG]
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin \
    HOME=/root \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    GIT_CONFIG_NOSYSTEM=1 \
    GIT_CONFIG_COUNT=1 \
    GIT_CONFIG_KEY_0=safe.directory \
    GIT_CONFIG_VALUE_0=*
WORKDIR /workspace
ENTRYPOINT ["/usr/local/bin/jfrun"]
CMD ["run", "-f", "/workspace"]
