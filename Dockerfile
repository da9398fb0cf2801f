# The NEXUS Function App image: the isolated worker (src/Nexus.Functions) on the Azure Functions host, with what the
# agents run — the claude CLI, Node.js, git — and bubblewrap, their sandbox.
#
#   docker build -t nexus-functions .                                  # infra/deploy.sh builds it with `az acr build`
#   docker build --build-arg CLAUDE_CODE_VERSION=x.y.z -t nexus-functions .   # another claude than the pinned one
#
# The context is the repository root; .dockerignore lets in only what is copied below.

# ---- build: publish the Function App ------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# host.json (the Functions host's settings, linked into the app) is matched by a pattern so that this line also works
# in a checkout that does not have it yet.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig host.jso[n] ./
COPY src/ src/
RUN dotnet publish src/Nexus.Functions/Nexus.Functions.csproj --configuration Release --output /app/publish \
        -p:UseAppHost=false

# ---- runtime ------------------------------------------------------------------------------------------------------
# The Functions host 4.x for .NET isolated workers on .NET 10. "4-dotnet-isolated10.0" is the moving tag Microsoft
# documents for custom containers (4 = host major version): it receives the monthly host and security updates, so
# rebuilding the image picks them up; a tag with a minor host version would freeze them. The "-appservice" variant
# only adds an SSH server, which this image does not want.
FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0 AS runtime

# git: the projects' workspaces; Node.js and npm: the claude CLI and the projects' tests (node --test, npm test);
# bubblewrap: the sandbox of every agent turn and test run.
RUN apt-get update \
    && apt-get install -y --no-install-recommends bubblewrap ca-certificates git nodejs npm \
    && rm -rf /var/lib/apt/lists/*

# The claude CLI at the version pinned in one place, scripts/install-claude.sh (NEXUS's backend was verified against
# it); the script installs into /opt/nexus/.tools/claude. CLAUDE_CODE_VERSION, when given, overrides the pin. A HOME
# of its own for the install, removed after it: npm's cache and whatever claude writes on its first run must not be
# left root-owned in /home, the app user's home.
ARG CLAUDE_CODE_VERSION
COPY scripts/install-claude.sh /opt/nexus/scripts/install-claude.sh
RUN HOME=/tmp/claude-install /opt/nexus/scripts/install-claude.sh \
    && ln -s /opt/nexus/.tools/claude/node_modules/.bin/claude /usr/local/bin/claude \
    && HOME=/tmp/claude-install claude --version \
    && rm -rf /tmp/claude-install

# The replay scenarios (provider "replay"): a deployment can be checked end to end without a model.
COPY samples/ /opt/nexus/samples/
COPY templates/ /opt/nexus/templates/

# A user of its own: the host, the agents and the test runs are not root. It owns only what it writes: /home (the
# Functions host's HOME: logs, data) and the data directory (workspaces, agent homes); the app and the tools stay
# root's and read-only to it.
RUN useradd --uid 10001 --user-group --home-dir /home --no-create-home --shell /bin/bash nexus \
    && mkdir -p /home/site/wwwroot /home/LogFiles /home/data /var/lib/nexus \
    && chown nexus:nexus /home /home/LogFiles /home/data /var/lib/nexus

# Port 8080, not the base image's 80: a user other than root cannot listen below 1024 (infra/ sets WEBSITES_PORT to
# the same port).
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    ASPNETCORE_URLS=http://+:8080 \
    NEXUS_DATA=/var/lib/nexus \
    NEXUS_SCENARIOS=/opt/nexus/samples \
    NEXUS_TEMPLATES=/opt/nexus/templates

COPY --from=build /app/publish /home/site/wwwroot

EXPOSE 8080
# nexus
USER 10001:10001
