#!/usr/bin/env bash
# Deploys NEXUS to Azure: creates the resource group, deploys infra/main.bicep, builds the Function App's image from
# the repository's Dockerfile in the new registry, points the app at it and prints the app's URL.
# Run with --help for the options. Needs the Azure CLI, signed in (az login). Secrets come from the environment, go
# to Azure Resource Manager in a file only this user can read (deleted on exit) and are never printed or put on a
# command line.
set -euo pipefail

readonly script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly repo_root="$(cd "$script_dir/.." && pwd)"
readonly template="$script_dir/main.bicep"

usage() {
  cat <<'EOF'
Usage: infra/deploy.sh [options]

Deploys NEXUS's Function App and everything it needs into one resource group (see the README's "Deploy to Azure").

Options:
  -g, --resource-group NAME   resource group (default: $NEXUS_AZURE_RESOURCE_GROUP, else "nexus")
  -l, --location REGION       region of a new resource group (default: $NEXUS_AZURE_LOCATION, else "eastus2");
                              an existing group keeps its own
  -p, --parameters FILE       parameters file (default: infra/main.parameters.json)
  -t, --tag TAG               image tag (default: the commit, with -dirty-<time> when the work tree has changes)
      --what-if               preview the changes (az deployment group what-if); creates, builds and pushes nothing
      --skip-image            deploy the infrastructure only; the app keeps running the image of --tag
      --local-docker          build with the local Docker and push, instead of building in the registry (az acr build)
  -h, --help                  this help

Environment (required; never printed):
  ANTHROPIC_API_KEY           the claude CLI's key; stored in Key Vault, the app reads it through a Key Vault reference
  NEXUS_API_KEY               NEXUS's API key (X-Api-Key), stored the same way; the nexus CLI sends it with --server.
                              Make one with: export NEXUS_API_KEY="$(openssl rand -hex 32)"

Examples:
  infra/deploy.sh --what-if
  infra/deploy.sh -g nexus-prod -l westeurope

Exit codes: 0 deployed (or previewed), 1 a step failed (the message names it), 2 bad usage.
EOF
}

say() { echo "deploy.sh: $*" >&2; }
fail() { say "$*"; exit 1; }
usage_error() { say "$*"; say "run 'infra/deploy.sh --help' for the options"; exit 2; }

resource_group="${NEXUS_AZURE_RESOURCE_GROUP:-nexus}"
location="${NEXUS_AZURE_LOCATION:-eastus2}"
parameters="$script_dir/main.parameters.json"
tag=""
what_if=false
skip_image=false
local_docker=false

while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -g | --resource-group) [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; resource_group="$2"; shift 2 ;;
    -l | --location) [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; location="$2"; shift 2 ;;
    -p | --parameters) [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; parameters="$2"; shift 2 ;;
    -t | --tag) [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; tag="$2"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    --skip-image) skip_image=true; shift ;;
    --local-docker) local_docker=true; shift ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done

# ---- checks before anything changes ------------------------------------------------------------------------------

[[ "$resource_group" =~ ^[-A-Za-z0-9._()]{1,90}$ && "$resource_group" != *. ]] \
  || usage_error "'$resource_group' is not a resource group name (letters, digits, - _ . ( ), at most 90, not ending in .)"
