# The headless CLI for scheduled OMS/ERP jobs (reconcile, exports, recover), journal on a volume.
#   docker build -t socialhub-till-cli .
#   docker run --rm -v till-journal:/data \
#     -e SOCIALHUB_BASE_URL=https://api.socialhub.ai/api/v2 -e TILL_STORE_ID=st_01 -e TILL_ID=HQ1 \
#     -e SOCIALHUB_READ_KEY_FILE=/run/secrets/read_key --mount type=bind,src=/etc/till/read_key,dst=/run/secrets/read_key,ro \
#     socialhub-till-cli reconcile --date 2026-12-04
# Keys come from files or the environment, never the command line (see electron/cli/README.md).

FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: Electron's binary is not needed to build the CLI.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# prepack builds the plain-JS CLI (tsconfig.cli.json) into the tarball.
RUN npm pack --pack-destination /pkg

FROM node:24-slim
COPY --from=build /pkg/ /tmp/pkg/
RUN npm install --global /tmp/pkg/socialhub-till-*.tgz --ignore-scripts --omit=dev --no-audit --no-fund \
  && rm -rf /tmp/pkg /root/.npm \
  && mkdir /data && chown node:node /data
# The journal is what makes every write exactly-once across runs: it must outlive the container.
ENV TILL_JOURNAL=/data/journal.sqlite
VOLUME /data
WORKDIR /data
USER node
ENTRYPOINT ["socialhub-till"]
CMD ["--help"]
