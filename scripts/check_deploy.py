#!/usr/bin/env python3
"""Static checks of docker-compose.yml and deploy/Dockerfile* against the scripts they call (there is no Docker engine
in CI to build them): run by scripts/check-deploy.sh, which also runs the scripts the build and entrypoint use.

Each check prints `ok` or `FAIL` with the reason; the exit status is the number of failures (capped at 100).
Usage: check_deploy.py REPO_ROOT
"""
import os
import re
import shlex
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
failures = []


def check(condition, what, why=""):
    print(("ok    " if condition else "FAIL  ") + what + ("" if condition else f": {why}"))
    if not condition:
        failures.append(what)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def dockerfile_instructions(text):
    """(instruction, argument) pairs, continuation lines joined, comments dropped."""
    out, current = [], ""
    for line in text.split("\n"):
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        current += (" " if current else "") + stripped.rstrip("\\").strip()
        if not stripped.endswith("\\"):
            keyword, _, rest = current.partition(" ")
            out.append((keyword.upper(), rest))
            current = ""
    return out


def stages(instructions):
    """[(FROM argument, [instructions])] per build stage."""
    result = []
    for keyword, rest in instructions:
        if keyword == "FROM":
            result.append((rest, []))
        elif result:
            result[-1][1].append((keyword, rest))
    return result


compose_text = read("docker-compose.yml")
compose = yaml.safe_load(compose_text)
services = compose.get("services", {})
documentation = read("README.md") + "".join(
    read(os.path.join("docs", name)) for name in sorted(os.listdir(os.path.join(ROOT, "docs"))) if name.endswith(".md"))

# --- no default database password -------------------------------------------------------------------------------
check(re.search(r"\$\{POSTGRES_PASSWORD:?-", compose_text) is None, "no default for POSTGRES_PASSWORD",
      "a ${POSTGRES_PASSWORD:-...} default is a password everyone knows")
references = re.findall(r"\$\{POSTGRES_PASSWORD([^}]*)\}", compose_text)
check(references and all(r.startswith(":?") for r in references),
      "every POSTGRES_PASSWORD reference fails with a message when it is unset (${POSTGRES_PASSWORD:?...})", str(references))
settings = "\n".join(l for l in compose_text.replace("POSTGRES_PASSWORD", "").split("\n") if not l.strip().startswith("#"))
literal = re.findall(r"(?i)password\s*[=:]\s*(?![\"']?\$\{)[^;\"'\s]+", settings)
check(not literal, "no literal password in docker-compose.yml", str(literal))

# --- images: every DigitForge service builds its image or names one a service builds ---------------------------
built = {}
for name, service in services.items():
    if "build" in service:
        build = service["build"]
        dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
        context = build.get("context", ".") if isinstance(build, dict) else build
        path = os.path.normpath(os.path.join(context, dockerfile))
        check(os.path.isfile(os.path.join(ROOT, path)), f"service {name}: its Dockerfile {path} exists", "missing")
        check("image" in service, f"service {name}: names the image it builds", "no image: other services cannot name it")
        built[service.get("image")] = path
for name, service in services.items():
    image = service.get("image", "")
    if image.startswith("digitforge"):
        check("build" in service or image in built, f"service {name}: builds {image} or uses the image a service builds",
              "it would pull an image that no one built")

# --- the app: healthcheck on the health endpoint the API maps -------------------------------------------------------
program = read("src/Api/Program.cs")
health_paths = re.findall(r'MapHealthChecks\("([^"]+)"\)', program)
app = services.get("app", {})
test = app.get("healthcheck", {}).get("test", [])
test_text = " ".join(test) if isinstance(test, list) else str(test)
check(bool(health_paths) and any(p in test_text for p in health_paths), "app: healthcheck on the API's health endpoint",
      f"healthcheck {test_text!r}, API maps {health_paths}")
for name, service in services.items():
    if service.get("command") and "worker" in service.get("command"):
        check(service.get("healthcheck", {}).get("disable") is True or "healthcheck" in service,
              f"service {name}: a worker does not inherit the app's HTTP healthcheck", "it would be reported unhealthy")
    depends = service.get("depends_on", {})
    if "app" in depends:
        check(depends["app"].get("condition") == "service_healthy", f"service {name}: waits for a healthy app (data in place)",
              str(depends["app"]))

# --- volumes: the data directory is the shared volume --------------------------------------------------------------
anchor_env = compose.get("x-digitforge-env", {})
data_dir = anchor_env.get("DIGITFORGE_DATA_DIR")
for name, service in services.items():
    env = service.get("environment", {})
    if "DIGITFORGE_DATA_DIR" in env:
        mounts = [v.split(":", 1)[1] for v in service.get("volumes", []) if isinstance(v, str) and ":" in v]
        check(env["DIGITFORGE_DATA_DIR"] in mounts, f"service {name}: DIGITFORGE_DATA_DIR is a mounted volume",
              f"{env['DIGITFORGE_DATA_DIR']} not in {mounts}")
