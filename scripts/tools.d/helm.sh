# Helm: check's warning for a Helm chart in a checked tree prints `helm template CHART | kubectl iot check -`, and
# test/commands/check-helm.test.ts runs that command as printed.
install_helm() {
  go_install helm "$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
}
all+=(helm)
paths+=("$(dir_of helm "$HELM_VERSION")")