[[ "$location" =~ ^[a-z0-9]+$ ]] || usage_error "'$location' is not a region name such as eastus2 or westeurope"
[[ -f "$parameters" ]] || usage_error "no parameters file at $parameters"
if [[ -n "$tag" && ! "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
  usage_error "'$tag' is not an image tag (letters, digits, _ . -, at most 128)"
fi
if [[ "$skip_image" == true && -z "$tag" ]]; then
  usage_error "--skip-image needs --tag: the image the app keeps running"
fi

command -v az >/dev/null 2>&1 \
  || fail "the Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli — then run 'az login'"
if [[ "$local_docker" == true ]] && ! command -v docker >/dev/null 2>&1; then
  fail "--local-docker needs Docker; without it, leave the option out to build in the registry (az acr build)"
fi

# Every az call's own error text goes to the terminal; this names the step that failed.
run() { # run "what it does" az …
  local step=$1
  shift
  if ! "$@"; then
    fail "$step failed (see the Azure CLI's message above)"
  fi
}

subscription="$(az account show --query name --output tsv 2>/dev/null)" \
  || fail "the Azure CLI is not signed in: run 'az login' (and 'az account set --subscription ID' to choose one)"

[[ -n "${ANTHROPIC_API_KEY:-}" ]] || fail "ANTHROPIC_API_KEY is not set: export the Anthropic API key the agents' claude CLI uses"
[[ -n "${NEXUS_API_KEY:-}" ]] \
  || fail "NEXUS_API_KEY is not set: choose the key clients will send, e.g. export NEXUS_API_KEY=\"\$(openssl rand -hex 32)\""

# A JSON string literal of $1; control characters are refused (no key has them, and they could not be escaped here).
json_string() {
  local value=$1
  if [[ "$value" =~ [[:cntrl:]] ]]; then
    return 1
  fi
  value="${value//\\/\\\\}"
  value="${value//\"/\\\"}"
  printf '"%s"' "$value"
}

if [[ -z "$tag" ]]; then
  if commit="$(git -C "$repo_root" rev-parse --short=12 HEAD 2>/dev/null)"; then
    tag="$commit"
    if [[ -n "$(git -C "$repo_root" status --porcelain 2>/dev/null)" ]]; then
      tag="$commit-dirty-$(date -u +%Y%m%d%H%M%S)"
    fi
  else
    tag="build-$(date -u +%Y%m%d%H%M%S)"
  fi
fi

# The secure parameters, in a file only this user can read, removed however the script ends.
secrets_file="$(umask 077 && mktemp "${TMPDIR:-/tmp}/nexus-deploy.XXXXXX")"
trap 'rm -f "$secrets_file"' EXIT
anthropic_json="$(json_string "$ANTHROPIC_API_KEY")" || fail "ANTHROPIC_API_KEY contains a control character"
nexus_json="$(json_string "$NEXUS_API_KEY")" || fail "NEXUS_API_KEY contains a control character"
cat >"$secrets_file" <<EOF
{
  "\$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "anthropicApiKey": { "value": $anthropic_json },
    "nexusApiKey": { "value": $nexus_json }
  }
}
EOF
unset anthropic_json nexus_json

deployment_args=(
  --resource-group "$resource_group"
  --template-file "$template"
  --parameters "@$parameters"
  --parameters "@$secrets_file"
  --parameters "imageTag=$tag"
)

say "subscription: $subscription; resource group: $resource_group; image tag: $tag"

# ---- preview -----------------------------------------------------------------------------------------------------

group_exists="$(az group exists --name "$resource_group" --output tsv)" || fail "could not check resource group $resource_group"

if [[ "$what_if" == true ]]; then
  if [[ "$group_exists" != true ]]; then
    say "resource group $resource_group does not exist: a deployment would create it in $location with every resource"
    say "of infra/main.bicep (what-if needs the group to exist, so there is nothing more to compare)"
    run "validating the template" az bicep build --file "$template" --stdout --only-show-errors >/dev/null
    exit 0
  fi
  run "what-if" az deployment group what-if "${deployment_args[@]}"
  exit 0
fi

# ---- deploy ------------------------------------------------------------------------------------------------------

if [[ "$group_exists" != true ]]; then
  say "creating resource group $resource_group in $location"
  run "creating resource group $resource_group" \
    az group create --name "$resource_group" --location "$location" --tags application=nexus --output none
fi

deployment_name="nexus-$(date -u +%Y%m%d%H%M%S)"
say "deploying infra/main.bicep as $deployment_name (takes a few minutes)"
run "deploying infra/main.bicep" \
  az deployment group create --name "$deployment_name" "${deployment_args[@]}" --output none
rm -f "$secrets_file"

output() { # output NAME → the deployment's output NAME
  local value
  value="$(az deployment group show --resource-group "$resource_group" --name "$deployment_name" \
    --query "properties.outputs.$1.value" --output tsv)" || fail "reading the deployment's output $1 failed"
  [[ -n "$value" ]] || fail "the deployment has no output $1"
  printf '%s' "$value"
}
app_name="$(output functionAppName)"
app_url="$(output functionAppUrl)"
registry="$(output registryName)"

if [[ "$skip_image" == true ]]; then
  say "--skip-image: the app keeps running image tag $tag"
else
  image="nexus-functions:$tag"
  if [[ "$local_docker" == true ]]; then
    login_server="$(az acr show --name "$registry" --query loginServer --output tsv)" || fail "reading the registry's address failed"
    say "building $image with the local Docker and pushing it to $login_server"
    run "signing in to registry $registry" az acr login --name "$registry"
    run "docker build" docker build --tag "$login_server/$image" "$repo_root"
    run "docker push" docker push "$login_server/$image"
  else
    say "building $image in registry $registry (az acr build: the repository is uploaded without what .dockerignore leaves out)"
    run "building the image in registry $registry" \
      az acr build --registry "$registry" --image "$image" --file "$repo_root/Dockerfile" "$repo_root"
  fi
  # The app was created or updated pointing at this tag before the image existed: a restart pulls it.
  say "restarting $app_name so that it pulls the image"
  run "restarting $app_name" az functionapp restart --resource-group "$resource_group" --name "$app_name" --output none
fi

say "done"
echo "NEXUS is deployed: $app_url"
echo "  try: ./nexus list --server $app_url        (sends \$NEXUS_API_KEY as X-Api-Key)"
