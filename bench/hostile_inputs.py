"""What hostile inputs cost: wall time, peak memory and exit code of ``shuzhi`` on each of
the files of tests/reliability/hostile.py (an alias bomb, a 100 MB-XML .docx, …), run in a
fresh process under a memory cap. ``--src`` runs another checkout's code side by side
(e.g. main's, to see what a fix changed).

    python bench/hostile_inputs.py [--src OTHER/src] [--cap-gb 6] [--timeout 300]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

import hostile  # noqa: E402

TIME = "/usr/bin/time"  # GNU time: peak memory of the process itself


def inputs(folder: Path) -> dict[str, list]:
    """name → shuzhi arguments, with the hostile file written into ``folder``."""
    bomb = folder / "bomb.yaml"
    bomb.write_text(hostile.alias_bomb(), "utf-8")
    xml = folder / "xml-bomb.docx"
    xml.write_bytes(hostile.xml_bomb_docx())
    entity = folder / "entity.docx"
    entity.write_bytes(hostile.entity_bomb_docx())
    return {
        f"YAML 别名炸弹（{bomb.stat().st_size // 1024} KB）→ draft": ["draft", "--facts", bomb, "-o", folder / "o.txt"],
        f"100 MB XML 的 .docx（{xml.stat().st_size // 1024} KB）→ outline": ["outline", xml],
        "实体膨胀 .docx → check": ["check", entity],
        "/dev/zero 作为事实文件 → draft": ["draft", "--facts", "/dev/zero", "-o", folder / "o.txt"],
    }


def run(src: Path, args: list, cap: int, timeout: float) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, outcome) of one ``shuzhi`` process, as /usr/bin/time sees it."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(src), "SHUZHI_HOME": tempfile.mkdtemp(prefix="shuzhi-bench-")}
    with tempfile.NamedTemporaryFile("r") as measured:
        try:
            proc = subprocess.run([TIME, "-f", "%e %M", "-o", measured.name, sys.executable, "-m", "shuzhi",
                                   *map(str, args)], env=env, preexec_fn=limit, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return timeout, float("nan"), f"超过 {timeout:.0f} 秒，已终止"
        seconds, kilobytes = measured.read().split()[-2:]
    last = (proc.stderr.strip().splitlines() or [""])[-1][:70]
    return float(seconds), int(kilobytes) / 1024, f"退出码 {proc.returncode}：{last}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", type=Path, help="另一份检出的 src/，与本检出并排比较")
    parser.add_argument("--cap-gb", type=float, default=6.0)
    parser.add_argument("--timeout", type=float, default=300.0)
    options = parser.parse_args()
    sources = [("本检出", ROOT / "src")] + ([("对照", options.src.resolve())] if options.src else [])
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in inputs(Path(tmp)).items():
            for label, src in sources:
                seconds, peak, outcome = run(src, args, int(options.cap_gb * 1024 ** 3), options.timeout)
                print(f"{name:<34} {label:<4} {seconds:7.2f} 秒  峰值 {peak:6.0f} MB  {outcome}")


if __name__ == "__main__":
    main()
