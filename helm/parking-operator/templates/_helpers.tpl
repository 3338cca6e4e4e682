{{/* The release's full name, at most 63 characters. */}}
{{- define "parking-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "parking-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "parking-operator.labels" -}}
{{ include "parking-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "parking-operator.serviceAccountName" -}}
{{- default (include "parking-operator.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/*
The operator's rules in watched namespaces: kept equal to RequiredPermissions.watched() in the
operator's code by ChartTest.
*/}}
{{- define "parking-operator.watchRules" -}}
- apiGroups: ["parkingoperator.dev"]
  resources: ["parkingapps"]
  verbs: ["list", "watch"]
- apiGroups: ["parkingoperator.dev"]
  resources: ["parkingapps/status"]
  verbs: ["patch"]
# blockOwnerDeletion on the owner references needs this under OwnerReferencesPermissionEnforcement.
- apiGroups: ["parkingoperator.dev"]
  resources: ["parkingapps/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["create", "list", "patch", "watch"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["create", "list", "patch", "watch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["create", "delete", "list", "patch", "watch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["create", "delete", "list", "patch", "watch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["podmonitors"]
  verbs: ["create", "delete", "get", "update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
