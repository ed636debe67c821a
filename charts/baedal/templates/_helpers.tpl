{{/*
Helpers of the Baedal chart. Component templates call them with a context dict:
  (dict "root" $ "name" "<component>" "values" .Values.<component>)
where name is one of engine, workers, read-model, gateway.
*/}}

{{- define "baedal.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "baedal.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "baedal.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name of a component: <fullname>-<component>. Context: dict root, name. */}}
{{- define "baedal.componentName" -}}
{{- printf "%s-%s" (include "baedal.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component (stable across upgrades). */}}
{{- define "baedal.selectorLabels" -}}
app.kubernetes.io/name: {{ include "baedal.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Standard labels of a component's resources. */}}
{{- define "baedal.labels" -}}
helm.sh/chart: {{ include "baedal.chart" .root }}
{{ include "baedal.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: baedal
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata block of a component's resource (name, labels, common + .annotations). */}}
{{- define "baedal.metadata" -}}
name: {{ include "baedal.componentName" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "baedal.labels" . | nindent 2 }}
{{- $ann := merge (dict) (.annotations | default dict) (.root.Values.commonAnnotations | default dict) }}
{{- with $ann }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "baedal.serviceAccountName" -}}
{{- if .values.serviceAccount.create -}}
{{- default (include "baedal.componentName" .) .values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Image reference: <registry>/<repository>(@digest | :tag). */}}
{{- define "baedal.image" -}}
{{- $registry := .root.Values.image.registry | trimSuffix "/" -}}
{{- if .values.image.digest -}}
{{- printf "%s/%s@%s" $registry .values.image.repository .values.image.digest -}}
{{- else -}}
{{- $tag := .values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" $registry .values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* In-cluster base URL of a component's Service. Context: dict root, name, values. */}}
{{- define "baedal.serviceUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "baedal.componentName" .) .root.Release.Namespace .values.service.port -}}
{{- end -}}

{{/* JDBC URL of a component: database.url, or built from externalDatabase. */}}
{{- define "baedal.jdbcUrl" -}}
{{- if .values.database.url -}}
{{- .values.database.url -}}
{{- else -}}
{{- $db := .root.Values.externalDatabase -}}
{{- $host := required (printf "%s: set %s.database.url or externalDatabase.host (the PostgreSQL server)" .name .key) $db.host -}}
{{- printf "jdbc:postgresql://%s:%v/%s" $host $db.port .values.database.name -}}
{{- with $db.params }}{{ printf "?%s" . }}{{ end -}}
{{- end -}}
{{- end -}}

{{/* Secret env vars of a database user: <PREFIX>_DB_USER / <PREFIX>_DB_PASSWORD. */}}
{{- define "baedal.databaseEnv" -}}
{{- $secret := required (printf "%s.database.existingSecret is required: an existing Secret with the %s database user and password" .key .name) .values.database.existingSecret -}}
- name: {{ .prefix }}_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .values.database.userKey }}
- name: {{ .prefix }}_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .values.database.passwordKey }}
{{- end -}}

{{/* Secret of the workers' service account (engine and workers). Context: root. */}}
{{- define "baedal.workersPasswordEnv" -}}
- name: BAEDAL_WORKERS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "workersUser.existingSecret is required: an existing Secret with the secret of the workers' service account" .Values.workersUser.existingSecret }}
      key: {{ .Values.workersUser.passwordKey }}
{{- end -}}

{{/* The payment service's public key, which the engine seals card tokens to (engine only). Context: root. */}}
{{- define "baedal.paymentCredentialPublicKeyEnv" -}}
- name: BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ required "paymentCredential.publicKey.existingSecret is required: an existing Secret with the payment service's RSA public key (PEM) that card tokens are sealed to" .Values.paymentCredential.publicKey.existingSecret }}
      key: {{ .Values.paymentCredential.publicKey.key }}
{{- end -}}

{{/* The private key that opens sealed card tokens (workers only). Context: root. */}}
{{- define "baedal.paymentCredentialPrivateKeyEnv" -}}
- name: BAEDAL_PAYMENT_CREDENTIAL_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ required "paymentCredential.privateKey.existingSecret is required: an existing Secret with the RSA private key (PKCS#8 PEM) that opens sealed card tokens" .Values.paymentCredential.privateKey.existingSecret }}
      key: {{ .Values.paymentCredential.privateKey.key }}
{{- end -}}

{{/* Initial password of the first operator (engine only). Context: root. */}}
{{- define "baedal.operatorPasswordEnv" -}}
- name: BAEDAL_OPERATOR_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "operatorUser.existingSecret is required: an existing Secret with the initial password of the first operator" .Values.operatorUser.existingSecret }}
      key: {{ .Values.operatorUser.passwordKey }}
{{- end -}}