keys_code = read("src/Api/Hosting/DataProtectionKeysInDataDir.cs")
check("DataDirectory.Resolve" in keys_code and "AddDataProtectionKeysInDataDir" in program,
      "data-protection keys are kept in the data directory (the volume)", "Program.cs does not call AddDataProtectionKeysInDataDir")

# --- a GPU worker profile --------------------------------------------------------------------------------------------
gpu = [n for n, s in services.items() if "gpu" in (s.get("profiles") or [])]
check(bool(gpu), "a service in the gpu profile", "none")
for name in gpu:
    devices = services[name].get("deploy", {}).get("resources", {}).get("reservations", {}).get("devices", [])
    check(any("gpu" in (d.get("capabilities") or []) for d in devices), f"service {name}: reserves a GPU device", str(devices))

# --- environment variables are documented ----------------------------------------------------------------------------
standard = re.compile(r"^(ASPNETCORE_|POSTGRES_(DB|USER)$|DOTNET_)")
variables = set()
for service in list(services.values()) + [{"environment": anchor_env}]:
    variables.update(service.get("environment", {}).keys())
variables.update(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", compose_text))
for dockerfile in sorted(set(built.values())):
    for keyword, rest in dockerfile_instructions(read(dockerfile)):
        if keyword == "ENV":
            variables.update(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", rest))
entrypoint = read("deploy/entrypoint.sh")
variables.update(re.findall(r"\$\{(DIGITFORGE_[A-Z0-9_]+)", entrypoint))
for variable in sorted(variables):
    if standard.match(variable):
        continue
    colon = variable.replace("__", ":")
    check(variable in documentation or colon in documentation, f"{variable} is documented (README.md or docs/)",
          f"neither {variable} nor {colon} appears there")

# --- Dockerfiles: every script they run exists, runtime stages carry no build tools -------------------------------
for dockerfile in sorted(set(built.values())):
    text = read(dockerfile)
    instructions = dockerfile_instructions(text)
    for keyword, rest in instructions:
        if keyword == "RUN":
            for script in re.findall(r"(?:bash|sh)\s+((?:scripts|deploy)/[\w./-]+)", rest):
                check(os.path.isfile(os.path.join(ROOT, script)), f"{dockerfile}: RUN {script} exists", "missing")
        if keyword == "COPY" and "--from" not in rest:
            for source in shlex.split(rest)[:-1]:
                if source != ".":
                    check(os.path.exists(os.path.join(ROOT, source)), f"{dockerfile}: COPY {source} exists", "missing")
    parts = stages(instructions)
    check(len(parts) >= 2, f"{dockerfile}: a build stage and a runtime stage", f"{len(parts)} stage(s)")
    if len(parts) >= 2:
        build_runs = " ".join(r for k, r in parts[0][1] if k == "RUN")
        check("scripts/build.sh" in build_runs and "scripts/publish.sh" in build_runs,
              f"{dockerfile}: builds with scripts/build.sh and scripts/publish.sh (what CI runs)", build_runs)
        runtime_runs = " ".join(r for k, r in parts[-1][1] if k == "RUN")
        dev = re.findall(r"\b[\w.+-]+-dev\b", runtime_runs.replace("libicu-dev", ""))
        check(not dev, f"{dockerfile}: the runtime stage installs no -dev packages", str(dev))
        check(not re.search(r"\b(g\+\+|cmake|build-essential|dotnet-sdk)\b", runtime_runs),
              f"{dockerfile}: the runtime stage installs no compilers", runtime_runs)
        base_tags = [re.sub(r"^.*:", "", f.split()[0]).replace("-devel", "").replace("-runtime", "") for f, _ in parts]
        check(len(set(base_tags)) == 1, f"{dockerfile}: build and runtime stages share one base tag (same libtorch ABI)",
              str(base_tags))
    if parts:
        users = [r.split(":")[0].strip() for k, r in parts[-1][1] if k == "USER"]
        check(bool(users) and users[-1] not in ("root", "0"), f"{dockerfile}: the runtime stage runs as a non-root USER",
              f"last USER {users[-1] if users else 'none (root)'}")
    entry = [r for k, r in instructions if k == "ENTRYPOINT"]
    check(bool(entry) and "digitforge-entrypoint" in entry[-1], f"{dockerfile}: runs deploy/entrypoint.sh", str(entry))

cpu = read("deploy/Dockerfile")
check("HEALTHCHECK" in cpu and any(p in cpu for p in health_paths), "deploy/Dockerfile: HEALTHCHECK on the health endpoint", "")
check("runtime-packages.txt" in cpu and "libopenblas0-pthread" in cpu,
      "deploy/Dockerfile: the runtime stage installs the engine's runtime packages and OpenBLAS", "")

# --- the entrypoint: download, then the offline copy, then serve anyway -------------------------------------------
download = entrypoint.find("data download")
offline = entrypoint.find("data import")
check(0 <= download < offline, "entrypoint: falls back to the offline import when the download fails", "")
check(not re.search(r"^\s*set\s+-e", entrypoint, re.M), "entrypoint: a failed data step does not exit (no restart loop)",
      "set -e would end the container")

print(f"{len(failures)} failure(s)" if failures else "docker-compose.yml and deploy/ agree with the scripts")
sys.exit(min(len(failures), 100))
