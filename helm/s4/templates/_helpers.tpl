{{/* Names and labels shared by the templates. */}}

{{- define "s4.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every resource; pods are <fullname>-0 .. <fullname>-(N-1). */}}
{{- define "s4.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "s4.name" .) | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "s4.headless" -}}
{{- printf "%s-headless" (include "s4.fullname" .) -}}
{{- end -}}

{{/* The number of nodes, refused when it is not a whole number >= 1. */}}
{{- define "s4.replicas" -}}
{{- $n := int .Values.replicaCount -}}
{{- if or (lt $n 1) (ne (toString $n) (toString .Values.replicaCount)) -}}
{{- fail (printf "replicaCount must be a whole number >= 1, got %v" .Values.replicaCount) -}}
{{- end -}}
{{- $n -}}
{{- end -}}

{{- define "s4.selectorLabels" -}}
app.kubernetes.io/name: {{ include "s4.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "s4.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "s4.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The Secret holding the keys file: the one given, or the one the chart creates. */}}
{{- define "s4.keysSecret" -}}
{{- if .Values.auth.existingSecret -}}
{{- .Values.auth.existingSecret -}}
{{- else -}}
{{- printf "%s-keys" (include "s4.fullname" .) -}}
{{- end -}}
{{- end }}

{{/* http or https: https when the nodes serve TLS (tls.existingSecret). */}}
{{- define "s4.scheme" -}}
{{- if .Values.tls.existingSecret }}https{{ else }}http{{ end -}}
{{- end -}}
