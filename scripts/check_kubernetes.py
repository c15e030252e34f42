#!/usr/bin/env python3
"""Lint of deploy/kubernetes and deploy/grafana without a cluster (scripts/check-deploy.sh runs it).

Checks what a typo would break at apply or run time and no YAML parser notices:
  - every manifest parses and has apiVersion, kind, metadata.name; the kustomization lists only files that exist;
  - a Deployment's selector matches its pod labels; a Service/PDB/ScaledObject/Ingress points at something that exists;
  - the API container has readiness/liveness probes on /health at a declared port; GPU workers ask for nvidia.com/gpu
    and run `worker`;
  - every DigitForge__Section__Key environment variable names a real property of the options class bound to
    DigitForge:Section (read from src/), and every secretKeyRef key exists in secret.example.yaml;
  - the Grafana dashboard parses, and every metric its queries use is one the code exports (names derived from the
    instruments declared in src/ by the Prometheus exporter's rules) or a standard ASP.NET Core/.NET one.
Usage: check_kubernetes.py ROOT  (exit 1 with FAIL lines on any finding)
"""
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
K8S = ROOT / "deploy" / "kubernetes"
failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL  {message}")


def ok(message):
    print(f"ok    {message}")


def load_all(path):
    try:
        return [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    except yaml.YAMLError as e:
        fail(f"{path.relative_to(ROOT)}: not YAML: {e}")
        return []


# --- manifests ---------------------------------------------------------------------------------------------------
kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
docs = []
for name in kustomization.get("resources", []):
    path = K8S / name
    if not path.exists():
        fail(f"kustomization.yaml lists {name}, which does not exist")
        continue
    for d in load_all(path):
        for field in ("apiVersion", "kind"):
            if field not in d:
                fail(f"{name}: a document has no {field}")
        if not d.get("metadata", {}).get("name"):
            fail(f"{name}: a {d.get('kind')} has no metadata.name")
        docs.append((name, d))
listed = set(kustomization.get("resources", []))
for path in K8S.glob("*.yaml"):
    if path.name not in listed and path.name not in ("kustomization.yaml", "secret.example.yaml"):
        fail(f"{path.name} is not in kustomization.yaml's resources (it would never be applied)")
ok(f"{len(docs)} manifests parse, each with apiVersion, kind and a name")

by_kind = {}
for name, d in docs:
    by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = (name, d)
deployments = by_kind.get("Deployment", {})


def pod_labels(deployment):
    return deployment["spec"]["template"]["metadata"].get("labels", {})


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


for dname, (file, d) in deployments.items():
    if not selects(d["spec"].get("selector", {}).get("matchLabels", {}), pod_labels(d)):
        fail(f"{file}: Deployment {dname}'s selector does not match its pod labels")
for kind in ("Service",):
    for sname, (file, s) in by_kind.get(kind, {}).items():
        if not any(selects(s["spec"].get("selector", {}), pod_labels(d)) for _, d in deployments.values()):
            fail(f"{file}: Service {sname} selects no Deployment's pods")
for pname, (file, p) in by_kind.get("PodDisruptionBudget", {}).items():
    if not any(selects(p["spec"]["selector"].get("matchLabels", {}), pod_labels(d)) for _, d in deployments.values()):
        fail(f"{file}: PodDisruptionBudget {pname} selects no Deployment's pods")
for oname, (file, o) in by_kind.get("ScaledObject", {}).items():
    if o["spec"]["scaleTargetRef"]["name"] not in deployments:
        fail(f"{file}: ScaledObject {oname} scales {o['spec']['scaleTargetRef']['name']}, which is no Deployment here")
    for trigger in o["spec"].get("triggers", []):
        ref = trigger.get("authenticationRef", {}).get("name")
        if ref and ref not in by_kind.get("TriggerAuthentication", {}):
            fail(f"{file}: ScaledObject {oname} uses TriggerAuthentication {ref}, which is not defined")
for iname, (file, i) in by_kind.get("Ingress", {}).items():
    for rule in i["spec"].get("rules", []):
        for p in rule["http"]["paths"]:
            if p["backend"]["service"]["name"] not in by_kind.get("Service", {}):
                fail(f"{file}: Ingress {iname} routes to service {p['backend']['service']['name']}, which is not defined")
ok("selectors, services, budgets, autoscalers and ingress point at what exists")

secret = yaml.safe_load((K8S / "secret.example.yaml").read_text())
secret_keys = set((secret.get("stringData") or {}).keys()) | set((secret.get("data") or {}).keys())
configmaps = {n: d for n, (_, d) in by_kind.get("ConfigMap", {}).items()}

# Options classes: section -> public settable property names, read from the C# sources.
options = {}
for cs in (ROOT / "src").rglob("*.cs"):
    text = cs.read_text(errors="replace")
    m = re.search(r'SectionName\s*=\s*"DigitForge:(\w+)"', text)
    if m:
        options.setdefault(m.group(1), set()).update(re.findall(r"public\s+[\w<>?\[\], .]+?\s+(\w+)\s*\{\s*get;\s*set;", text))


def check_env(file, owner, name):
    m = re.fullmatch(r"DigitForge__(\w+?)__(\w+)", name)
    if m:
        section, key = m.groups()
        if section not in options:
            fail(f"{file}: {owner}: {name}: no options class is bound to DigitForge:{section}")
        elif key not in options[section]:
            fail(f"{file}: {owner}: {name}: DigitForge:{section} has no property {key}")


for cname, cm in configmaps.items():
    for key in cm.get("data", {}):
        check_env(by_kind["ConfigMap"][cname][0], f"ConfigMap {cname}", key)

for dname, (file, d) in deployments.items():
    spec = d["spec"]["template"]["spec"]
    claims = {v["persistentVolumeClaim"]["claimName"] for v in spec.get("volumes", []) if "persistentVolumeClaim" in v}
    for claim in claims - set(by_kind.get("PersistentVolumeClaim", {})):
        fail(f"{file}: {dname} mounts claim {claim}, which is not defined")
    for c in spec["containers"]:
        owner = f"{dname}/{c['name']}"
        if not c.get("image"):
            fail(f"{file}: {owner} has no image")
        if "memory" not in c.get("resources", {}).get("limits", {}):
            fail(f"{file}: {owner} has no memory limit")
        for ref in c.get("envFrom", []):
            if "configMapRef" in ref and ref["configMapRef"]["name"] not in configmaps:
                fail(f"{file}: {owner} reads ConfigMap {ref['configMapRef']['name']}, which is not defined")
        for env in c.get("env", []):
            check_env(file, owner, env["name"])
            key_ref = env.get("valueFrom", {}).get("secretKeyRef")
            if key_ref and (key_ref["name"] != secret["metadata"]["name"] or key_ref["key"] not in secret_keys):
                fail(f"{file}: {owner}: {env['name']} reads secret {key_ref['name']}/{key_ref['key']}, which secret.example.yaml does not have")
        ports = {p.get("name") for p in c.get("ports", [])} | {p["containerPort"] for p in c.get("ports", [])}
        is_worker = "worker" in (c.get("args") or [])
        if is_worker:
            if "nvidia.com/gpu" in d["metadata"]["name"] or "gpu" in dname:
                if "nvidia.com/gpu" not in c.get("resources", {}).get("limits", {}):
                    fail(f"{file}: {owner} is a GPU worker without an nvidia.com/gpu limit")
        else:
            for probe in ("readinessProbe", "livenessProbe"):
                get = c.get(probe, {}).get("httpGet")
                if not get or get.get("path") != "/health" or get.get("port") not in ports:
                    fail(f"{file}: {owner} needs a {probe} on /health at one of its ports")
ok("containers: images, memory limits, probes, GPU requests, env names against the options classes, secret keys")

for name, d in by_kind.get("TriggerAuthentication", {}).values():
    for ref in d["spec"].get("secretTargetRef", []):
        if ref["name"] != secret["metadata"]["name"] or ref["key"] not in secret_keys:
            fail(f"{name}: TriggerAuthentication reads {ref['name']}/{ref['key']}, which secret.example.yaml does not have")

# --- Grafana -----------------------------------------------------------------------------------------------------
exported = set()
kinds = {"CreateCounter": "counter", "CreateHistogram": "histogram", "CreateUpDownCounter": "gauge", "CreateObservableGauge": "gauge",
         "CreateObservableCounter": "counter", "CreateObservableUpDownCounter": "gauge"}
for cs in (ROOT / "src").rglob("*.cs"):
    for method, name, unit in re.findall(r'(Create\w+?)(?:<\w+>)?\(\s*"(digitforge\.[\w.]+)",\s*(?:[^,"]+,\s*)?(null|"[^"]*")', cs.read_text(errors="replace")):
        base = name.replace(".", "_")
        unit = unit.strip('"')
        suffix = {"s": "seconds", "By": "bytes"}.get(unit)
        if suffix and not base.endswith("_" + suffix):
            base += "_" + suffix
        kind = kinds.get(method, "gauge")
        exported |= {base + "_total"} if kind == "counter" else {base + s for s in ("_bucket", "_count", "_sum")} if kind == "histogram" else {base}
standard = {f"http_server_request_duration_seconds{s}" for s in ("_bucket", "_count", "_sum")} | {
    "http_server_active_requests", "kestrel_active_connections", "dotnet_gc_collections_total",
    "dotnet_process_memory_working_set_bytes", "dotnet_thread_pool_queue_length", "target_info"}
if not exported:
    fail("found no digitforge.* instruments in src/ (the lint's pattern is stale)")
dashboard_path = ROOT / "deploy" / "grafana" / "digitforge-dashboard.json"
try:
    dashboard = json.loads(dashboard_path.read_text())
except json.JSONDecodeError as e:
    fail(f"{dashboard_path.relative_to(ROOT)}: not JSON: {e}")
    dashboard = {"panels": []}
functions = {"sum", "rate", "max", "min", "avg", "by", "histogram_quantile", "le", "increase", "count", "without", "irate", "topk"}
used = 0
before = len(failures)
for p in dashboard.get("panels", []):
    for t in p.get("targets", []):
        expr = re.sub(r'\{[^}]*\}|\[[^\]]*\]|"[^"]*"', " ", t["expr"])
        expr = re.sub(r"by \([^)]*\)", " ", expr)
        for word in re.findall(r"[a-zA-Z_][a-zA-Z0-9_]*", expr):
            if word in functions:
                continue
            used += 1
            if word not in exported | standard:
                fail(f"Grafana panel '{p['title']}' queries {word}, which DigitForge does not export")
if len(failures) == before:
    ok(f"Grafana dashboard: {len(dashboard.get('panels', []))} panels, {used} metric references, all exported")

sys.exit(1 if failures else 0)