{{/* Non-secret Kafka settings (ConfigMap data). Context: root. */}}
{{- define "baedal.kafkaConfig" -}}
{{- $k := .Values.kafka -}}
KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required (e.g. the MSK bootstrap brokers)" $k.bootstrapServers | quote }}
SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL: {{ $k.securityProtocol | quote }}
{{- if $k.sasl.mechanism }}
SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: {{ $k.sasl.mechanism | quote }}
{{- if eq $k.sasl.mechanism "AWS_MSK_IAM" }}
SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS: {{ $k.sasl.clientCallbackHandlerClass | default "software.amazon.msk.auth.iam.IAMClientCallbackHandler" | quote }}
{{- else if $k.sasl.clientCallbackHandlerClass }}
SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS: {{ $k.sasl.clientCallbackHandlerClass | quote }}
{{- end }}
{{- if not $k.sasl.existingSecret }}
{{- if eq $k.sasl.mechanism "AWS_MSK_IAM" }}
SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: {{ $k.sasl.jaasConfig | default "software.amazon.msk.auth.iam.IAMLoginModule required;" | quote }}
{{- else if $k.sasl.jaasConfig }}
SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: {{ $k.sasl.jaasConfig | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Secret Kafka settings (container env): the JAAS line from an existing Secret. Context: root. */}}
{{- define "baedal.kafkaSecretEnv" -}}
{{- if and .Values.kafka.sasl.mechanism .Values.kafka.sasl.existingSecret }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret }}
      key: {{ .Values.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- end -}}

{{/* ConfigMap data every service shares. Context: dict root, name, values. */}}
{{- define "baedal.commonConfig" -}}
PORT: {{ .values.port | quote }}
MANAGEMENT_PORT: {{ .values.managementPort | quote }}
SPRING_PROFILES_ACTIVE: {{ .root.Values.springProfiles | quote }}
SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE: {{ printf "%vs" .values.shutdownTimeoutSeconds | quote }}
BAEDAL_JWT_ISSUER_URI: {{ required "jwt.issuerUri is required: the issuer of the API tokens" .root.Values.jwt.issuerUri | quote }}
BAEDAL_JWT_JWK_SET_URI: {{ required "jwt.jwkSetUri is required: the JWKS URI of the token issuer" .root.Values.jwt.jwkSetUri | quote }}
BAEDAL_TRACING_SAMPLING: {{ .root.Values.tracing.samplingProbability | quote }}
{{- with .root.Values.tracing.otlpEndpoint }}
MANAGEMENT_OTLP_TRACING_ENDPOINT: {{ . | quote }}
{{- end }}
{{- with .values.javaToolOptions }}
JAVA_TOOL_OPTIONS: {{ . | quote }}
{{- end }}
{{- range $k, $v := .values.extraConfig }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}

