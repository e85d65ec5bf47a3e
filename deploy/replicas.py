"""Running the app's server processes: one `streamlit run app.py`, or several behind nginx.

`replicas` starts N app processes on free local ports, writes an nginx configuration of its own to
a temporary folder (sticky sessions by client address, websocket upgrades, long read timeouts) and
runs Debian's nginx in front of them; leaving the `with` block stops them all. `python -m deploy`
(deploy/__main__.py) and the benchmarks (benchmarks/load_bench.py) use the same functions.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from data_sources.db import ROOT

NGINX = "nginx"
READY_PATH = "/api/ready"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(base: str, *, timeout: float = 300.0, process: subprocess.Popen | None = None) -> None:
    """Wait until `base` answers the readiness route (the database answers too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server at {base} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + READY_PATH, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{base} not ready after {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server process: terminate, then kill if it does not leave within 20 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def app_process(
    port: int, env: dict[str, str], *, options: Sequence[str] = (), log: Path | None = None, wait: bool = True
) -> Iterator[subprocess.Popen]:
    """One `streamlit run app.py` on 127.0.0.1:`port` (settings from .streamlit/config.toml, then
    `options` such as "--runner.postScriptGC=true"); yields once ready (at once with `wait=False`),
    stops it on the way out."""
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
               "--server.address=127.0.0.1", f"--server.port={port}", *options]  # fmt: skip
    with ExitStack() as stack:
        output = stack.enter_context(log.open("ab")) if log else subprocess.DEVNULL
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=output,
                                   stderr=subprocess.STDOUT)  # fmt: skip
        stack.callback(stop, process)
        if wait:
            wait_ready(f"http://127.0.0.1:{port}", process=process)
        yield process


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU a process has used so far (Linux /proc); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def nginx_available() -> bool:
    return shutil.which(NGINX) is not None or Path("/usr/sbin/nginx").exists()


def nginx_config(folder: Path, port: int, upstream_ports: Sequence[int]) -> str:
    """An nginx configuration that balances `upstream_ports` with sticky sessions.

    Sticky by client address (`hash $remote_addr consistent`): a Streamlit session lives in one
    process's memory, and a browser's websocket and its HTTP requests (uploads, media) must reach
    that process. Consistent hashing moves only a share of the visitors when a replica is added.
    """
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstream_ports)
    return f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    server_tokens off;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 60m;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream city {{
        hash $remote_addr consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://city;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;
        }}
    }}
}}
"""


@contextmanager
def nginx(port: int, upstream_ports: Sequence[int]) -> Iterator[subprocess.Popen]:
    """Debian's nginx on 127.0.0.1:`port` in front of `upstream_ports`, from a temporary folder."""
    binary = shutil.which(NGINX) or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="city-nginx-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers (nobody, when started as root) keep request bodies in here
        config = folder / "nginx.conf"
        config.write_text(nginx_config(folder, port, upstream_ports), encoding="utf-8")
        process = subprocess.Popen([binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")])
        try:
            wait_ready(f"http://127.0.0.1:{port}", process=process, timeout=60)
            yield process
        finally:
            stop(process)


@contextmanager
def replicas(
    count: int, port: int, env: dict[str, str], *, options: Sequence[str] = (), log_folder: Path | None = None
) -> Iterator[list[subprocess.Popen]]:
    """`count` app processes on free ports behind nginx on `port`; yields the app processes once
    all are ready. The database's schema must exist already (several first starts at once race)."""
    with ExitStack() as stack:
        ports = [free_port() for _ in range(count)]
        apps = []
        for index, app_port in enumerate(ports):
            log = log_folder / f"replica-{index + 1}.log" if log_folder else None
            apps.append(stack.enter_context(app_process(app_port, env, options=options, log=log, wait=False)))
        for app_port, process in zip(ports, apps, strict=True):
            wait_ready(f"http://127.0.0.1:{app_port}", process=process)
        stack.enter_context(nginx(port, ports))
        yield apps