{{/*
Guards for unsafe or incomplete settings. Context: root. Called from every Deployment so that any
partial render fails the same way.
*/}}
{{- define "baedal.validate" -}}
{{- $v := .Values -}}
{{- $profiles := splitList "," ($v.springProfiles | nospace) -}}
{{- if or (has "local" $profiles) (has "demo" $profiles) -}}
{{- fail (printf "springProfiles=%q: the local/demo profiles create users with known passwords and a dev token endpoint; they must not run on a cluster" $v.springProfiles) -}}
{{- end -}}
{{- if not (has "prod" $profiles) -}}
{{- fail (printf "springProfiles=%q must contain prod (issuer/JWKS tokens, no demo users, JSON logs)" $v.springProfiles) -}}
{{- end -}}
{{- $_ := required "image.registry is required: the registry the baedal-* images were pushed to" $v.image.registry -}}
{{- $k := $v.kafka -}}
{{- if $k.sasl.mechanism -}}
{{- if not (hasPrefix "SASL_" $k.securityProtocol) -}}
{{- fail (printf "kafka.sasl.mechanism=%s needs kafka.securityProtocol SASL_SSL (or SASL_PLAINTEXT), not %s" $k.sasl.mechanism $k.securityProtocol) -}}
{{- end -}}
{{- if and (has $k.sasl.mechanism (list "PLAIN" "SCRAM-SHA-256" "SCRAM-SHA-512")) (not $k.sasl.existingSecret) -}}
{{- fail (printf "kafka.sasl.mechanism=%s needs kafka.sasl.existingSecret: a Secret with the JAAS line (user and password are never put in values)" $k.sasl.mechanism) -}}
{{- end -}}
{{- if and (eq $k.sasl.mechanism "OAUTHBEARER") (not (or $k.sasl.existingSecret $k.sasl.jaasConfig)) -}}
{{- fail "kafka.sasl.mechanism=OAUTHBEARER needs kafka.sasl.jaasConfig or kafka.sasl.existingSecret" -}}
{{- end -}}
{{- if and $k.sasl.jaasConfig (regexMatch "(?i)password\\s*=" $k.sasl.jaasConfig) -}}
{{- fail "kafka.sasl.jaasConfig contains a password: put the JAAS line into a Secret and set kafka.sasl.existingSecret" -}}
{{- end -}}
{{- else if hasPrefix "SASL_" $k.securityProtocol -}}
{{- fail (printf "kafka.securityProtocol=%s needs kafka.sasl.mechanism (AWS_MSK_IAM, SCRAM-SHA-512, PLAIN, ...)" $k.securityProtocol) -}}
{{- end -}}
{{- if and $v.gateway.ingress.enabled (not $v.gateway.ingress.host) -}}
{{- fail "gateway.ingress.host is required when gateway.ingress.enabled=true (the public host name of the platform)" -}}
{{- end -}}
{{- range $name, $c := dict "engine" $v.engine "workers" $v.workers "readModel" $v.readModel "gateway" $v.gateway -}}
{{- if le (int $c.terminationGracePeriodSeconds) (add $c.preStopSleepSeconds $c.shutdownTimeoutSeconds | int) -}}
{{- fail (printf "%s.terminationGracePeriodSeconds (%v) must exceed preStopSleepSeconds + shutdownTimeoutSeconds (%v): the pod would be killed before it drained" $name $c.terminationGracePeriodSeconds (add $c.preStopSleepSeconds $c.shutdownTimeoutSeconds)) -}}
{{- end -}}
{{- if and $c.autoscaling.enabled (gt (int $c.autoscaling.minReplicas) (int $c.autoscaling.maxReplicas)) -}}
{{- fail (printf "%s.autoscaling.minReplicas must not exceed maxReplicas" $name) -}}
{{- end -}}
{{- /* a PodDisruptionBudget that admits no disruption blocks node drains and rolling cluster upgrades */ -}}
{{- if $c.pdb.enabled -}}
{{- $floor := int $c.replicaCount -}}
{{- if and $c.keda $c.keda.enabled -}}
{{- $floor = int $c.keda.minReplicaCount -}}
{{- else if $c.autoscaling.enabled -}}
{{- $floor = int $c.autoscaling.minReplicas -}}
{{- end -}}
{{- $max := $c.pdb.maxUnavailable -}}
{{- $min := $c.pdb.minAvailable -}}
{{- if and (not (kindIs "invalid" $max)) (not (kindIs "string" $max)) (lt (int $max) 1) -}}
{{- fail (printf "%s.pdb.maxUnavailable must be at least 1: 0 blocks every drain and rolling update" $name) -}}
{{- end -}}
{{- if and (kindIs "invalid" $max) (not (kindIs "string" $min)) (ge (int $min) $floor) -}}
{{- fail (printf "%s.pdb.minAvailable (%v) must be below the lowest pod count (%v): no pod could ever be evicted, drains and rolling updates would hang" $name $min $floor) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Deployment of a component. Context: dict root, name, values, key, env (rendered secret env list),
config (rendered ConfigMap data, for the checksum that restarts pods on change).
*/}}
{{- define "baedal.deployment" -}}
{{- $root := .root -}}
{{- $c := .values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "baedal.metadata" . | nindent 2 }}
spec:
  {{- if not (or $c.autoscaling.enabled (and $c.keda $c.keda.enabled)) }}
  replicas: {{ $c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "baedal.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "baedal.labels" . | nindent 8 }}
        {{- with $c.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ .config | sha256sum }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "baedal.serviceAccountName" . }}
      automountServiceAccountToken: {{ $c.serviceAccount.automountServiceAccountToken }}
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      {{- with $c.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .name }}
          image: {{ include "baedal.image" . | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
            - name: management
              containerPort: {{ $c.managementPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "baedal.componentName" . }}
          {{- $env := regexReplaceAll "(?m)^\\s*\\n" (.env | default "") "" | trim }}
          {{- if or $env $c.extraEnv }}
          env:
            {{- with $env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $c.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- end }}
          {{- if $c.startupProbe.enabled }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            {{- toYaml (omit $c.startupProbe "enabled") | nindent 12 }}
          {{- end }}
          {{- if $c.livenessProbe.enabled }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            {{- toYaml (omit $c.livenessProbe "enabled") | nindent 12 }}
          {{- end }}
          {{- if $c.readinessProbe.enabled }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            {{- toYaml (omit $c.readinessProbe "enabled") | nindent 12 }}
          {{- end }}
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "{{ $c.preStopSleepSeconds }}"]
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      affinity:
        {{- if $c.affinity }}
        {{- toYaml $c.affinity | nindent 8 }}
        {{- else }}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "baedal.selectorLabels" . | nindent 20 }}
        {{- end }}
      {{- if $c.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- range $c.topologySpreadConstraints }}
        - {{- toYaml (merge (dict) . (dict "labelSelector" (dict "matchLabels" (fromYaml (include "baedal.selectorLabels" $))))) | nindent 10 }}
        {{- end }}
      {{- end }}
{{- end -}}

{{/* ConfigMap of a component; .data is the rendered data block. */}}
{{- define "baedal.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  {{- include "baedal.metadata" . | nindent 2 }}
data:
  {{- .data | nindent 2 }}
{{- end -}}

{{- define "baedal.service" -}}
apiVersion: v1
kind: Service
metadata:
  {{- include "baedal.metadata" (merge (dict "annotations" .values.service.annotations) .) | nindent 2 }}
spec:
  type: {{ .values.service.type }}
  selector:
    {{- include "baedal.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.service.port }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ .values.managementPort }}
      targetPort: management
      protocol: TCP
{{- end -}}

{{- define "baedal.serviceAccount" -}}
{{- if .values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "baedal.serviceAccountName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "baedal.labels" . | nindent 4 }}
  {{- $ann := merge (dict) (.values.serviceAccount.annotations | default dict) (.root.Values.commonAnnotations | default dict) }}
  {{- with $ann }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .values.serviceAccount.automountServiceAccountToken }}
{{- end -}}
{{- end -}}

{{/* HPA (autoscaling/v2) on CPU and memory; not rendered when KEDA scales the component. */}}
{{- define "baedal.hpa" -}}
{{- $a := .values.autoscaling -}}
{{- if and $a.enabled (not (and .values.keda .values.keda.enabled)) -}}
{{- if not (or $a.targetCPUUtilizationPercentage $a.targetMemoryUtilizationPercentage) -}}
{{- fail (printf "%s.autoscaling: set targetCPUUtilizationPercentage and/or targetMemoryUtilizationPercentage" .key) -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  {{- include "baedal.metadata" . | nindent 2 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "baedal.componentName" . }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    {{- with $a.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $a.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
  {{- with $a.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
{{- end -}}

{{- define "baedal.pdb" -}}
{{- if .values.pdb.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  {{- include "baedal.metadata" . | nindent 2 }}
spec:
  {{- if not (kindIs "invalid" .values.pdb.maxUnavailable) }}
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  {{- else }}
  minAvailable: {{ .values.pdb.minAvailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "baedal.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{/* NetworkPolicy peers: DNS, database, Kafka, HTTPS egress rules. Context: root. */}}
{{- define "baedal.egress.dns" -}}
- to:
    - namespaceSelector:
        {{- toYaml .Values.networkPolicy.egress.dnsNamespaceSelector | nindent 8 }}
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end -}}

{{- define "baedal.egress.cidrPorts" -}}
- ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with .cidrs }}
  to:
    {{- range . }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  {{- end }}
{{- end -}}

{{- define "baedal.egress.database" -}}
{{ include "baedal.egress.cidrPorts" (dict "cidrs" .Values.networkPolicy.egress.databaseCidrs "ports" .Values.networkPolicy.egress.databasePorts) }}
{{- end -}}

{{- define "baedal.egress.kafka" -}}
{{ include "baedal.egress.cidrPorts" (dict "cidrs" .Values.networkPolicy.egress.kafkaCidrs "ports" .Values.networkPolicy.egress.kafkaPorts) }}
{{- end -}}

{{- define "baedal.egress.https" -}}
{{ include "baedal.egress.cidrPorts" (dict "cidrs" .Values.networkPolicy.egress.httpsCidrs "ports" (list 443)) }}
{{- end -}}

{{/* Egress to the OpenTelemetry collector (the port of tracing.otlpEndpoint), only when one is set. Context: root. */}}
{{- define "baedal.egress.otlp" -}}
{{- with .Values.tracing.otlpEndpoint -}}
{{- $url := urlParse . -}}
{{- $hostPort := splitList ":" $url.host -}}
{{- $port := ternary (last $hostPort) (ternary "443" "80" (eq $url.scheme "https")) (eq (len $hostPort) 2) -}}
{{ include "baedal.egress.cidrPorts" (dict "cidrs" list "ports" (list (int $port))) }}
{{- end -}}
{{- end -}}

{{/* Egress to another component's pods. Context: dict root, name (target), values (target). */}}
{{- define "baedal.egress.component" -}}
- to:
    - podSelector:
        matchLabels:
          {{- include "baedal.selectorLabels" . | nindent 10 }}
  ports:
    - port: {{ .values.port }}
      protocol: TCP
{{- end -}}

{{/* Ingress from another component's pods. Context: dict root, name (source). */}}
{{- define "baedal.from.component" -}}
- podSelector:
    matchLabels:
      {{- include "baedal.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/* Ingress rule for Prometheus when the component's ServiceMonitor is on: the management port only, never the
     application port. Context: component ctx. */}}
{{- define "baedal.ingress.metrics" -}}
{{- if .values.metrics.serviceMonitor.enabled }}
- from:
    - namespaceSelector:
        {{- toYaml .root.Values.networkPolicy.metricsNamespaceSelector | nindent 8 }}
  ports:
    - port: {{ .values.managementPort }}
      protocol: TCP
{{- end }}
{{- end -}}

{{/* NetworkPolicy skeleton; .ingress and .egress are rendered rule lists. */}}
{{- define "baedal.networkPolicy" -}}
{{- if .root.Values.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "baedal.metadata" . | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      {{- include "baedal.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- .ingress | trim | nindent 4 }}
  egress:
    {{- .egress | trim | nindent 4 }}
{{- end -}}
{{- end -}}

{{- define "baedal.serviceMonitor" -}}
{{- $sm := .values.metrics.serviceMonitor -}}
{{- if $sm.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "baedal.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "baedal.labels" . | nindent 4 }}
    {{- with $sm.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "baedal.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames:
      - {{ .root.Release.Namespace }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      interval: {{ $sm.interval }}
{{- end -}}
{{- end -}}

{{/* Ingress rules of a service reached only by the gateway (plus Prometheus). Context: component ctx. */}}
{{- define "baedal.networkPolicy.fromGateway" -}}
- from:
    {{- include "baedal.from.component" (dict "root" .root "name" "gateway") | nindent 4 }}
  ports:
    - port: {{ .values.port }}
      protocol: TCP
{{ include "baedal.ingress.metrics" . }}
{{- end -}}

{{/*
The services, each with its key in values.yaml. A kind that every service has alike (Service, ServiceAccount, HPA,
PDB, ServiceMonitor) is one template that renders it for each of them; what differs per service (Deployment,
ConfigMap, NetworkPolicy, KEDA) lives in the service's own folder.
*/}}
{{- define "baedal.components" -}}
- {name: engine, key: engine}
- {name: workers, key: workers}
- {name: read-model, key: readModel}
- {name: gateway, key: gateway}
{{- end -}}

{{/* Renders .template (e.g. "baedal.hpa") for every service; a service for which it renders nothing is skipped. */}}
{{- define "baedal.eachComponent" -}}
{{- $root := .root -}}
{{- $template := .template -}}
{{- range (include "baedal.components" $root | fromYamlArray) -}}
{{- $manifest := include $template (dict "root" $root "name" .name "key" .key "values" (index $root.Values .key)) -}}
{{- if trim $manifest }}
---
{{ $manifest }}
{{- end -}}
{{- end -}}
{{- end -}}
